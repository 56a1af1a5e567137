/**
 * Matching rules for the accounts' orders against the simulated market. Our orders never enter
 * the public book: a taker walks the book as it stands (without consuming it), and a resting order
 * fills as maker when the simulated flow trades through its price or the book comes to cross it.
 * All prices here are integer ticks; quantities are contracts.
 */
import type { BookSide, OrderBook } from '../book.js';
import type { OrderState, Side } from './order-rows.js';

/** One taker execution against one simulated level. */
export interface BookTake {
  /** Level price, ticks. */
  ticks: number;
  /** Contracts. */
  qty: number;
}

const opposite = (side: Side): BookSide => (side === 'Buy' ? 'Sell' : 'Buy');

/** Whether a price of `ticks` on `side` is at or better than `limit` for that side (a buy pays ≤ limit). */
const within = (side: Side, ticks: number, limit: number): boolean =>
  side === 'Buy' ? ticks <= limit : ticks >= limit;

/**
 * What a taker order of `qty` contracts on `side` gets from the book: the opposite levels best
 * first, down to `limitTicks` (none: any price). The book is read, never changed.
 */
export function takeLiquidity(book: OrderBook, side: Side, qty: number, limitTicks: number | undefined): BookTake[] {
  const takes: BookTake[] = [];
  let left = qty;
  for (const level of book.levels(opposite(side))) {
    if (left <= 0) break;
    if (limitTicks !== undefined && !within(side, level.ticks, limitTicks)) break;
    const take = Math.min(left, level.size);
    takes.push({ ticks: level.ticks, qty: take });
    left -= take;
  }
  return takes;
}

/**
 * Contracts on the opposite side at or better than `limitTicks`: what a limit order could take now.
 * With `sinceMs`, only levels posted or changed after that simulated time count: a resting order
 * must not meet again the liquidity it already took when it arrived (our fills leave the public
 * book as it was).
 */
export function crossingSize(
  book: OrderBook,
  side: Side,
  limitTicks: number,
  sinceMs = Number.NEGATIVE_INFINITY,
): number {
  let size = 0;
  for (const level of book.levels(opposite(side))) {
    if (!within(side, level.ticks, limitTicks)) break;
    if (level.changedMs > sinceMs) size += level.size;
  }
  return size;
}

/** Whether a limit at `limitTicks` on `side` would take liquidity now (what post-only refuses). */
export function wouldCross(book: OrderBook, side: Side, limitTicks: number): boolean {
  const best = book.best(opposite(side));
  return best !== undefined && within(side, best.ticks, limitTicks);
}

/** Contracts the public book holds at our price on our side: the queue ahead of an order that starts resting there. */
export function queueAheadAt(book: OrderBook, side: Side, limitTicks: number): number {
  return book.at(side, limitTicks)?.size ?? 0;
}

/** One public print, in ticks. */
export interface Print {
  /** The aggressor's side. */
  side: Side;
  ticks: number;
  size: number;
}

/**
 * How many contracts a resting limit at `limitTicks` fills as maker from one public print, updating
 * its queue. A print through our price (a sell below our bid) would have met us first: we fill up
 * to its size. A print at our price by the other side first eats the queue that was ahead of us.
 */
export function makerFillFromPrint(order: OrderState, limitTicks: number, print: Print): number {
  if (order.leavesQty <= 0) return 0;
  if (throughPrice(order.side, print.ticks, limitTicks)) return Math.min(order.leavesQty, print.size);
  // At our price only the other side's aggressors trade against the queue we stand in.
  if (print.side === order.side || print.ticks !== limitTicks) return 0;
  const eaten = Math.min(order.queueAhead, print.size);
  order.queueAhead -= eaten;
  return Math.min(order.leavesQty, print.size - eaten);
}

/** Whether a print at `ticks` is strictly through a resting `side` order at `limitTicks`. */
function throughPrice(side: Side, ticks: number, limitTicks: number): boolean {
  return side === 'Buy' ? ticks < limitTicks : ticks > limitTicks;
}

/**
 * Whether a trigger price has been reached by `price` (quote currency): stops buy when the price
 * rises to the stop and sell when it falls to it; if-touched orders the other way round.
 */
export function triggerReached(order: Pick<OrderState, 'side' | 'ordType' | 'stopPx'>, price: number): boolean {
  if (order.stopPx === null) return false;
  const ifTouched = order.ordType === 'MarketIfTouched' || order.ordType === 'LimitIfTouched';
  const rising = (order.side === 'Buy') !== ifTouched;
  return rising ? price >= order.stopPx : price <= order.stopPx;
}

/** Whether the order executes at any price once live (Market, Stop, MarketIfTouched) rather than at a limit. */
export function isMarketLike(order: Pick<OrderState, 'ordType'>): boolean {
  return order.ordType === 'Market' || order.ordType === 'Stop' || order.ordType === 'MarketIfTouched';
}
