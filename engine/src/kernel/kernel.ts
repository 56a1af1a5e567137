import type { Logger } from '../log.js';
import { CandleBuilder } from '../market/candles.js';
import type { Instrument } from '../market/instruments.js';
import { OrderBook } from '../market/order-book.js';
import type { Period } from '../market/periods.js';
import { fromTicks, toTicks } from '../market/price-ticks.js';
import { contractValue } from '../portfolio/contract-math.js';
import type { EquityPoint, PortfolioPort } from '../portfolio/portfolio-port.js';
import type { BookView, CandleView, Fill, Intents, Mode, StrategyInstance, TradeView } from '../strategy/sdk.js';
import type { ExecutionVenue, Reject } from '../venue/venue.js';
import type { MarketDataSource, SessionEvent } from './data-source.js';
import { KernelContext } from './strategy-context.js';

/** BitMEX funds perpetuals every 8 h at 04:00, 12:00 and 20:00 UTC. */
const FUNDING_EVERY_MS = 8 * 3_600_000;
const FUNDING_OFFSET_MS = 4 * 3_600_000;
const nextFundingAfter = (ms: number) =>
  Math.floor((ms - FUNDING_OFFSET_MS) / FUNDING_EVERY_MS + 1) * FUNDING_EVERY_MS + FUNDING_OFFSET_MS;

/** Progress of a run, reported every few thousand events. */
export interface KernelProgress {
  /** Share of [fromMs, toMs) replayed, 0..1. */
  fraction: number;
  simTimeMs: number;
  events: number;
  eventsPerSec: number;
  equity: number;
}

/** Everything the kernel runs with; only the adapters differ between modes. */
export interface KernelOptions {
  mode: Mode;
  strategy: StrategyInstance;
  /** Closed candles the strategy wants (symbol, period). */
  candles: readonly { symbol: string; period: Period }[];
  usesBook: boolean;
  markets: readonly Instrument[];
  source: MarketDataSource;
  venue: ExecutionVenue;
  portfolio: PortfolioPort;
  /** Unix ms UTC. */
  fromMs: number;
  toMs: number;
  /** Funding rate per 8 h charged on open positions (archives carry no funding rates). */
  fundingRate: number;
  /** Taker fee rate used to close what is open when the run ends. */
  closingFeeRate: (symbol: string) => number;
  /** Equity is sampled at every boundary of this many ms. @default 60000 */
  equityEveryMs?: number;
  onProgress?: (p: KernelProgress) => void;
  log: Logger;
  signal?: AbortSignal;
}

/** What a run produced, before metrics. */
export interface KernelResult {
  fills: Fill[];
  rejects: Reject[];
  equity: EquityPoint[];
  events: number;
  /** Events skipped because their price is not on the instrument's tick. */
  skipped: number;
  /** Time with an open position, ms. */
  exposureMs: number;
}

/**
 * The one event loop of every mode. For each market event, in time order: move the clock; run due
 * timers; update the book or mark the trade; let the venue fill against it; let the strategy react;
 * book fills into the portfolio and tell the strategy; route its intents; charge funding at 8 h
 * instants; sample equity. Deterministic: the same events and settings give the same result.
 */
export class Kernel {
  private readonly ctx: KernelContext;
  private readonly books = new Map<string, OrderBook>();
  private readonly byCandle: { symbol: string; builder: CandleBuilder; tick: number }[];
  private readonly timers: { atMs: number; tag: string }[] = [];
  private readonly fills: Fill[] = [];
  private readonly rejects: Reject[] = [];
  private readonly equity: EquityPoint[] = [];
  private readonly inst = new Map<string, Instrument>();
  private readonly trade: TradeView = { symbol: '', timeMs: 0, price: 0, priceTicks: 0, size: 0, side: 1 };
  private readonly bookView: BookView;
  private readonly candle: CandleView = {
    symbol: '',
    period: 'M1',
    time: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  private nextEquityMs: number;
  private nextFundingMs: number;
  private exposureMs = 0;
  private skipped = 0;

  constructor(private readonly o: KernelOptions) {
    for (const m of o.markets) {
      this.inst.set(m.symbol, m);
      this.books.set(m.symbol, new OrderBook(m.symbol));
    }
    this.ctx = new KernelContext(
      o.mode,
      o.markets.map((m) => m.symbol),
      o.portfolio,
      o.venue,
      this.books,
      o.log,
    );
    this.byCandle = o.candles.map((c) => ({
      symbol: c.symbol,
      builder: new CandleBuilder(c.period),
      tick: this.instrument(c.symbol).tickSize,
    }));
    this.bookView = { symbol: '', timeMs: 0, tickSize: 0, book: new OrderBook('') };
    this.nextEquityMs = o.fromMs;
    this.nextFundingMs = nextFundingAfter(o.fromMs);
  }

  /** Last trade price of a session market, quote currency; null before its first trade. */
  lastPrice(symbol: string): number | null {
    return this.ctx.lastPrice(symbol);
  }

  async run(): Promise<KernelResult> {
    const { o } = this;
    const every = o.equityEveryMs ?? 60_000;
    this.ctx.nowMs = o.fromMs;
    this.equity.push({ time: o.fromMs, equity: o.portfolio.equity() });
    this.nextEquityMs = Math.floor(o.fromMs / every) * every + every;
    this.route(o.strategy.onStart?.(this.ctx));
    let events = 0;
    const started = performance.now();
    for await (const e of o.source.events()) {
      const timeMs = Number(e.timeNs / 1_000_000n);
      if (timeMs >= o.toMs) break;
      this.advanceTo(timeMs, every);
      this.onEvent(e, timeMs);
      events += 1;
      if ((events & 0x3fff) === 0) {
        // Let timers and I/O run (queue lock renewal, cancellation): replay is otherwise one long
        // chain of microtasks between segment reads.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (o.signal?.aborted) throw new Error('backtest cancelled');
        const secs = (performance.now() - started) / 1000;
        o.onProgress?.({
          fraction: (timeMs - o.fromMs) / (o.toMs - o.fromMs),
          simTimeMs: timeMs,
          events,
          eventsPerSec: events / Math.max(secs, 1e-6),
          equity: o.portfolio.equity(),
        });
      }
    }
    this.advanceTo(o.toMs, every);
    this.closeAll(o.toMs);
    const last = this.equity.at(-1);
    const final = { time: o.toMs, equity: o.portfolio.equity() };
    if (last && last.time === o.toMs) last.equity = final.equity;
    else this.equity.push(final);
    return {
      fills: this.fills,
      rejects: this.rejects,
      equity: this.equity,
      events,
      skipped: this.skipped,
      exposureMs: this.exposureMs,
    };
  }

  /** Moves time to `timeMs`: equity samples, funding instants and timers due before it, in order. */
  private advanceTo(timeMs: number, every: number): void {
    const { o } = this;
    for (;;) {
      const timer = this.timers[0];
      const next = Math.min(this.nextEquityMs, this.nextFundingMs, timer ? timer.atMs : Number.POSITIVE_INFINITY);
      if (next > timeMs || next >= o.toMs) break;
      this.tickTo(next);
      if (next === this.nextFundingMs) {
        for (const m of o.markets) {
          const price = this.ctx.last.get(m.symbol);
          if (price !== undefined && o.portfolio.position(m.symbol).qty !== 0)
            o.portfolio.applyFunding(m.symbol, o.fundingRate, price, next);
        }
        this.nextFundingMs += FUNDING_EVERY_MS;
      }
      if (timer && timer.atMs === next) {
        this.timers.shift();
        this.route(o.strategy.onTimer?.(timer.tag, this.ctx));
        this.settle();
      }
      if (next === this.nextEquityMs) {
        this.equity.push({ time: next, equity: o.portfolio.equity() });
        this.nextEquityMs += every;
      }
    }
    this.tickTo(timeMs);
  }

  private tickTo(timeMs: number): void {
    if (timeMs <= this.ctx.nowMs) return;
    if (this.o.markets.some((m) => this.o.portfolio.position(m.symbol).qty !== 0))
      this.exposureMs += timeMs - this.ctx.nowMs;
    this.ctx.nowMs = timeMs;
    this.o.venue.advance(timeMs);
    this.settle();
  }

  private onEvent(e: SessionEvent, timeMs: number): void {
    const { o } = this;
    const inst = this.instrument(e.symbol);
    if (e.type === 'trade') {
      const ticks =
        e.tickSize === inst.tickSize ? e.priceTicks : toTicks(fromTicks(e.priceTicks, e.tickSize), inst.tickSize);
      if (ticks === null) {
        this.skipped += 1;
        return;
      }
      const t = this.trade;
      t.symbol = e.symbol;
      t.timeMs = timeMs;
      t.priceTicks = ticks;
      t.price = fromTicks(ticks, inst.tickSize);
      t.size = e.size;
      t.side = e.side;
      this.ctx.last.set(e.symbol, t.price);
      o.portfolio.mark(e.symbol, t.price);
      if (o.portfolio.position(e.symbol).qty !== 0 && o.portfolio.isLiquidated()) this.liquidate(timeMs);
      o.venue.onTrade(t);
      this.settle();
      this.route(o.strategy.onTrade?.(t, this.ctx));
      for (const c of this.byCandle) {
        if (c.symbol !== e.symbol) continue;
        const u = c.builder.apply({ id: '', symbol: e.symbol, timeMs, priceTicks: ticks, size: e.size, side: 'BUY' });
        if (u?.closed) this.deliverCandle(e.symbol, c.builder.period, u.closed, c.tick);
      }
      return;
    }
    const book = this.books.get(e.symbol);
    if (!book) return;
    if (e.type === 'snapshot') {
      book.clear();
      for (const l of e.levels) {
        const ticks = toTicks(fromTicks(l.priceTicks, e.tickSize), inst.tickSize);
        if (ticks !== null) book.set(l.side === 1 ? 'bid' : 'ask', ticks, l.size);
      }
    } else {
      const ticks =
        e.tickSize === inst.tickSize ? e.priceTicks : toTicks(fromTicks(e.priceTicks, e.tickSize), inst.tickSize);
      if (ticks === null) {
        this.skipped += 1;
        return;
      }
      if (e.size === 0) book.remove(e.side === 1 ? 'bid' : 'ask', ticks);
      else book.set(e.side === 1 ? 'bid' : 'ask', ticks, e.size);
    }
    o.venue.onBook(e.symbol, book, timeMs);
    this.settle();
    if (o.usesBook) {
      const v = this.bookView;
      v.symbol = e.symbol;
      v.timeMs = timeMs;
      v.tickSize = inst.tickSize;
      v.book = book;
      this.route(o.strategy.onBook?.(v, this.ctx));
    }
  }

  private deliverCandle(
    symbol: string,
    period: Period,
    c: { time: number; open: number; high: number; low: number; close: number; volume: number },
    tick: number,
  ): void {
    const v = this.candle;
    v.symbol = symbol;
    v.period = period;
    v.time = c.time;
    v.open = fromTicks(c.open, tick);
    v.high = fromTicks(c.high, tick);
    v.low = fromTicks(c.low, tick);
    v.close = fromTicks(c.close, tick);
    v.volume = c.volume;
    this.route(this.o.strategy.onCandle?.(v, this.ctx));
  }

  /** Books the venue's fills and rejects, telling the strategy of each fill (its answers routed too). */
  private settle(): void {
    const { o } = this;
    for (let round = 0; round < 16; round++) {
      const fills = o.venue.drainFills();
      const rejects = o.venue.drainRejects();
      for (const r of rejects) {
        this.rejects.push(r);
        this.route(o.strategy.onReject?.(r.intent, r.reason, this.ctx), false);
      }
      if (fills.length === 0 && rejects.length === 0) return;
      for (const f of fills) {
        o.portfolio.applyFill(f);
        this.fills.push(f);
        this.route(o.strategy.onFill?.(f, this.ctx), false);
      }
    }
  }

  private route(intents: Intents, settle = true): void {
    if (!intents || intents.length === 0) return;
    for (const i of intents) {
      if (i.kind === 'timer') {
        const at = Math.max(i.atMs, this.ctx.nowMs);
        let k = this.timers.length;
        while (k > 0 && (this.timers[k - 1]?.atMs ?? 0) > at) k--;
        this.timers.splice(k, 0, { atMs: at, tag: i.tag });
      } else {
        this.o.venue.submit(i, this.ctx.nowMs);
      }
    }
    if (settle) this.settle();
  }

  /**
   * Margin gone: every position is closed at its market's last price (taker fee), each fill
   * flagged `liquidation`, and the strategy is told, as an exchange's liquidation engine would.
   */
  private liquidate(timeMs: number): void {
    const fills = this.closeAll(timeMs, 'liquidation');
    this.o.log.warn('liquidated: margin gone', { time: new Date(timeMs).toISOString() });
    for (const f of fills) this.route(this.o.strategy.onFill?.(f, this.ctx));
  }

  /** Ends the run flat: every open position is closed at its market's last price, taker fee charged. */
  private closeAll(timeMs: number, reason: 'end-of-run' | 'liquidation' = 'end-of-run'): Fill[] {
    const closed: Fill[] = [];
    for (const m of this.o.markets) {
      const qty = this.o.portfolio.position(m.symbol).qty;
      const price = this.ctx.last.get(m.symbol);
      if (qty === 0 || price === undefined) continue;
      const fill: Fill = {
        orderId: reason,
        tag: reason,
        ...(reason === 'liquidation' ? { liquidation: true } : {}),
        symbol: m.symbol,
        side: qty > 0 ? 'sell' : 'buy',
        price,
        qty: Math.abs(qty),
        fee: contractValue(m, qty, price) * this.o.closingFeeRate(m.symbol),
        liquidity: 'taker',
        timeMs,
      };
      this.o.portfolio.applyFill(fill);
      this.fills.push(fill);
      closed.push(fill);
    }
    return closed;
  }

  private instrument(symbol: string): Instrument {
    const i = this.inst.get(symbol);
    if (!i) throw new RangeError(`market ${symbol} is not part of this session`);
    return i;
  }
}
