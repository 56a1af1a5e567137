import type { OrderBook } from '../market/order-book.js';
import type { Fill, OpenOrder, OrderIntent, TradeView } from '../strategy/sdk.js';

/** An intent the venue refused, with the reason (post-only would cross, reduce-only would grow, unknown order…). */
export interface Reject {
  intent: OrderIntent;
  reason: string;
  timeMs: number;
}

/**
 * Where a session's orders go: the simulated venue (backtest, paper test) or an exchange (live).
 * The kernel hands it market data before the strategy sees it, submits the strategy's intents,
 * and drains fills and rejects after each event.
 */
export interface ExecutionVenue {
  /** An order intent (`market`, `limit`, `cancel`, `cancelAll`; never `timer`) at time `nowMs`. */
  submit(intent: OrderIntent, nowMs: number): void;
  /** A trade print of a session market (a simulated venue fills resting limits against it). */
  onTrade(trade: TradeView): void;
  /** A session market's book changed (a simulated venue fills market orders against it). */
  onBook(symbol: string, book: OrderBook, timeMs: number): void;
  /** Moves the venue's clock (due orders after latency are processed). */
  advance(nowMs: number): void;
  /**
   * True when the venue has nothing to do until the next `submit`: nothing pending, resting or
   * undrained. Optional (absent = never idle). While idle the kernel skips `advance` and draining
   * on every event (the backtest hot path); `onTrade` and `onBook` are still called.
   */
  isIdle?(): boolean;
  /** Fills since the last call, in time order. */
  drainFills(): Fill[];
  /** Rejects since the last call. */
  drainRejects(): Reject[];
  openOrders(symbol?: string): readonly OpenOrder[];
}
