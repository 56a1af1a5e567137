/**
 * The simulator's private side: accounts trading against the simulated markets. Order routes
 * (place, amend, cancel) run here synchronously between model ticks; after each tick, resting
 * orders are matched against what the tick printed and how the book moved. Frames go to
 * {@link PrivateEvents}; nothing here touches the model's state or random streams, so the public
 * feed stays the same with or without private orders.
 */
import { priceToTicks } from '../../market/instruments.js';
import type { MarketModel, TickResult } from '../model.js';
import { Rng } from '../rng.js';
import type { Row } from '../tables.js';
import { type AccountState, isReduceOnly, type MarketView } from './account-state.js';
import { BitmexHttpError, invalid } from './errors.js';
import { crossingSize, isMarketLike, makerFillFromPrint, wouldCross } from './exchange-orders.js';
import { OrderExecutor, POST_ONLY_TEXT, reduceOnlyText } from './order-executor.js';
import { checkPrice, checkQty, type NewOrder } from './order-params.js';
import { awaitsTrigger, hasExecInst, isOpen, type OrderState, orderRow, settleCurrencyOf } from './order-rows.js';
import type { PrivateEvents } from './private-events.js';

/** Random stream of order and execution ids: separate from the market's streams. */
const ID_STREAM = 77;

/** What `PUT /order` may change. Quantities in contracts, prices in quote currency. */
export interface Amendment {
  orderQty?: number | undefined;
  leavesQty?: number | undefined;
  price?: number | undefined;
  stopPx?: number | undefined;
  clOrdID?: string | undefined;
  text?: string | undefined;
}

/** Which order a route means: by orderID or by clOrdID. */
export interface OrderRef {
  orderID?: string | undefined;
  clOrdID?: string | undefined;
}

/** Orders, matching and account state for every account. */
export class PrivateExchange {
  readonly market: MarketView;
  private readonly executor: OrderExecutor;
  private readonly accounts = new Map<number, AccountState>();
  private readonly ids: Rng;
  private seq = 0;
  private marksMoved = false;

  constructor(
    private readonly model: MarketModel,
    private readonly events: PrivateEvents,
    seed: number,
  ) {
    this.market = marketView(model);
    this.ids = Rng.stream(seed, ID_STREAM);
    this.executor = new OrderExecutor(this.market, (s) => model.book(s), events, this.ids);
  }

  /** Registers an account and seeds its margin rows (clients get them in partials, then only updates). */
  addAccount(acct: AccountState): void {
    this.accounts.set(acct.account, acct);
    for (const [currency] of acct.wallets)
      this.events.seed('margin', `${acct.account}|${currency}`, acct.marginRow(currency));
  }

  /** `POST /order`: validates against the account, accepts, and works the order. Returns it as it stands. */
  place(acct: AccountState, req: NewOrder): OrderState {
    if (req.clOrdID && acct.orderByClOrdID(req.clOrdID)) throw invalid('Duplicate clOrdID');
    if (!isReduceOnly(req)) this.checkMargin(acct, req.symbol, req.side, req.orderQty);
    const now = this.model.nowMs;
    const o: OrderState = {
      ...req,
      orderID: this.ids.uuid(),
      account: acct.account,
      ordStatus: 'New',
      triggered: '',
      workingIndicator: false,
      ordRejReason: '',
      leavesQty: req.orderQty,
      cumQty: 0,
      avgPx: null,
      transactTime: now,
      timestamp: now,
      queueAhead: 0,
      restingSinceMs: now,
      seq: this.seq++,
    };
    acct.addOrder(o);
    const refusal = this.refusal(acct, o);
    if (refusal) {
      this.executor.refuse(acct, o, refusal);
      return o;
    }
    this.executor.accept(acct, o);
    if (!awaitsTrigger(o)) this.executor.work(acct, o, now);
    else if (this.executor.triggerDue(o, this.market.last(o.symbol))) this.executor.trigger(acct, o, now);
    this.executor.publishAccount(acct, o.symbol);
    return o;
  }

  /** `PUT /order`: changes quantity, prices or clOrdID of an open order. */
  amend(acct: AccountState, ref: OrderRef, change: Amendment): OrderState {
    const o = this.find(acct, ref);
    if (!o) throw invalid(ref.orderID !== undefined ? 'Invalid orderID' : 'Invalid origClOrdID');
    if (!isOpen(o)) throw invalid(`Invalid ordStatus: order is ${o.ordStatus}`);
    const inst = this.market.instrument(o.symbol);
    if (change.clOrdID && change.clOrdID !== o.clOrdID && acct.orderByClOrdID(change.clOrdID)) {
      throw invalid('Duplicate clOrdID');
    }
    if (change.orderQty !== undefined && change.leavesQty !== undefined) {
      throw invalid('Invalid amend: give orderQty or leavesQty, not both');
    }
    let orderQty = o.orderQty;
    if (change.orderQty !== undefined) orderQty = checkQty(inst, change.orderQty);
    if (change.leavesQty !== undefined) orderQty = o.cumQty + checkQty(inst, change.leavesQty, 'leavesQty');
    if (orderQty <= o.cumQty) throw invalid('Invalid orderQty: not above the filled quantity');
    if (change.price !== undefined && o.price === null) throw invalid('Invalid price: the order has no limit price');
    if (change.stopPx !== undefined && !awaitsTrigger(o))
      throw invalid('Invalid stopPx: the order has no pending stop');
    const price = change.price === undefined ? o.price : checkPrice(inst, change.price, 'price');
    const stopPx = change.stopPx === undefined ? o.stopPx : checkPrice(inst, change.stopPx, 'stopPx');
    const leaves = orderQty - o.cumQty;
    if (leaves > o.leavesQty && !isReduceOnly(o)) this.checkMargin(acct, o.symbol, o.side, leaves - o.leavesQty);
    const losesQueue = price !== o.price || leaves > o.leavesQty;
    const now = this.model.nowMs;
    o.orderQty = orderQty;
    o.leavesQty = leaves;
    o.price = price;
    o.stopPx = stopPx;
    if (change.text !== undefined) o.text = change.text;
    if (change.clOrdID) acct.renameOrder(o, change.clOrdID);
    o.timestamp = now;
    this.executor.orderChanged(acct, o);
    this.executor.execution(acct, o, 'Replaced');
    if (awaitsTrigger(o)) {
      if (this.executor.triggerDue(o, this.market.last(o.symbol))) this.executor.trigger(acct, o, now);
    } else if (o.price !== null && !isMarketLike(o)) {
      const limit = priceToTicks(o.price, inst.tickSize);
      const book = this.model.book(o.symbol);
      if (wouldCross(book, o.side, limit)) {
        if (hasExecInst(o, 'ParticipateDoNotInitiate')) this.executor.cancel(acct, o, POST_ONLY_TEXT, now);
        else this.executor.work(acct, o, now);
      } else if (losesQueue) {
        this.executor.rest(acct, o, limit, now);
      }
    }
    this.executor.publishAccount(acct, o.symbol);
    return o;
  }

  /**
   * `DELETE /order`: cancels the orders named by `orderID`s and `clOrdID`s. Orders that cannot be
   * cancelled come back with BitMEX's `error` column; none found at all is a 404.
   */
  cancel(acct: AccountState, orderIDs: readonly string[], clOrdIDs: readonly string[], text?: string): Row[] {
    const found: OrderState[] = [];
    for (const id of orderIDs) pushFound(found, acct.order(id));
    for (const id of clOrdIDs) pushFound(found, acct.orderByClOrdID(id));
    if (found.length === 0) throw new BitmexHttpError(404, 'Not Found');
    return found.map((o) => {
      if (!isOpen(o)) {
        return { ...this.row(o), error: `Unable to cancel order due to existing state: ${o.ordStatus}` };
      }
      this.executor.cancel(acct, o, `Canceled: ${text ?? 'Canceled via API.'}`, this.model.nowMs);
      return this.row(o);
    });
  }

  /** `DELETE /order/all` (and the dead man's switch): cancels the open orders that match; returns them. */
  cancelAll(acct: AccountState, match: (o: OrderState) => boolean, cancelText: string): Row[] {
    const out: Row[] = [];
    for (const o of acct.openOrders()) {
      if (!match(o)) continue;
      this.executor.cancel(acct, o, cancelText, this.model.nowMs);
      out.push(this.row(o));
    }
    return out;
  }

  /** The full REST row of an order. */
  row(o: OrderState): Row {
    return orderRow(o, this.market.instrument(o.symbol));
  }

  /**
   * Matches open orders against one model tick: each print may trigger stops and fill resting limits
   * it trades through (or reaches past the queue ahead); then limits that liquidity posted since they
   * started resting now crosses fill at their price, and mark-price stops are checked. Runs right
   * after the tick, before the next.
   */
  onTick(tick: TickResult): void {
    if (tick.indexTick) this.marksMoved = true;
    if (this.executor.liveSymbols().length === 0) return;
    for (const trade of tick.trades) {
      const live = this.executor.liveOrders(trade.symbol);
      if (live.length === 0) continue;
      const tickSize = this.market.instrument(trade.symbol).tickSize;
      const print = { side: trade.side, ticks: priceToTicks(trade.price, tickSize), size: trade.size };
      const timeMs = Date.parse(trade.timestamp);
      for (const o of live) {
        const acct = this.accounts.get(o.account);
        if (!acct || !isOpen(o)) continue;
        if (awaitsTrigger(o)) {
          if (this.executor.triggerDue(o, trade.price)) this.executor.trigger(acct, o, timeMs);
        } else if (o.price !== null && !isMarketLike(o)) {
          const qty = makerFillFromPrint(o, priceToTicks(o.price, tickSize), print);
          if (qty > 0) this.executor.fill(acct, o, qty, o.price, 'AddedLiquidity', timeMs);
        }
      }
    }
    for (const symbol of this.executor.liveSymbols()) {
      const book = this.model.book(symbol);
      const inst = this.market.instrument(symbol);
      for (const o of this.executor.liveOrders(symbol)) {
        const acct = this.accounts.get(o.account);
        if (!acct || !isOpen(o)) continue;
        if (awaitsTrigger(o)) {
          // Last-price triggers were checked per print; mark-price ones follow the mark (the last price is unused).
          const byMark = hasExecInst(o, 'MarkPrice');
          if (byMark && this.executor.triggerDue(o, Number.NaN)) this.executor.trigger(acct, o, tick.endMs);
        } else if (o.price !== null && !isMarketLike(o)) {
          const size = crossingSize(book, o.side, priceToTicks(o.price, inst.tickSize), o.restingSinceMs);
          if (size > 0) this.executor.fill(acct, o, size, o.price, 'AddedLiquidity', tick.endMs);
        }
      }
    }
  }

  /** Sends position and margin updates of open positions when the mark has moved since the last call. */
  refreshMarks(): void {
    if (!this.marksMoved) return;
    this.marksMoved = false;
    for (const acct of this.accounts.values()) {
      for (const [symbol, p] of acct.positions) if (p.qty !== 0) this.executor.publishAccount(acct, symbol);
    }
  }

  /** Why an order is refused on arrival (inserted already Canceled), or undefined. */
  private refusal(acct: AccountState, o: OrderState): string | undefined {
    if (isReduceOnly(o)) {
      const held = acct.positions.get(o.symbol)?.qty ?? 0;
      if (o.side === 'Buy' ? held >= 0 : held <= 0) return reduceOnlyText(o.side, held);
    }
    if (hasExecInst(o, 'ParticipateDoNotInitiate') && o.price !== null && !awaitsTrigger(o)) {
      const limit = priceToTicks(o.price, this.market.instrument(o.symbol).tickSize);
      if (wouldCross(this.model.book(o.symbol), o.side, limit)) return POST_ONLY_TEXT;
    }
    return undefined;
  }

  /** Refuses an order whose initial margin the account cannot cover (BitMEX's message, minor units). */
  private checkMargin(acct: AccountState, symbol: string, side: OrderState['side'], qty: number): void {
    const currency = settleCurrencyOf(this.market.instrument(symbol));
    const before = acct.marginUse(currency);
    const after = acct.marginUse(currency, { symbol, side, qty });
    const required = after.orderMargin - before.orderMargin;
    if (required > 0 && required > acct.wallet(currency).availableMargin(before)) {
      throw invalid(`Account has insufficient Available Balance, ${required} ${currency} required`);
    }
  }

  private find(acct: AccountState, ref: OrderRef): OrderState | undefined {
    if (ref.orderID !== undefined) return acct.order(ref.orderID);
    if (ref.clOrdID !== undefined) return acct.orderByClOrdID(ref.clOrdID);
    return undefined;
  }
}

function pushFound(found: OrderState[], o: OrderState | undefined): void {
  if (o && !found.includes(o)) found.push(o);
}

/** Prices, terms and fees of the model's markets; instrument rows are built once per simulated instant. */
function marketView(model: MarketModel): MarketView {
  const rows = new Map<string, { atMs: number; row: Readonly<Record<string, unknown>> }>();
  const row = (symbol: string) => {
    let cached = rows.get(symbol);
    if (cached?.atMs !== model.nowMs) {
      cached = { atMs: model.nowMs, row: model.instrumentRow(symbol) };
      rows.set(symbol, cached);
    }
    return cached.row;
  };
  const num = (symbol: string, column: string) => Number(row(symbol)[column]);
  return {
    instrument: (symbol) => model.instrument(symbol),
    mark: (symbol) => num(symbol, 'markPrice'),
    last: (symbol) => num(symbol, 'lastPrice'),
    fees: (symbol) => ({ maker: num(symbol, 'makerFee'), taker: num(symbol, 'takerFee') }),
    nowMs: () => model.nowMs,
  };
}
