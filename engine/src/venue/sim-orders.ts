import type { Instrument } from '../market/instruments.js';
import type { OrderBook } from '../market/order-book.js';
import type { OrderIntent, Side, TradeView } from '../strategy/sdk.js';

/**
 * Building blocks of the simulated venue: its per-market state, resting orders, the taker walk
 * over an L2 book and the maker match of resting orders against trade prints. Prices here are
 * integer ticks; sizes are contracts.
 */

/** Fee rates as fractions of contract value (0.00075 = 0.075 %); a negative rate is a rebate. */
export interface FeeRates {
  maker: number;
  taker: number;
}

/**
 * Default fees for every instrument kind: BitMEX's current perpetual schedule, taker 0.075 % and
 * maker 0.02 %. Deliberately no maker rebate (BitMEX's legacy −0.025 %), so a backtest of a
 * market-making strategy is not flattered by rebates the venue no longer pays; pass `fees` to
 * model another schedule.
 */
export const DEFAULT_FEE_RATES: Readonly<FeeRates> = Object.freeze({ maker: 0.0002, taker: 0.00075 });

/**
 * Default fee rates of an instrument: {@link DEFAULT_FEE_RATES} for every kind (inverse, quanto,
 * linear), as a fresh object the caller may change.
 */
export function defaultFees(_inst: Instrument): FeeRates {
  return { maker: DEFAULT_FEE_RATES.maker, taker: DEFAULT_FEE_RATES.taker };
}

/** A limit intent (the only kind that can rest). */
export type LimitIntent = Extract<OrderIntent, { kind: 'limit' }>;

/** A limit order resting at the venue. Mutated in place as it fills. */
export interface RestingOrder {
  readonly orderId: string;
  readonly intent: LimitIntent;
  /** The intent's tag, copied onto each fill. */
  readonly tag: string | undefined;
  readonly side: Side;
  readonly priceTicks: number;
  /** Contracts not yet filled. */
  leavesQty: number;
  /** Market contracts ahead of this order at its price; trades at the price consume it before we fill. */
  queueAhead: number;
  /** Submission order: time priority among our own orders at one price, and `openOrders` order. */
  readonly seq: number;
}

/** Everything the venue keeps per market. */
export interface SimMarket {
  readonly inst: Instrument;
  readonly fees: FeeRates;
  /** The market's book as last handed to `onBook` (the kernel's object: read, never changed). */
  book: OrderBook | null;
  /** Last trade price, quote currency; NaN before the first (a number field: no allocation per trade). */
  lastPrice: number;
  /** Resting buys, best (highest) price first, then time priority. */
  readonly buys: RestingOrder[];
  /** Resting sells, best (lowest) price first, then time priority. */
  readonly sells: RestingOrder[];
  /** Signed contracts filled since the last `drainFills` (the caller's position does not have them yet). */
  unsettled: number;
}

/** Inserts a resting order behind every own order at an equal or better price (price, then time priority). */
export function insertResting(m: SimMarket, order: RestingOrder): void {
  const list = order.side === 'buy' ? m.buys : m.sells;
  const dir = order.side === 'buy' ? 1 : -1;
  let i = 0;
  while (i < list.length && ((list[i] as RestingOrder).priceTicks - order.priceTicks) * dir >= 0) i++;
  list.splice(i, 0, order);
}

/** Removes a resting order from its market's list; false when it is not there. */
export function removeResting(m: SimMarket, order: RestingOrder): boolean {
  const list = order.side === 'buy' ? m.buys : m.sells;
  const i = list.indexOf(order);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** Whether a buy (sell) at `priceTicks` would trade against the book's best ask (bid) right now. */
export function crossesBook(book: OrderBook | null, side: Side, priceTicks: number): boolean {
  if (book === null) return false;
  if (side === 'buy') {
    const ask = book.bestAsk();
    return ask !== null && priceTicks >= ask;
  }
  const bid = book.bestBid();
  return bid !== null && priceTicks <= bid;
}

/**
 * Walks the opposite side of `book` best level first, taking up to `qty` contracts and stopping
 * at `limitTicks` (null = no limit, a market order). Calls `take` once per level touched, at that
 * level's price. The book itself is not changed: the venue reads the market's book as it is.
 * Returns the contracts taken.
 */
export function walkBook(
  book: OrderBook,
  side: Side,
  qty: number,
  limitTicks: number | null,
  take: (priceTicks: number, qty: number) => void,
): number {
  const opposite = side === 'buy' ? 'ask' : 'bid';
  const dir = side === 'buy' ? 1 : -1;
  const levels = book.depth(opposite);
  let left = qty;
  let seen = 0;
  // Snapshots of growing depth: a market order usually touches a few levels, and the full side
  // (`levels()`) can be thousands of levels to copy.
  for (let depth = 16; left > 0 && seen < levels; depth *= 2) {
    const snap = book.snapshot(Math.min(depth, levels));
    const sideLevels = side === 'buy' ? snap.asks : snap.bids;
    for (let i = seen; i < sideLevels.length && left > 0; i++) {
      const level = sideLevels[i] as (typeof sideLevels)[number];
      if (limitTicks !== null && (limitTicks - level.priceTicks) * dir < 0) return qty - left;
      const q = Math.min(left, level.size);
      take(level.priceTicks, q);
      left -= q;
    }
    seen = sideLevels.length;
  }
  return qty - left;
}

/**
 * What a maker fill may be: given the order, the proposed contracts; the venue clamps it (e.g.
 * reduce-only) and returns what it filled, or -1 to cancel the order instead.
 */
export type MakerFill = (order: RestingOrder, qty: number) => number;

/**
 * Fills resting orders on the side a trade hits (buys for a sell aggressor, sells for a buy
 * aggressor), best price first, then time priority.
 * - An order the trade went through (buy above the print, sell below it) fills without queue: the
 *   level is gone, so its `queueAhead` drops to 0.
 * - An order at the print's price first lets the trade consume the market volume queued ahead of
 *   it, then fills from what is left.
 * Our own fills take trade volume away from later orders: a print of `size` contracts never fills
 * more than `size` in total, and the queue of a later order at the same price shrinks only by the
 * volume our earlier fills did not take (the aggressor would have hit us first).
 * Filled-out and cancelled orders are removed from `orders`.
 */
export function matchTrade(
  orders: RestingOrder[],
  trade: TradeView,
  fill: MakerFill,
  onRemove: (o: RestingOrder) => void,
) {
  const dir = trade.side === -1 ? 1 : -1;
  let ownFilled = 0;
  let i = 0;
  while (i < orders.length) {
    const o = orders[i] as RestingOrder;
    const through = (o.priceTicks - trade.priceTicks) * dir;
    if (through < 0) return;
    const avail = trade.size - ownFilled;
    if (avail <= 0) return;
    let q: number;
    if (through > 0) {
      o.queueAhead = 0;
      q = Math.min(o.leavesQty, avail);
    } else {
      const consumed = Math.min(o.queueAhead, avail);
      o.queueAhead -= consumed;
      q = Math.min(o.leavesQty, avail - consumed);
    }
    if (q > 0) {
      const filled = fill(o, q);
      if (filled < 0) o.leavesQty = 0;
      else {
        ownFilled += filled;
        o.leavesQty -= filled;
      }
    }
    if (o.leavesQty <= 0) {
      orders.splice(i, 1);
      onRemove(o);
    } else i++;
  }
}
