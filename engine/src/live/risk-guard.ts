import type { Instrument } from '../market/instruments.js';
import type { OrderBook } from '../market/order-book.js';
import { contractValue } from '../portfolio/contract-math.js';
import type { Fill, OpenOrder, OrderIntent, TradeView } from '../strategy/sdk.js';
import type { ExecutionVenue, Reject } from '../venue/venue.js';
import type { RiskLimits } from './risk-limits.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What the guard reads from the session around it. */
export interface RiskGuardOptions {
  limits: RiskLimits;
  instruments: readonly Instrument[];
  /** Signed position in contracts (> 0 long). */
  positionOf(symbol: string): number;
  /** Last trade price of a market (quote currency), or null before the first trade. */
  lastPrice(symbol: string): number | null;
  /** Equity now, settlement currency, unrealised P&L included. */
  equity(): number;
  /** Called once when the guard halts trading, with the reason. */
  onHalt(reason: string): void;
}

/**
 * Risk controls in front of any {@link ExecutionVenue} (simulated or exchange), so paper and live
 * sessions obey the same limits. An order that would exceed max position or max order notional is
 * rejected (the strategy is told, as by an exchange). Exceeding the order rate or the daily loss
 * halts: every open order is cancelled, new orders are refused from then on, and `onHalt` fires
 * once; cancels still pass, so a halted session can only reduce its risk.
 */
export class RiskGuard implements ExecutionVenue {
  private readonly rejects: Reject[] = [];
  private readonly recentOrderMs: number[] = [];
  private readonly byName: Map<string, Instrument>;
  private haltReason: string | null = null;
  private blockedBecause: string | null = null;
  private dayStartMs = Number.NEGATIVE_INFINITY;
  private dayStartEquity = 0;

  constructor(
    private readonly inner: ExecutionVenue,
    private readonly o: RiskGuardOptions,
  ) {
    this.byName = new Map(o.instruments.map((i) => [i.symbol, i]));
  }

  /** Why trading halted, or null while it runs. */
  get halted(): string | null {
    return this.haltReason;
  }

  /** Refuses new orders from now on without cancelling or halting (a stopping session closes its own positions). */
  block(reason: string): void {
    this.blockedBecause ??= reason;
  }

  /** Halts from outside (the kill switch): same effect as a breached limit. */
  halt(reason: string, nowMs: number): void {
    if (this.haltReason !== null) return;
    this.haltReason = reason;
    this.inner.submit({ kind: 'cancelAll' }, nowMs);
    this.o.onHalt(reason);
  }

  submit(intent: OrderIntent, nowMs: number): void {
    if (intent.kind === 'cancel' || intent.kind === 'cancelAll' || intent.kind === 'timer') {
      this.inner.submit(intent, nowMs);
      return;
    }
    const refusal = this.refusal(intent, nowMs);
    if (refusal) {
      this.rejects.push({ intent, reason: `risk: ${refusal}`, timeMs: nowMs });
      return;
    }
    this.inner.submit(intent, nowMs);
  }

  private refusal(intent: Extract<OrderIntent, { kind: 'market' | 'limit' }>, nowMs: number): string | null {
    if (this.haltReason !== null) return `trading halted (${this.haltReason})`;
    if (this.blockedBecause !== null) return this.blockedBecause;
    const { limits } = this.o;
    while ((this.recentOrderMs[0] ?? Number.POSITIVE_INFINITY) <= nowMs - MINUTE_MS) this.recentOrderMs.shift();
    if (this.recentOrderMs.length >= limits.maxOrdersPerMinute) {
      this.halt(`more than ${limits.maxOrdersPerMinute} orders in a minute`, nowMs);
      return `max orders per minute (${limits.maxOrdersPerMinute}) reached`;
    }
    this.recentOrderMs.push(nowMs);
    const inst = this.byName.get(intent.symbol);
    if (!inst) return null; // the venue rejects unknown markets with its own reason
    const price = intent.kind === 'limit' ? intent.price : this.o.lastPrice(intent.symbol);
    if (price !== null && price > 0) {
      const notional = contractValue(inst, intent.qty, price);
      if (notional > limits.maxOrderNotional)
        return `order value ${round(notional)} ${inst.settleCurrency} exceeds max order notional ${limits.maxOrderNotional}`;
    }
    if (intent.reduceOnly) return null;
    const signed = intent.side === 'buy' ? intent.qty : -intent.qty;
    const sameSideOpen = this.inner
      .openOrders(intent.symbol)
      .filter((o) => o.side === intent.side)
      .reduce((sum, o) => sum + o.leavesQty, 0);
    const projected = Math.abs(this.o.positionOf(intent.symbol) + signed + Math.sign(signed) * sameSideOpen);
    if (projected > limits.maxPosition)
      return `position would reach ${projected} contracts, over max position ${limits.maxPosition}`;
    return null;
  }

  onTrade(trade: TradeView): void {
    this.inner.onTrade(trade);
  }

  onBook(symbol: string, book: OrderBook, timeMs: number): void {
    this.inner.onBook(symbol, book, timeMs);
  }

  advance(nowMs: number): void {
    this.inner.advance(nowMs);
    this.checkDailyLoss(nowMs);
  }

  drainFills(): Fill[] {
    return this.inner.drainFills();
  }

  drainRejects(): Reject[] {
    const inner = this.inner.drainRejects();
    if (this.rejects.length === 0) return inner;
    const all = [...this.rejects, ...inner];
    this.rejects.length = 0;
    return all;
  }

  openOrders(symbol?: string): readonly OpenOrder[] {
    return this.inner.openOrders(symbol);
  }

  /** Equity at the day's start is re-read at each 00:00 UTC (or at the run's start on its first day). */
  private checkDailyLoss(nowMs: number): void {
    if (this.haltReason !== null) return;
    const day = Math.floor(nowMs / DAY_MS) * DAY_MS;
    if (day > this.dayStartMs) {
      this.dayStartMs = day;
      this.dayStartEquity = this.o.equity();
      return;
    }
    const loss = this.dayStartEquity - this.o.equity();
    // Equity is a float sum: a loss equal to the limit up to rounding (1e-12 relative) counts as reached.
    if (loss >= this.o.limits.dailyLossLimit * (1 - 1e-12))
      this.halt(`daily loss ${round(loss)} reached the limit ${this.o.limits.dailyLossLimit}`, nowMs);
  }
}

const round = (x: number) => Number(x.toPrecision(8));
