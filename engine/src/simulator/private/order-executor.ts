/**
 * What happens to a live order: it takes liquidity, rests, fills, triggers or is cancelled, and
 * every change goes out as BitMEX frames (execution, order, position, margin, in that order). The
 * routes (exchange.ts) decide what to do; this class does it and keeps the index of open orders
 * per market that tick matching walks.
 */
import { priceToTicks, ticksToPrice } from '../../market/instruments.js';
import { averageEntry } from '../../portfolio/contract-math.js';
import type { OrderBook } from '../book.js';
import { notionals } from '../prints.js';
import type { Rng } from '../rng.js';
import { type AccountState, isReduceOnly, type MarketView } from './account-state.js';
import {
  crossingSize,
  isMarketLike,
  queueAheadAt,
  takeLiquidity,
  triggerReached,
  wouldCross,
} from './exchange-orders.js';
import {
  awaitsTrigger,
  type ExecType,
  executionRow,
  hasExecInst,
  isOpen,
  type Liquidity,
  NO_MATCH_ID,
  type OrderState,
  orderRow,
  settleCurrencyOf,
} from './order-rows.js';
import { round, signedCost } from './positions.js';
import type { PrivateEvents } from './private-events.js';

/** BitMEX's text for a post-only order that would have taken liquidity. */
export const POST_ONLY_TEXT = 'Canceled: Order had execInst of ParticipateDoNotInitiate';

/** BitMEX's text for a reduce-only (or Close) order with nothing to reduce. */
export const reduceOnlyText = (side: string, position: number): string =>
  `Canceled: Order had execInst of Close or ReduceOnly and side of ${side} but current position is ${position}`;

/** Carries out order events for every account. */
export class OrderExecutor {
  /** Open orders per market, across accounts. */
  private readonly live = new Map<string, Set<OrderState>>();

  constructor(
    private readonly market: MarketView,
    private readonly book: (symbol: string) => OrderBook,
    private readonly events: PrivateEvents,
    private readonly ids: Rng,
  ) {}

  /** Open orders of a market in creation order (a copy: matching may change the set). */
  liveOrders(symbol: string): OrderState[] {
    return [...(this.live.get(symbol) ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Markets that have open orders. */
  liveSymbols(): string[] {
    return [...this.live].filter(([, set]) => set.size > 0).map(([symbol]) => symbol);
  }

  /** Starts tracking an accepted order and announces it (`insert` + `New` execution). */
  accept(acct: AccountState, o: OrderState): void {
    this.events.insert(acct.account, 'order', o.orderID, orderRow(o, this.market.instrument(o.symbol)));
    this.execution(acct, o, 'New');
    if (isOpen(o)) this.track(o);
  }

  /** Announces an order refused on arrival: it is inserted already Canceled with `reason` prefixed to its text. */
  refuse(acct: AccountState, o: OrderState, reason: string): void {
    o.ordStatus = 'Canceled';
    o.leavesQty = 0;
    o.text = `${reason}\n${o.text}`;
    this.events.insert(acct.account, 'order', o.orderID, orderRow(o, this.market.instrument(o.symbol)));
    this.execution(acct, o, 'Canceled');
    this.publishAccount(acct, o.symbol);
  }

  /**
   * Works a live order (no trigger pending) at `timeMs`: market-like orders take what the book has;
   * limits take what crosses (post-only and fill-or-kill refuse instead) and rest the remainder
   * unless they are immediate-or-cancel.
   */
  work(acct: AccountState, o: OrderState, timeMs: number): void {
    const book = this.book(o.symbol);
    if (isMarketLike(o) || o.price === null) {
      this.take(acct, o, undefined, timeMs);
      if (isOpen(o)) this.cancel(acct, o, this.leftoverText(acct, o), timeMs);
      return;
    }
    const limit = priceToTicks(o.price, this.market.instrument(o.symbol).tickSize);
    if (hasExecInst(o, 'ParticipateDoNotInitiate') && wouldCross(book, o.side, limit)) {
      this.cancel(acct, o, POST_ONLY_TEXT, timeMs);
      return;
    }
    if (o.timeInForce === 'FillOrKill' && crossingSize(book, o.side, limit) < o.leavesQty) {
      this.cancel(acct, o, 'Canceled: Order had timeInForce of FillOrKill', timeMs);
      return;
    }
    this.take(acct, o, limit, timeMs);
    if (!isOpen(o)) return;
    if (o.timeInForce === 'ImmediateOrCancel' || o.timeInForce === 'FillOrKill') {
      this.cancel(acct, o, this.leftoverText(acct, o), timeMs);
      return;
    }
    this.rest(acct, o, limit, timeMs);
  }

  /** Lets a limit order rest at `limit` ticks, behind what the public book holds there. */
  rest(acct: AccountState, o: OrderState, limit: number, timeMs: number): void {
    o.workingIndicator = true;
    o.queueAhead = queueAheadAt(this.book(o.symbol), o.side, limit);
    o.restingSinceMs = timeMs;
    o.timestamp = timeMs;
    this.orderChanged(acct, o);
  }

  /** Triggers a stop / if-touched order at `timeMs`, then works it. */
  trigger(acct: AccountState, o: OrderState, timeMs: number): void {
    o.triggered = 'StopOrderTriggered';
    o.workingIndicator = true;
    o.text = `Triggered: Order stop price reached\n${o.text}`;
    o.timestamp = timeMs;
    this.orderChanged(acct, o);
    this.work(acct, o, timeMs);
  }

  /** Whether an untriggered order's trigger price is reached: by `lastPrice`, or by the mark when its execInst says MarkPrice. */
  triggerDue(o: OrderState, lastPrice: number): boolean {
    return triggerReached(o, hasExecInst(o, 'MarkPrice') ? this.market.mark(o.symbol) : lastPrice);
  }

  /** Cancels an open order at `timeMs`, prefixing `text` to its text. */
  cancel(acct: AccountState, o: OrderState, text: string, timeMs: number): void {
    if (!isOpen(o)) return;
    o.ordStatus = 'Canceled';
    o.leavesQty = 0;
    o.workingIndicator = false;
    o.text = `${text}\n${o.text}`;
    o.timestamp = timeMs;
    this.untrack(o);
    this.orderChanged(acct, o);
    this.execution(acct, o, 'Canceled');
    this.publishAccount(acct, o.symbol);
  }

  /**
   * Fills up to `qty` contracts of an open order at `price` (quote currency) and books the result;
   * a reduce-only order fills only what reduces the position. Returns the contracts filled.
   */
  fill(acct: AccountState, o: OrderState, qty: number, price: number, liquidity: Liquidity, timeMs: number): number {
    if (!isOpen(o)) return 0;
    const position = acct.position(o.symbol);
    let filled = Math.min(qty, o.leavesQty);
    if (isReduceOnly(o)) {
      filled = Math.min(filled, o.side === 'Buy' ? Math.max(0, -position.qty) : Math.max(0, position.qty));
    }
    if (filled <= 0) return 0;
    const inst = position.inst;
    const fees = this.market.fees(o.symbol);
    const rate = liquidity === 'AddedLiquidity' ? fees.maker : fees.taker;
    const execComm = Math.round(Math.abs(signedCost(inst, filled, price)) * rate);
    o.avgPx = o.cumQty === 0 || o.avgPx === null ? price : averageEntry(inst, o.cumQty, o.avgPx, filled, price);
    o.cumQty += filled;
    o.leavesQty -= filled;
    o.ordStatus = o.leavesQty === 0 ? 'Filled' : 'PartiallyFilled';
    o.timestamp = timeMs;
    if (o.leavesQty === 0) {
      o.workingIndicator = false;
      this.untrack(o);
    }
    const wallet = acct.wallet(settleCurrencyOf(inst));
    wallet.realisedPnl += position.applyFill(o.side, filled, price, execComm, timeMs);
    wallet.grossComm += execComm;
    const sign = o.side === 'Buy' ? 1 : -1;
    const sizes = notionals(inst, filled, price);
    const row = this.execution(acct, o, 'Trade', {
      lastQty: filled,
      lastPx: price,
      liquidity,
      commission: rate,
      execComm,
      execCost: Math.round(signedCost(inst, sign * filled, price)),
      trdMatchID: this.ids.uuid(),
      homeNotional: round(sign * sizes.homeNotional, 8),
      foreignNotional: round(-sign * sizes.foreignNotional, 8),
      timeMs,
    });
    acct.trades.push(row);
    this.orderChanged(acct, o);
    this.publishAccount(acct, o.symbol);
    this.settleReduceOnly(acct, o.symbol, timeMs);
    return filled;
  }

  /** Sends the account's position in `symbol` (if any) and its margin in that market's currency, where changed. */
  publishAccount(acct: AccountState, symbol: string): void {
    const row = acct.positionRow(symbol);
    if (row) this.events.upsert(acct.account, 'position', `${acct.account}|${symbol}`, row);
    const currency = settleCurrencyOf(this.market.instrument(symbol));
    this.events.upsert(acct.account, 'margin', `${acct.account}|${currency}`, acct.marginRow(currency));
  }

  /** Sends the order's changed columns. */
  orderChanged(acct: AccountState, o: OrderState): void {
    this.events.upsert(acct.account, 'order', o.orderID, orderRow(o, this.market.instrument(o.symbol)));
  }

  /** Sends one execution of the order as it stands now; returns the full row. */
  execution(
    acct: AccountState,
    o: OrderState,
    execType: ExecType,
    trade?: Omit<Parameters<typeof executionRow>[2], 'execID' | 'execType'>,
  ): ReturnType<typeof executionRow> {
    const execID = this.ids.uuid();
    const facts = trade ?? {
      lastQty: 0,
      lastPx: null,
      liquidity: '' as const,
      commission: null,
      execComm: 0,
      execCost: 0,
      trdMatchID: NO_MATCH_ID,
      homeNotional: null,
      foreignNotional: null,
      timeMs: o.timestamp,
    };
    const row = executionRow(o, this.market.instrument(o.symbol), { execID, execType, ...facts });
    this.events.insert(acct.account, 'execution', execID, row);
    return row;
  }

  /** Takes liquidity for an order: one execution per level, down to `limit` ticks (none: any price). */
  private take(acct: AccountState, o: OrderState, limit: number | undefined, timeMs: number): void {
    const tick = this.market.instrument(o.symbol).tickSize;
    for (const level of takeLiquidity(this.book(o.symbol), o.side, o.leavesQty, limit)) {
      if (!isOpen(o)) break;
      const filled = this.fill(acct, o, level.qty, ticksToPrice(level.ticks, tick), 'RemovedLiquidity', timeMs);
      if (filled < level.qty) break; // a reduce-only order ran out of position to reduce
    }
  }

  /** Why an immediate order's remainder is cancelled. */
  private leftoverText(acct: AccountState, o: OrderState): string {
    const held = acct.positions.get(o.symbol)?.qty ?? 0;
    const room = o.side === 'Buy' ? Math.max(0, -held) : Math.max(0, held);
    if (isReduceOnly(o) && room === 0) return reduceOnlyText(o.side, held);
    return 'Canceled: Order had timeInForce of ImmediateOrCancel';
  }

  /** Reduce-only orders never outgrow the position: shrink them to it, cancel those with nothing left to reduce. */
  private settleReduceOnly(acct: AccountState, symbol: string, timeMs: number): void {
    const held = acct.positions.get(symbol)?.qty ?? 0;
    for (const o of acct.openOrders(symbol)) {
      if (!isReduceOnly(o) || awaitsTrigger(o)) continue;
      const room = o.side === 'Buy' ? Math.max(0, -held) : Math.max(0, held);
      if (room === 0) {
        this.cancel(acct, o, reduceOnlyText(o.side, held), timeMs);
      } else if (o.leavesQty > room) {
        o.leavesQty = room;
        o.orderQty = o.cumQty + room;
        o.timestamp = timeMs;
        this.orderChanged(acct, o);
      }
    }
  }

  private track(o: OrderState): void {
    let set = this.live.get(o.symbol);
    if (!set) {
      set = new Set();
      this.live.set(o.symbol, set);
    }
    set.add(o);
  }

  private untrack(o: OrderState): void {
    this.live.get(o.symbol)?.delete(o);
  }
}
