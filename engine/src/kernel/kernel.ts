import type { OrderBook } from '../market/order-book.js';
import { fromTicks, toTicks } from '../market/price-ticks.js';
import { contractValue } from '../portfolio/contract-math.js';
import type { EquityPoint } from '../portfolio/portfolio-port.js';
import type { BookView, CandleView, Fill, Intents, TradeView } from '../strategy/sdk.js';
import type { Reject } from '../venue/venue.js';
import type { MarketBatch } from './batch-source.js';
import { CandleSeries } from './candle-series.js';
import type { KernelOptions, KernelResult, KernelState } from './kernel-options.js';
import { LegState } from './leg-state.js';
import { KernelContext } from './strategy-context.js';

export type { KernelHooks, KernelOptions, KernelProgress, KernelResult, KernelState } from './kernel-options.js';

/** BitMEX funds perpetuals every 8 h at 04:00, 12:00 and 20:00 UTC. */
const FUNDING_EVERY_MS = 8 * 3_600_000;
const FUNDING_OFFSET_MS = 4 * 3_600_000;
const nextFundingAfter = (ms: number) =>
  Math.floor((ms - FUNDING_OFFSET_MS) / FUNDING_EVERY_MS + 1) * FUNDING_EVERY_MS + FUNDING_OFFSET_MS;

/**
 * The one event loop of every mode. For each market event, in time order: move the clock; run due
 * timers; update the book or mark the trade; let the venue fill against it; let the strategy react;
 * book fills into the portfolio and tell the strategy; route its intents; charge funding at 8 h
 * instants; sample equity. Deterministic: the same events and settings give the same result.
 *
 * A backtest runs [fromMs, toMs) of the archive. A live or paper session runs open-ended
 * (`toMs` infinite) on a live source whose batches also carry the wall clock (`clockMs`), and
 * stores what happens through the hooks (`onFill`, `onEquity`, …) as it happens.
 */
export class Kernel {
  private readonly ctx: KernelContext;
  private readonly legs: LegState[];
  private readonly timers: { atMs: number; tag: string }[] = [];
  private readonly fills: Fill[] = [];
  private readonly rejects: Reject[] = [];
  private readonly equity: EquityPoint[] = [];
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
  private readonly every: number;
  private nextEquityMs: number;
  private nextFundingMs: number;
  /** The earliest of the next equity sample, funding instant and timer: the hot loop checks only this. */
  private nextBoundaryMs = Number.NEGATIVE_INFINITY;
  private inPosition = false;
  private exposureMs = 0;
  private skipped = 0;
  private events = 0;
  private done = false;
  private stopRequested = false;
  private readonly keepFills: boolean;

  constructor(private readonly o: KernelOptions) {
    this.legs = o.markets.map((m, i) => new LegState(i, m));
    const books = new Map<string, OrderBook>(this.legs.map((l) => [l.inst.symbol, l.book]));
    this.ctx = new KernelContext(
      o.mode,
      o.markets.map((m) => m.symbol),
      o.portfolio,
      o.venue,
      books,
      o.log,
      (symbol) => {
        const leg = this.legs.find((l) => l.inst.symbol === symbol);
        return leg && !Number.isNaN(leg.last) ? leg.last : null;
      },
      o.onIndicator,
    );
    for (const c of o.candles) this.legs[c.leg]?.candles.push(new CandleSeries(c.leg, c.period));
    const first = this.legs[0];
    if (!first) throw new RangeError('a session trades at least one market');
    this.bookView = {
      symbol: '',
      timeMs: 0,
      tickSize: 0,
      book: first.book,
      changeSide: 0,
      changeTicks: 0,
      changeSize: 0,
      changePrevSize: 0,
    };
    this.every = o.equityEveryMs ?? 60_000;
    this.nextEquityMs = Math.floor(o.fromMs / this.every) * this.every + this.every;
    this.nextFundingMs = nextFundingAfter(o.fromMs);
    this.keepFills = o.keepFills ?? true;
  }

  /**
   * Ends an open-ended run: the kernel stops reading the source after the current batch (a
   * blocked live source still delivers its next batch, at most a clock period away), then closes
   * what is open at the last prices, as at the end of a backtest. Stopping the source itself ends
   * the run sooner.
   */
  stop(): void {
    this.stopRequested = true;
  }

  /** The run's figures so far; the equity array is the kernel's own. */
  state(): KernelState {
    return {
      nowMs: this.ctx.nowMs,
      events: this.events,
      skipped: this.skipped,
      exposureMs: this.exposureMs,
      equity: this.equity,
    };
  }

  /** Last trade price of a session market, quote currency; null before its first trade. */
  lastPrice(symbol: string): number | null {
    return this.ctx.lastPrice(symbol);
  }

  async run(): Promise<KernelResult> {
    const { o } = this;
    this.ctx.nowMs = o.fromMs;
    this.primePrices();
    this.sampleEquity(o.fromMs);
    this.route(o.strategy.onStart?.(this.ctx));
    this.updateBoundary();
    const started = performance.now();
    let reported = 0;
    for await (const batch of o.source.batches()) {
      if (this.stopRequested) break;
      this.runBatch(batch);
      const clock = batch.clockMs;
      if (clock !== undefined && !this.done) {
        // Wall time (live sources): timers, funding and equity samples are due even without events.
        if (clock >= o.toMs) this.done = true;
        else if (clock > this.ctx.nowMs) this.advanceTo(clock);
      }
      // Let timers and I/O run (queue lock renewal, cancellation) between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (o.signal?.aborted) throw new Error(`${o.mode} run cancelled`);
      if (o.onProgress && this.events - reported >= 16_384) {
        reported = this.events;
        const secs = (performance.now() - started) / 1000;
        o.onProgress({
          fraction: Math.min(1, (this.ctx.nowMs - o.fromMs) / (o.toMs - o.fromMs)),
          simTimeMs: this.ctx.nowMs,
          events: this.events,
          eventsPerSec: this.events / Math.max(secs, 1e-6),
          equity: o.portfolio.equity(),
        });
      }
      if (this.done || this.stopRequested) break;
    }
    // An open-ended run ends where its clock is (never advance to infinity).
    const endMs = Number.isFinite(o.toMs) ? o.toMs : this.ctx.nowMs;
    this.advanceTo(endMs);
    // An exchange closes and liquidates positions itself: its fills are the only truth.
    if (o.localSettlement !== false) this.closeAll(endMs);
    const last = this.equity.at(-1);
    if (last && last.time === endMs) {
      last.equity = o.portfolio.equity();
      o.onEquity?.(last);
    } else this.sampleEquity(endMs);
    return {
      fills: this.fills,
      rejects: this.rejects,
      equity: this.equity,
      events: this.events,
      skipped: this.skipped,
      exposureMs: this.exposureMs,
    };
  }

  /**
   * One batch, merged in time order across legs and kinds. At equal times: a leg's snapshot, then
   * its deltas, then its trades (a trade sees the book it hit); earlier legs first. Times compare
   * as (ms, sub-ms ns) read from Uint32 views: exact, and no BigInt per event.
   */
  private runBatch(batch: MarketBatch): void {
    const legs = this.legs;
    for (let l = 0; l < legs.length; l++) {
      const b = batch.legs[l];
      legs[l]?.load(b?.trades ?? null, b?.book ?? null);
    }
    const { fromMs, toMs } = this.o;
    const only = legs.length === 1 ? legs[0] : undefined;
    if (only && only.si >= only.sN && only.di >= only.dN) {
      this.runTradesOnly(only, fromMs, toMs);
      return;
    }
    for (;;) {
      let bestMs = Number.POSITIVE_INFINITY;
      let bestSub = 0;
      let bestLeg: LegState | null = null;
      let bestKind = 0; // 0 snapshot, 1 delta, 2 trade
      for (let l = 0; l < legs.length; l++) {
        const g = legs[l] as LegState;
        for (let kind = 0; kind < 3; kind++) {
          const u32 = kind === 0 ? g.sU32 : kind === 1 ? g.dU32 : g.tU32;
          const i = kind === 0 ? g.si : kind === 1 ? g.di : g.ti;
          const n = kind === 0 ? g.sN : kind === 1 ? g.dN : g.tN;
          if (i >= n) continue;
          const lo = u32[2 * i] ?? 0;
          const hi = u32[2 * i + 1] ?? 0;
          const x = hi * 967_296 + lo;
          const q = Math.floor(x / 1_000_000);
          const ms = hi * 4294 + q;
          const sub = x - q * 1_000_000;
          if (ms < bestMs || (ms === bestMs && sub < bestSub)) {
            bestMs = ms;
            bestSub = sub;
            bestLeg = g;
            bestKind = kind;
          }
        }
      }
      if (!bestLeg) return;
      if (bestMs >= toMs) {
        this.done = true;
        return;
      }
      const g = bestLeg;
      if (bestKind === 2) {
        const i = g.ti++;
        if (bestMs >= fromMs) this.onTrade(g, i, bestMs);
      } else {
        // Book state before `fromMs` is applied (the run starts from the real book), unseen by the strategy.
        if (bestKind === 0) g.applySnapshot(g.si++);
        else if (!g.applyDelta(g.di++)) this.skipped += 1;
        if (bestMs >= fromMs) this.onBookChanged(g, bestMs);
      }
    }
  }

  /** One market, trades only (the common single-leg strategy): nothing to merge, a straight loop. */
  private runTradesOnly(g: LegState, fromMs: number, toMs: number): void {
    const u32 = g.tU32;
    const n = g.tN;
    const quietOk = this.o.strategy.onTrade === undefined && g.tradeTicksAsIs;
    for (let i = g.ti; i < n; i++) {
      if (quietOk && this.o.venue.isIdle?.() === true) {
        i = this.runQuiet(g, i, n, fromMs);
        if (i >= n) return;
      }
      const lo = u32[2 * i] ?? 0;
      const hi = u32[2 * i + 1] ?? 0;
      const ms = hi * 4294 + Math.floor((hi * 967_296 + lo) / 1_000_000);
      if (ms >= toMs) {
        g.ti = i;
        this.done = true;
        return;
      }
      g.ti = i + 1;
      if (ms >= fromMs) this.onTrade(g, i, ms);
    }
  }

  /**
   * The hot loop of a trades-only leg while no single print can start anything: the strategy has
   * no `onTrade` and the venue is idle. Each trade does exactly what {@link onTrade} would (clock,
   * exposure, last price, marks and the liquidation test while in a position, candles, the event
   * count) until one that needs more: a boundary (timer, funding, equity sample), a candle
   * closing, the end of the run, a time before the clock or before `fromMs`, or a liquidation;
   * onTrade takes that one. Returns the index of the first trade not handled. The idle venue only
   * keeps the last print, so it is told once, at the end.
   */
  private runQuiet(g: LegState, i0: number, n: number, fromMs: number): number {
    const { o } = this;
    const cols = g.trades as NonNullable<LegState['trades']>;
    const u32 = g.tU32;
    const px = cols.priceTicks;
    const sz = cols.size;
    const series = g.candles;
    let stop = Math.min(this.nextBoundaryMs, o.toMs);
    for (let k = 0; k < series.length; k++) stop = Math.min(stop, (series[k] as CandleSeries).endMs);
    const settleLocally = o.localSettlement !== false;
    const symbol = g.inst.symbol;
    let nowMs = this.ctx.nowMs;
    let i = i0;
    for (; i < n; i++) {
      const lo = u32[2 * i] ?? 0;
      const hi = u32[2 * i + 1] ?? 0;
      const ms = hi * 4294 + Math.floor((hi * 967_296 + lo) / 1_000_000);
      if (ms >= stop || ms < nowMs || ms < fromMs) break;
      const ticks = px[i] ?? 0;
      if (ticks !== g.lastTicks) {
        const price = g.priceOf(ticks);
        if (price !== g.last) {
          if (this.inPosition) {
            o.portfolio.mark(symbol, price);
            // onTrade marks again (the same price) and liquidates.
            if (settleLocally && o.portfolio.isLiquidated()) break;
          }
          g.last = price;
          g.lastTicks = ticks;
        }
      }
      if (ms > nowMs) {
        if (this.inPosition) this.exposureMs += ms - nowMs;
        nowMs = ms;
      }
      const size = sz[i] ?? 0;
      for (let k = 0; k < series.length; k++) (series[k] as CandleSeries).fold(ticks, size);
      this.events += 1;
    }
    this.ctx.nowMs = nowMs;
    g.ti = i;
    if (i > i0) {
      const t = this.trade;
      const j = i - 1;
      t.symbol = symbol;
      t.timeMs = nowMs;
      t.priceTicks = g.lastTicks;
      t.price = g.last;
      t.size = sz[j] ?? 0;
      t.side = (cols.side[j] ?? 1) > 0 ? 1 : -1;
      o.venue.onTrade(t);
    }
    return i;
  }

  private onTrade(g: LegState, i: number, timeMs: number): void {
    const { o } = this;
    if (timeMs >= this.nextBoundaryMs) this.advanceTo(timeMs);
    else if (timeMs > this.ctx.nowMs) this.tickTo(timeMs);
    const ticks = g.tradeTicks(i);
    if (ticks === null) {
      this.skipped += 1;
      return;
    }
    this.events += 1;
    const cols = g.trades as NonNullable<LegState['trades']>;
    const t = this.trade;
    const symbol = g.inst.symbol;
    t.symbol = symbol;
    t.timeMs = timeMs;
    t.priceTicks = ticks;
    t.price = ticks === g.lastTicks ? g.last : g.priceOf(ticks);
    t.size = cols.size[i] ?? 0;
    t.side = (cols.side[i] ?? 1) > 0 ? 1 : -1;
    if (t.price !== g.last) {
      g.last = t.price;
      g.lastTicks = ticks;
      // Marks matter only to open positions: flat, they are brought up to date before a fill (settle).
      if (this.inPosition) {
        o.portfolio.mark(symbol, t.price);
        if (o.localSettlement !== false && o.portfolio.isLiquidated()) this.liquidate(timeMs);
      }
    }
    o.venue.onTrade(t);
    this.settle();
    const answer = o.strategy.onTrade?.(t, this.ctx);
    if (answer) this.route(answer);
    const series = g.candles;
    for (let k = 0; k < series.length; k++) {
      const c = series[k] as CandleSeries;
      if (c.add(timeMs, ticks, t.size)) this.deliverCandle(g, c);
    }
  }

  private onBookChanged(g: LegState, timeMs: number): void {
    const { o } = this;
    if (timeMs >= this.nextBoundaryMs) this.advanceTo(timeMs);
    else if (timeMs > this.ctx.nowMs) this.tickTo(timeMs);
    this.events += 1;
    o.venue.onBook(g.inst.symbol, g.book, timeMs);
    this.settle();
    if (o.usesBook) {
      const v = this.bookView;
      v.symbol = g.inst.symbol;
      v.timeMs = timeMs;
      v.tickSize = g.inst.tickSize;
      v.book = g.book;
      v.changeSide = g.changeSide;
      v.changeTicks = g.changeTicks;
      v.changeSize = g.changeSize;
      v.changePrevSize = g.changePrevSize;
      const answer = o.strategy.onBook?.(v, this.ctx);
      if (answer) this.route(answer);
    }
  }

  /** Moves time to `timeMs`: equity samples, funding instants and timers due by then, in order. */
  private advanceTo(timeMs: number): void {
    const { o } = this;
    for (;;) {
      const timer = this.timers[0];
      const next = Math.min(this.nextEquityMs, this.nextFundingMs, timer ? timer.atMs : Number.POSITIVE_INFINITY);
      if (next > timeMs || next >= o.toMs) break;
      this.tickTo(next);
      if (next === this.nextFundingMs) {
        for (const g of this.legs) {
          const symbol = g.inst.symbol;
          if (!Number.isNaN(g.last) && o.portfolio.positionQty(symbol) !== 0)
            o.portfolio.applyFunding(symbol, o.fundingRateOf?.(symbol) ?? o.fundingRate, g.last, next);
        }
        this.nextFundingMs += FUNDING_EVERY_MS;
      }
      if (timer && timer.atMs === next) {
        this.timers.shift();
        this.route(o.strategy.onTimer?.(timer.tag, this.ctx));
      }
      if (next === this.nextEquityMs) {
        this.sampleEquity(next);
        this.nextEquityMs += this.every;
      }
    }
    this.tickTo(timeMs);
    this.updateBoundary();
  }

  private sampleEquity(timeMs: number): void {
    const point = { time: timeMs, equity: this.o.portfolio.equity() };
    this.equity.push(point);
    this.o.onEquity?.(point);
  }

  /** Marks each leg with its `initialPrices` entry (a resumed session's open positions need a price). */
  private primePrices(): void {
    const { o } = this;
    for (const g of this.legs) {
      const price = o.initialPrices?.[g.inst.symbol];
      if (price === undefined || !(price > 0)) continue;
      g.last = price;
      g.lastTicks = toTicks(price, g.inst.tickSize) ?? Number.NaN;
      o.portfolio.mark(g.inst.symbol, price);
    }
    this.inPosition = this.anyPosition();
  }

  private updateBoundary(): void {
    const timer = this.timers[0];
    this.nextBoundaryMs = Math.min(
      this.nextEquityMs,
      this.nextFundingMs,
      timer ? timer.atMs : Number.POSITIVE_INFINITY,
    );
  }

  private tickTo(timeMs: number): void {
    if (timeMs <= this.ctx.nowMs) return;
    if (this.inPosition) this.exposureMs += timeMs - this.ctx.nowMs;
    this.ctx.nowMs = timeMs;
    if (this.o.venue.isIdle?.() === true) return;
    this.o.venue.advance(timeMs);
    this.settle();
  }

  /**
   * Whether any leg holds a position. A loop, not `legs.some(…)`: a closure in `settle` would make
   * V8 allocate a context on every call, and settle runs twice per event.
   */
  private anyPosition(): boolean {
    for (let l = 0; l < this.legs.length; l++) {
      if (this.o.portfolio.positionQty((this.legs[l] as LegState).inst.symbol) !== 0) return true;
    }
    return false;
  }

  /** Marks every leg that has a price (before a fill opens a position from flat). */
  private markAll(): void {
    for (const g of this.legs) if (!Number.isNaN(g.last)) this.o.portfolio.mark(g.inst.symbol, g.last);
  }

  private deliverCandle(g: LegState, s: CandleSeries): void {
    const c = s.closed;
    const v = this.candle;
    const tick = g.inst.tickSize;
    v.symbol = g.inst.symbol;
    v.period = s.period;
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
    if (o.venue.isIdle?.() === true) return;
    for (let round = 0; round < 16; round++) {
      const fills = o.venue.drainFills();
      const rejects = o.venue.drainRejects();
      for (const r of rejects) {
        if (this.keepFills) this.rejects.push(r);
        o.onReject?.(r);
        this.route(o.strategy.onReject?.(r.intent, r.reason, this.ctx), false);
      }
      if (fills.length === 0 && rejects.length === 0) return;
      if (!this.inPosition && fills.length !== 0) this.markAll();
      for (const f of fills) {
        o.portfolio.applyFill(f);
        if (this.keepFills) this.fills.push(f);
        o.onFill?.(f);
        this.route(o.strategy.onFill?.(f, this.ctx), false);
      }
      this.inPosition = this.anyPosition();
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
        this.updateBoundary();
      } else {
        this.o.onIntent?.(i, this.ctx.nowMs);
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
    for (const g of this.legs) {
      const m = g.inst;
      const qty = this.o.portfolio.positionQty(m.symbol);
      const price = g.last;
      if (qty === 0 || Number.isNaN(price)) continue;
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
      if (this.keepFills) this.fills.push(fill);
      this.o.onFill?.(fill);
      closed.push(fill);
    }
    this.inPosition = false;
    return closed;
  }
}
