import type { MarketBatch } from './batch-source.js';
import type { CandleSeries } from './candle-series.js';
import { KernelEvents } from './kernel-events.js';
import type { KernelResult } from './kernel-options.js';
import type { LegState } from './leg-state.js';

export type { KernelHooks, KernelOptions, KernelProgress, KernelResult, KernelState } from './kernel-options.js';

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
export class Kernel extends KernelEvents {
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
}
