import type { z } from 'zod';
import type { OrderBook } from '../market/order-book.js';
import type { Period } from '../market/periods.js';

/**
 * The strategy SDK: what a strategy declares and what it sees. A strategy reacts to market events
 * and fills and answers with order intents; it never calls a venue. The same strategy code runs
 * in every mode; only the kernel's adapters (clock, data source, venue) differ.
 *
 * Hot-path objects (`TradeView`, `BookView`, `CandleView`) are reused by the kernel between
 * calls: read them during the callback, copy what you keep.
 */

/** How a session runs. */
export type Mode = 'backtest' | 'test' | 'live' | 'market';

/** Order side, as intents and fills name it. */
export type Side = 'buy' | 'sell';

/** One trade print. Reused between calls. */
export interface TradeView {
  symbol: string;
  /** Unix ms UTC. */
  timeMs: number;
  /** Quote currency. */
  price: number;
  priceTicks: number;
  /** Contracts. */
  size: number;
  /** Aggressor: 1 = buy, -1 = sell. */
  side: 1 | -1;
}

/** A market's L2 book after a change. Reused between calls. */
export interface BookView {
  symbol: string;
  timeMs: number;
  /** Price of one tick, quote currency. */
  tickSize: number;
  /** The kernel's book (integer ticks): read it, never change it. */
  book: OrderBook;
  /**
   * The level this event changed, for strategies that keep running sums instead of walking the
   * book: 1 (bid) or −1 (ask); 0 when the whole book was replaced (a snapshot) or the change is
   * unknown, so anything derived from the book must be recomputed.
   */
  changeSide: 0 | 1 | -1;
  /** Price of the changed level, integer ticks (when `changeSide` ≠ 0). */
  changeTicks: number;
  /** Its size now (0 = removed) and before the change, contracts (when `changeSide` ≠ 0). */
  changeSize: number;
  changePrevSize: number;
}

/** A closed candle (prices in the quote currency, volume in contracts). Reused between calls. */
export interface CandleView {
  symbol: string;
  period: Period;
  /** Bucket start, unix seconds UTC. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** An execution of one of the strategy's orders. */
export interface Fill {
  orderId: string;
  /** The intent's `tag`, if it had one. */
  tag?: string | undefined;
  symbol: string;
  side: Side;
  /** Quote currency. */
  price: number;
  /** Contracts, > 0. */
  qty: number;
  /** Fee in the settlement currency; negative = rebate. */
  fee: number;
  liquidity: 'maker' | 'taker';
  timeMs: number;
  /** True when the venue closed the position because its margin was gone. */
  liquidation?: boolean;
  /** The exchange's execution id (exchange venues only): the same execution is booked once. */
  execId?: string | undefined;
}

/** What a strategy asks for. The kernel routes intents to the session's venue after the callback returns. */
export type OrderIntent =
  | { kind: 'market'; symbol: string; side: Side; qty: number; reduceOnly?: boolean; tag?: string }
  | {
      kind: 'limit';
      symbol: string;
      side: Side;
      qty: number;
      /** Quote currency; must be on the instrument's tick. */
      price: number;
      postOnly?: boolean;
      reduceOnly?: boolean;
      /** The strategy's own id for the order, to cancel it later. */
      clientId?: string;
      tag?: string;
    }
  | { kind: 'cancel'; clientId: string }
  | { kind: 'cancelAll'; symbol?: string }
  /** Calls `onTimer(tag)` at `atMs` (simulated time in backtests). */
  | { kind: 'timer'; atMs: number; tag: string };

/** A resting order as the strategy sees it. */
export interface OpenOrder {
  orderId: string;
  clientId?: string | undefined;
  symbol: string;
  side: Side;
  price: number;
  /** Contracts not yet filled. */
  leavesQty: number;
}

/** Read-only state a strategy may consult in any callback. */
export interface StrategyContext {
  readonly mode: Mode;
  /** Now, unix ms UTC (simulated in backtests). */
  readonly nowMs: number;
  /** The session's markets, legs in order. */
  readonly markets: readonly string[];
  /** Signed position in contracts (> 0 long). */
  position(symbol: string): number;
  /** Average entry price of the open position (contract-weighted harmonic mean for inverse), or null when flat. */
  avgEntryPrice(symbol: string): number | null;
  openOrders(symbol?: string): readonly OpenOrder[];
  /** Last trade price, or null before the first trade. */
  lastPrice(symbol: string): number | null;
  /** The current L2 book of a market (integer ticks), or null when the session has no book data. */
  book(symbol: string): OrderBook | null;
  log(message: string, fields?: Record<string, unknown>): void;
  /**
   * Records the current value of one of the strategy's declared indicators (`indicators` of its
   * definition), at `nowMs`. Sessions stream these as typed events for charts; they are never log text.
   */
  plot(name: string, value: number): void;
}

/** An indicator a strategy plots with `ctx.plot`, for charts. */
export interface IndicatorSpec {
  name: string;
  description: string;
  /** Leg index whose price chart it belongs to. */
  leg: number;
  /** Drawn over the price (same scale) rather than in a pane of its own. */
  overlay: boolean;
}

/**
 * Intents a callback returns: none, or a list. (`void` is allowed so a callback with nothing to
 * say may simply not return.)
 */
// biome-ignore lint/suspicious/noConfusingVoidType: callbacks that return nothing must type-check
export type Intents = readonly OrderIntent[] | undefined | void;

/** One running strategy. Every callback is optional. */
export interface StrategyInstance {
  onTrade?(trade: TradeView, ctx: StrategyContext): Intents;
  onBook?(book: BookView, ctx: StrategyContext): Intents;
  onCandle?(candle: CandleView, ctx: StrategyContext): Intents;
  onFill?(fill: Fill, ctx: StrategyContext): Intents;
  onTimer?(tag: string, ctx: StrategyContext): Intents;
  /** The venue refused one of its intents (post-only would cross, reduce-only would grow…). */
  onReject?(intent: OrderIntent, reason: string, ctx: StrategyContext): Intents;
  /** Called once before the first event (e.g. to set a first timer). */
  onStart?(ctx: StrategyContext): Intents;
}

/** Parameters every strategy takes, besides its own. */
export interface CommonParams {
  /** Contracts per order. */
  trade_size: number;
  /** Leverage used for margin (1 = fully margined). */
  leverage: number;
}

/**
 * A strategy type: its name, rules and parameters. `params` is a zod object with defaults, bounds
 * and `.describe()`d units (exposed as JSON Schema for forms); it must include {@link CommonParams}.
 */
export interface StrategyDefinition<P extends z.ZodType<CommonParams> = z.ZodType<CommonParams>> {
  name: string;
  description: string;
  /** Markets it trades: 1 (one market) or 2 (two legs, e.g. XBTUSD and XBTUSDT). */
  legs: 1 | 2;
  modes: readonly Mode[];
  params: P;
  /** Closed candles it wants, per leg index and period (built by the kernel from trades). */
  candles?(params: z.infer<P>): readonly { leg: number; period: Period }[];
  /** Whether it reads the L2 book (book events are then delivered to `onBook`). */
  usesBook?: boolean;
  /** The indicators it plots (see {@link StrategyContext.plot}). */
  indicators?: readonly IndicatorSpec[];
  create(params: z.infer<P>, markets: readonly string[]): StrategyInstance;
}
