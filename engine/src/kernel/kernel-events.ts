import type { OrderBook } from '../market/order-book.js';
import { fromTicks, toTicks } from '../market/price-ticks.js';
import { contractValue } from '../portfolio/contract-math.js';
import type { EquityPoint } from '../portfolio/portfolio-port.js';
import type { BookView, CandleView, Fill, Intents, TradeView } from '../strategy/sdk.js';
import type { Reject } from '../venue/venue.js';
import { CandleSeries } from './candle-series.js';
import type { KernelOptions, KernelState } from './kernel-options.js';
import { LegState } from './leg-state.js';
import { KernelContext } from './strategy-context.js';

/** BitMEX funds perpetuals every 8 h at 04:00, 12:00 and 20:00 UTC. */
const FUNDING_EVERY_MS = 8 * 3_600_000;
const FUNDING_OFFSET_MS = 4 * 3_600_000;
const nextFundingAfter = (ms: number) =>
  Math.floor((ms - FUNDING_OFFSET_MS) / FUNDING_EVERY_MS + 1) * FUNDING_EVERY_MS + FUNDING_OFFSET_MS;

/**
 * The kernel's state and what one event does to it (kernel.ts holds the loops that feed events in
 * time order): the clock and what falls due (timers, funding, equity samples), a trade or a book
 * change handed to the venue and the strategy, fills booked, intents routed, liquidation and the
 * end-of-run close.
 */
export abstract class KernelEvents {
  protected readonly ctx: KernelContext;
  protected readonly legs: LegState[];
  protected readonly timers: { atMs: number; tag: string }[] = [];
  protected readonly fills: Fill[] = [];
  protected readonly rejects: Reject[] = [];
  protected readonly equity: EquityPoint[] = [];
  protected readonly trade: TradeView = { symbol: '', timeMs: 0, price: 0, priceTicks: 0, size: 0, side: 1 };
  protected readonly bookView: BookView;
  protected readonly candle: CandleView = {
    symbol: '',
    period: 'M1',
    time: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  protected readonly every: number;
  protected nextEquityMs: number;
  protected nextFundingMs: number;
  /** The earliest of the next equity sample, funding instant and timer: the hot loop checks only this. */
  protected nextBoundaryMs = Number.NEGATIVE_INFINITY;
  protected inPosition = false;
  protected exposureMs = 0;
  protected skipped = 0;
  protected events = 0;
  protected done = false;
  protected stopRequested = false;
  protected readonly keepFills: boolean;

  constructor(protected readonly o: KernelOptions) {
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

  protected onTrade(g: LegState, i: number, timeMs: number): void {
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

  protected onBookChanged(g: LegState, timeMs: number): void {
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
  protected advanceTo(timeMs: number): void {
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

  protected sampleEquity(timeMs: number): void {
    const point = { time: timeMs, equity: this.o.portfolio.equity() };
    this.equity.push(point);
    this.o.onEquity?.(point);
  }

  /** Marks each leg with its `initialPrices` entry (a resumed session's open positions need a price). */
  protected primePrices(): void {
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

  protected updateBoundary(): void {
    const timer = this.timers[0];
    this.nextBoundaryMs = Math.min(
      this.nextEquityMs,
      this.nextFundingMs,
      timer ? timer.atMs : Number.POSITIVE_INFINITY,
    );
  }

  protected tickTo(timeMs: number): void {
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
  protected anyPosition(): boolean {
    for (let l = 0; l < this.legs.length; l++) {
      if (this.o.portfolio.positionQty((this.legs[l] as LegState).inst.symbol) !== 0) return true;
    }
    return false;
  }

  /** Marks every leg that has a price (before a fill opens a position from flat). */
  protected markAll(): void {
    for (const g of this.legs) if (!Number.isNaN(g.last)) this.o.portfolio.mark(g.inst.symbol, g.last);
  }

  protected deliverCandle(g: LegState, s: CandleSeries): void {
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
  protected settle(): void {
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

  protected route(intents: Intents, settle = true): void {
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
  protected liquidate(timeMs: number): void {
    const fills = this.closeAll(timeMs, 'liquidation');
    this.o.log.warn('liquidated: margin gone', { time: new Date(timeMs).toISOString() });
    for (const f of fills) this.route(this.o.strategy.onFill?.(f, this.ctx));
  }

  /** Ends the run flat: every open position is closed at its market's last price, taker fee charged. */
  protected closeAll(timeMs: number, reason: 'end-of-run' | 'liquidation' = 'end-of-run'): Fill[] {
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
