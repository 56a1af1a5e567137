/**
 * Everything the simulator knows about one account: its orders (all of them, for `GET /order`),
 * positions per market, wallets per settlement currency and trade executions, and the margin
 * arithmetic that ties them together.
 */
import type { Instrument } from '../../market/instruments.js';
import type { Row } from '../tables.js';
import type { AccountConfig, MarginCurrency } from './accounts.js';
import { MARGIN_CURRENCIES } from './accounts.js';
import { type MarginUse, NO_MARGIN_USE, Wallet } from './margin.js';
import { awaitsTrigger, hasExecInst, isOpen, type OrderState, type Side, settleCurrencyOf } from './order-rows.js';
import { DEFAULT_LEVERAGE, type OpenOrderExposure, Position, signedCost } from './positions.js';

/** Prices and terms of the simulated markets, as the accounts need them. */
export interface MarketView {
  instrument(symbol: string): Instrument;
  /** Mark price, quote currency. */
  mark(symbol: string): number;
  /** Last traded price, quote currency. */
  last(symbol: string): number;
  /** Fee rates (fractions; negative is a rebate). */
  fees(symbol: string): { maker: number; taker: number };
  /** Simulated now, unix ms. */
  nowMs(): number;
}

/** An order not placed yet, for a margin check. */
export interface HypotheticalOrder {
  symbol: string;
  side: Side;
  qty: number;
}

/** Whether an order may only reduce the position (`ReduceOnly`, or `Close` which implies it). */
export const isReduceOnly = (o: { execInst: string }): boolean =>
  hasExecInst(o, 'ReduceOnly') || hasExecInst(o, 'Close');

/** One account's state. */
export class AccountState {
  /** Every order, in creation order. */
  readonly orders: OrderState[] = [];
  /** Trade executions (full rows), oldest first: `GET /execution/tradeHistory`. */
  readonly trades: Row[] = [];
  readonly positions = new Map<string, Position>();
  readonly wallets: ReadonlyMap<MarginCurrency, Wallet>;
  private readonly byOrderID = new Map<string, OrderState>();
  private readonly byClOrdID = new Map<string, OrderState>();

  constructor(
    readonly config: AccountConfig,
    private readonly market: MarketView,
  ) {
    this.wallets = new Map(MARGIN_CURRENCIES.map((c) => [c, new Wallet(config.account, c, config.balances[c])]));
  }

  get account(): number {
    return this.config.account;
  }

  addOrder(order: OrderState): void {
    this.orders.push(order);
    this.byOrderID.set(order.orderID, order);
    if (order.clOrdID) this.byClOrdID.set(order.clOrdID, order);
  }

  order(orderID: string): OrderState | undefined {
    return this.byOrderID.get(orderID);
  }

  orderByClOrdID(clOrdID: string): OrderState | undefined {
    return this.byClOrdID.get(clOrdID);
  }

  /** Gives an order a new clOrdID (an amend's `clOrdID`). */
  renameOrder(order: OrderState, clOrdID: string): void {
    if (order.clOrdID && this.byClOrdID.get(order.clOrdID) === order) this.byClOrdID.delete(order.clOrdID);
    order.clOrdID = clOrdID;
    if (clOrdID) this.byClOrdID.set(clOrdID, order);
  }

  /** Open orders (New or PartiallyFilled), optionally of one market, in creation order. */
  openOrders(symbol?: string): OrderState[] {
    return this.orders.filter((o) => isOpen(o) && (symbol === undefined || o.symbol === symbol));
  }

  /** The account's position in a market, created flat on first use. */
  position(symbol: string): Position {
    let p = this.positions.get(symbol);
    if (!p) {
      p = new Position(
        this.account,
        this.market.instrument(symbol),
        this.market.fees(symbol).taker,
        this.market.nowMs(),
      );
      this.positions.set(symbol, p);
    }
    return p;
  }

  wallet(currency: MarginCurrency): Wallet {
    return this.wallets.get(currency) as Wallet;
  }

  /**
   * What the open orders of a market hold: contracts per side and the initial margin of the side
   * that would grow the position most (orders that only close it hold none), at the mark.
   */
  exposure(symbol: string, extra?: HypotheticalOrder): OpenOrderExposure & { grossOpenCost: number } {
    let buyQty = 0;
    let sellQty = 0;
    for (const o of this.orders) {
      if (o.symbol !== symbol || !isOpen(o) || awaitsTrigger(o) || isReduceOnly(o)) continue;
      if (o.side === 'Buy') buyQty += o.leavesQty;
      else sellQty += o.leavesQty;
    }
    if (extra?.symbol === symbol) {
      if (extra.side === 'Buy') buyQty += extra.qty;
      else sellQty += extra.qty;
    }
    const held = this.positions.get(symbol)?.qty ?? 0;
    const growing = Math.max(buyQty - Math.max(0, -held), sellQty - Math.max(0, held), 0);
    const inst = this.market.instrument(symbol);
    const mark = this.market.mark(symbol);
    return {
      buyQty,
      sellQty,
      margin: Math.round(Math.abs(signedCost(inst, growing, mark)) / DEFAULT_LEVERAGE),
      grossOpenCost: Math.round(Math.abs(signedCost(inst, buyQty + sellQty, mark))),
    };
  }

  /** What the positions and open orders settled in `currency` use, minor units. */
  marginUse(currency: MarginCurrency, extra?: HypotheticalOrder): MarginUse {
    const use = { ...NO_MARGIN_USE };
    const symbols = new Set([...this.positions.keys(), ...this.openOrders().map((o) => o.symbol)]);
    if (extra) symbols.add(extra.symbol);
    for (const symbol of symbols) {
      const inst = this.market.instrument(symbol);
      if (settleCurrencyOf(inst) !== currency) continue;
      const orders = this.exposure(symbol, extra);
      use.orderMargin += orders.margin;
      use.grossOpenCost += orders.grossOpenCost;
      const p = this.positions.get(symbol);
      if (!p || p.qty === 0) continue;
      const mark = this.market.mark(symbol);
      use.unrealisedPnl += p.unrealisedPnl(mark);
      use.positionMargin += p.positionMargin();
      use.grossMarkValue += Math.round(Math.abs(signedCost(inst, p.qty, mark)));
    }
    return use;
  }

  /** The `position` row of a market the account has traded, or undefined. */
  positionRow(symbol: string): Row | undefined {
    const p = this.positions.get(symbol);
    if (!p) return undefined;
    const currency = settleCurrencyOf(p.inst);
    return p.row(
      this.market.mark(symbol),
      this.market.last(symbol),
      this.exposure(symbol),
      this.wallet(currency).walletBalance,
      this.market.nowMs(),
    );
  }

  /** The `margin` row of one currency. */
  marginRow(currency: MarginCurrency): Row {
    return this.wallet(currency).row(this.marginUse(currency), this.market.nowMs());
  }
}
