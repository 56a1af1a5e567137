import type { Instrument } from '../market/instruments.js';
import type { BookChanges, OrderBook } from './book.js';
import type { FundingRow } from './funding.js';
import { correlatedPath, pastPath, syntheticHistory } from './history.js';
import { IndexState, type InstrumentRow } from './instrument-state.js';
import { createMarket, type Market } from './market.js';
import { BASE_VAR_PER_SEC, DrivingPrice, startRatio, stepPremium, stepRatio } from './price-process.js';
import type { BitmexTradeRow } from './prints.js';
import { Rng } from './rng.js';
import { Rolling24h } from './rolling24h.js';

export type { BitmexTradeRow } from './prints.js';

/** How to build a {@link MarketModel}. */
export interface ModelOptions {
  seed: number;
  /** Simulated clock start, unix ms UTC. */
  startMs: number;
  instruments: readonly Instrument[];
  /** Mean liquidity-taking orders per simulated second per market (stale-quote pick-offs come on top). @default 4 */
  tradesPerSecond?: number;
  /** Target resting levels per book side. @default 150 */
  bookLevels?: number;
}

/** The model's fixed time step, simulated ms. Output depends only on how many ticks ran, never on wall time. */
export const TICK_MS = 100;

/** What one tick `[startMs, endMs)` produced. */
export interface TickResult {
  startMs: number;
  endMs: number;
  /** Prints of every market, time-ordered. */
  trades: BitmexTradeRow[];
  /** Coalesced book changes per market, in market order. */
  books: { symbol: string; changes: BookChanges }[];
  /** Funding events whose instant fell in `(startMs, endMs]`. */
  funding: FundingRow[];
  /** True when the indices were recalculated (once per simulated second, at `endMs`). */
  indexTick: boolean;
}

/**
 * The simulator's market. One driving XBT price with volatility clustering; other underlyings
 * (ETH) follow it times a slowly wandering ratio; each perpetual trades around its index times a
 * mean-reverting premium. Every market (market.ts) has a real order book that takers trade against
 * and makers quote into (order-flow.ts), an `instrument` row and funding (instrument-state.ts,
 * funding.ts); each index has its own row. Time advances in fixed {@link TICK_MS} ticks,
 * so the same seed and start give the same market however the wall clock slices time.
 */
export class MarketModel {
  /** Simulated now, unix ms (advances in whole ticks). */
  nowMs: number;
  private readonly rng: Rng;
  private readonly markets: Market[];
  private readonly bySymbol = new Map<string, Market>();
  private readonly indices = new Map<string, IndexState>();
  /** Underlying → price as a multiple of XBT. */
  private readonly ratios = new Map<string, number>();
  private readonly driver = new DrivingPrice();
  /** Simulated ms received but not yet run (less than a tick). */
  private carryMs = 0;
  /** Called after every tick, after `advance`'s own callback (the private exchange matches here). */
  private readonly tickListeners: ((tick: TickResult) => void)[] = [];

  constructor(opts: ModelOptions) {
    this.rng = Rng.stream(opts.seed, 0);
    this.nowMs = opts.startMs;
    const now = opts.startMs;
    const tradesPerSecond = opts.tradesPerSecond ?? 4;
    const historyRng = Rng.stream(opts.seed, 1);
    const volPerMinute = Math.sqrt(BASE_VAR_PER_SEC * 60);
    const xbtPath = pastPath(historyRng, volPerMinute);
    const paths = new Map<string, number[]>();
    const pathOf = (underlying: string): number[] => {
      let path = paths.get(underlying);
      if (!path) {
        path = underlying === 'XBT' ? xbtPath : correlatedPath(historyRng, xbtPath, volPerMinute / 3);
        paths.set(underlying, path);
      }
      return path;
    };
    for (const i of opts.instruments) {
      if (!this.ratios.has(i.underlying)) this.ratios.set(i.underlying, startRatio(i.underlying));
      if (this.indices.has(i.referenceSymbol)) continue;
      const price = this.underlyingPrice(i.underlying);
      const history = syntheticHistory({
        rng: historyRng,
        nowMs: now,
        path: pathOf(i.underlying),
        price,
        tickSize: 0.01,
        volumePerMinute: 0,
        lotSize: 1,
        notionals: () => ({ grossValue: 0, homeNotional: 0, foreignNotional: 0 }),
      });
      const stats = new Rolling24h(history, now);
      this.indices.set(
        i.referenceSymbol,
        new IndexState(i.referenceSymbol, i.underlying, i.quoteCurrency, stats, price),
      );
    }
    this.markets = opts.instruments.map((instrument, n) => {
      const market = createMarket({
        instrument,
        rng: Rng.stream(opts.seed, 100 + n),
        historyRng,
        path: pathOf(instrument.underlying),
        index: this.indices.get(instrument.referenceSymbol) as IndexState,
        underlyingPrice: this.underlyingPrice(instrument.underlying),
        xbtPrice: this.driver.price,
        nowMs: now,
        tradesPerSecond,
        bookLevels: opts.bookLevels ?? 150,
      });
      this.bySymbol.set(instrument.symbol, market);
      return market;
    });
  }

  /** Symbols of the tradable markets, in option order. */
  get symbols(): string[] {
    return this.markets.map((m) => m.instrument.symbol);
  }

  /** Symbols of the indices the markets reference (`.BXBT`, `.BETH`). */
  get indexSymbols(): string[] {
    return [...this.indices.keys()];
  }

  /** The market's fair price now (index × (1 + premium)): the price its book is centred on, quote currency. */
  fairPrice(symbol: string): number {
    const m = this.market(symbol);
    return this.underlyingPrice(m.instrument.underlying) * (1 + m.premium);
  }

  /** The market's order book (read it; the model alone changes it). */
  book(symbol: string): OrderBook {
    return this.market(symbol).book;
  }

  /** The contract terms of a market. */
  instrument(symbol: string): Instrument {
    return this.market(symbol).instrument;
  }

  /**
   * Calls `listener` right after every tick (after `advance`'s `onTick`), while the model stands at
   * the tick's end. Listeners must only read the model. Returns a function that removes it.
   */
  addTickListener(listener: (tick: TickResult) => void): () => void {
    this.tickListeners.push(listener);
    return () => {
      const at = this.tickListeners.indexOf(listener);
      if (at >= 0) this.tickListeners.splice(at, 1);
    };
  }

  /** Tick size of a market, quote currency. */
  tickSize(symbol: string): number {
    return this.market(symbol).instrument.tickSize;
  }

  /** The current full `instrument` row of a market or index. */
  instrumentRow(symbol: string): InstrumentRow {
    const index = this.indices.get(symbol);
    if (index) return index.row(this.nowMs);
    return this.market(symbol).state.row(this.nowMs);
  }

  /** The latest funding event of a market (the `funding` partial). */
  lastFunding(symbol: string): FundingRow {
    return this.market(symbol).funding.lastRow;
  }

  /** Advances the clock by `dtMs` and returns the trades printed meanwhile, time-ordered. */
  step(dtMs: number): BitmexTradeRow[] {
    return this.advance(dtMs).flatMap((t) => t.trades);
  }

  /**
   * Advances the clock by `dtMs` simulated ms: runs every whole tick that fits (the remainder
   * carries over to the next call) and returns what each produced.
   * @param onTick called right after each tick, while the model still stands at its end
   */
  advance(dtMs: number, onTick?: (tick: TickResult) => void): TickResult[] {
    this.carryMs += Math.max(0, dtMs);
    const results: TickResult[] = [];
    while (this.carryMs >= TICK_MS) {
      this.carryMs -= TICK_MS;
      const tick = this.tick();
      onTick?.(tick);
      for (const listener of this.tickListeners) listener(tick);
      results.push(tick);
    }
    return results;
  }

  private tick(): TickResult {
    const startMs = this.nowMs;
    const endMs = startMs + TICK_MS;
    const dtSec = TICK_MS / 1000;
    const shock = this.driver.step(this.rng, dtSec);
    for (const [underlying, ratio] of this.ratios) {
      if (underlying !== 'XBT') this.ratios.set(underlying, stepRatio(ratio, this.rng, dtSec));
    }
    const trades: BitmexTradeRow[] = [];
    const books: TickResult['books'] = [];
    const funding: FundingRow[] = [];
    for (const m of this.markets) {
      const { instrument } = m;
      m.premium = stepPremium(m.premium, m.rng, dtSec);
      const center = (this.underlyingPrice(instrument.underlying) * (1 + m.premium)) / instrument.tickSize;
      for (const fill of m.flow.tick(center, shock, startMs, TICK_MS)) {
        const row = m.printer.print(fill);
        trades.push(row);
        m.state.onTrade(row, fill.ticks, fill.timeMs);
        // Each print opens or closes some positions.
        m.state.adjustOpenInterest(
          Math.round((fill.size / instrument.lotSize) * (2 * m.rng.next() - 1)) * instrument.lotSize,
        );
      }
      m.state.setQuote(m.book.best('Buy')?.ticks, m.book.best('Sell')?.ticks);
      m.funding.accrue(m.premium, TICK_MS);
      const paid = m.funding.settle(startMs, endMs);
      if (paid) funding.push(paid);
      m.state.roll(endMs);
      books.push({ symbol: instrument.symbol, changes: m.book.drainChanges() });
    }
    const indexTick = Math.floor(endMs / 1000) > Math.floor(startMs / 1000);
    if (indexTick) {
      const at = Math.floor(endMs / 1000) * 1000;
      const seen = new Set<string>();
      for (const m of this.markets) {
        if (!seen.has(m.index.symbol)) m.index.set(this.underlyingPrice(m.instrument.underlying), at);
        seen.add(m.index.symbol);
        m.state.setIndex(m.index.price, at);
      }
    }
    this.nowMs = endMs;
    trades.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    return { startMs, endMs, trades, books, funding, indexTick };
  }

  private underlyingPrice(underlying: string): number {
    return this.driver.price * (this.ratios.get(underlying) ?? 1);
  }

  private market(symbol: string): Market {
    const m = this.bySymbol.get(symbol);
    if (!m) throw new RangeError(`simulator has no market ${symbol}`);
    return m;
  }
}
