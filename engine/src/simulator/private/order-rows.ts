/**
 * The simulator's own record of an order and the BitMEX rows built from it: the `order` row
 * (`rest_order_rows.jsonl`: every column, JSON `null` where BitMEX has none) and `execution` rows.
 */
import type { Instrument } from '../../market/instruments.js';
import { isoTime, type Row } from '../tables.js';
import type { MarginCurrency } from './accounts.js';

export type Side = 'Buy' | 'Sell';
export type OrdType = 'Market' | 'Limit' | 'Stop' | 'StopLimit' | 'MarketIfTouched' | 'LimitIfTouched';
export type TimeInForce = 'Day' | 'GoodTillCancel' | 'ImmediateOrCancel' | 'FillOrKill';
export type OrdStatus = 'New' | 'PartiallyFilled' | 'Filled' | 'Canceled' | 'Rejected';
export type ExecType = 'New' | 'Trade' | 'Canceled' | 'Replaced' | 'TriggeredOrActivatedBySystem';
export type Liquidity = 'AddedLiquidity' | 'RemovedLiquidity';

/** One order of one account, as the simulator tracks it. Quantities in contracts, prices in quote currency. */
export interface OrderState {
  readonly orderID: string;
  clOrdID: string;
  readonly account: number;
  readonly symbol: string;
  readonly side: Side;
  orderQty: number;
  price: number | null;
  stopPx: number | null;
  readonly ordType: OrdType;
  readonly timeInForce: TimeInForce;
  /** Comma-joined, as sent (`''` for none). */
  readonly execInst: string;
  ordStatus: OrdStatus;
  triggered: '' | 'StopOrderTriggered';
  workingIndicator: boolean;
  ordRejReason: string;
  leavesQty: number;
  cumQty: number;
  avgPx: number | null;
  text: string;
  /** Simulated time of the order's creation, unix ms. */
  readonly transactTime: number;
  /** Simulated time of its last change, unix ms. */
  timestamp: number;
  /** Maker queue: contracts resting ahead of the order at its price when it (last) started resting. */
  queueAhead: number;
  /** Simulated time the order (last) started resting, unix ms. */
  restingSinceMs: number;
  /** Creation order across the simulator (sorts orders that share a timestamp). */
  readonly seq: number;
}

/** Whether an order can still trade (or trigger). */
export const isOpen = (o: OrderState): boolean => o.ordStatus === 'New' || o.ordStatus === 'PartiallyFilled';

/** Whether an order waits for its stop price (Stop, StopLimit, MarketIfTouched, LimitIfTouched not yet triggered). */
export const awaitsTrigger = (o: OrderState): boolean => o.stopPx !== null && o.triggered === '';

/** Whether the order's execInst lists `inst`. */
export const hasExecInst = (o: { execInst: string }, inst: string): boolean => o.execInst.split(',').includes(inst);

/** The settlement currency of an instrument as BitMEX's minor unit (`XBt`, `USDt`). */
export function settleCurrencyOf(inst: Instrument): MarginCurrency {
  return inst.settleCurrency === 'XBT' ? 'XBt' : 'USDt';
}

/** Minor units per unit of the instrument's settlement currency (1e8 satoshis per XBT, 1e6 USDt per USDT). */
export function minorPerUnit(inst: Instrument): number {
  return inst.settleCurrency === 'XBT' ? 1e8 : 1e6;
}

/** The full `order` row, every column in BitMEX's order, `null` where BitMEX has no value. */
export function orderRow(o: OrderState, inst: Instrument): Row {
  return {
    orderID: o.orderID,
    clOrdID: o.clOrdID,
    clOrdLinkID: '',
    account: o.account,
    symbol: o.symbol,
    side: o.side,
    simpleOrderQty: null,
    orderQty: o.orderQty,
    price: o.price,
    displayQty: null,
    stopPx: o.stopPx,
    pegOffsetValue: null,
    pegPriceType: '',
    currency: inst.quoteCurrency,
    settlCurrency: settleCurrencyOf(inst),
    ordType: o.ordType,
    timeInForce: o.timeInForce,
    execInst: o.execInst,
    contingencyType: '',
    exDestination: 'XBME',
    ordStatus: o.ordStatus,
    triggered: o.triggered,
    workingIndicator: o.workingIndicator,
    ordRejReason: o.ordRejReason,
    simpleLeavesQty: null,
    leavesQty: o.leavesQty,
    simpleCumQty: null,
    cumQty: o.cumQty,
    avgPx: o.avgPx,
    multiLegReportingType: 'SingleSecurity',
    text: o.text,
    transactTime: isoTime(o.transactTime),
    timestamp: isoTime(o.timestamp),
  };
}

/** What one execution adds to the order's row. */
export interface ExecutionFacts {
  execID: string;
  execType: ExecType;
  /** Contracts traded by this execution (0 for non-trades). */
  lastQty: number;
  /** Price traded at, quote currency (`null` for non-trades). */
  lastPx: number | null;
  liquidity: Liquidity | '';
  /** Fee rate (`null` for non-trades); negative is a rebate. */
  commission: number | null;
  /** Fee paid, settlement minor units (satoshis for XBt); negative is a rebate. */
  execComm: number;
  /** Signed cost in settlement minor units (BitMEX's sign: `qty × multiplier / price` for inverse). */
  execCost: number;
  trdMatchID: string;
  homeNotional: number | null;
  foreignNotional: number | null;
  /** Simulated time, unix ms. */
  timeMs: number;
}

/** The match id BitMEX gives executions that are not trades. */
export const NO_MATCH_ID = '00000000-0000-0000-0000-000000000000';

/** An `execution` row: the order's columns as they stand after the event, plus the event's own. */
export function executionRow(o: OrderState, inst: Instrument, e: ExecutionFacts): Row {
  const order = orderRow(o, inst);
  return {
    execID: e.execID,
    orderID: o.orderID,
    clOrdID: o.clOrdID,
    clOrdLinkID: '',
    account: o.account,
    symbol: o.symbol,
    side: o.side,
    lastQty: e.lastQty,
    lastPx: e.lastPx,
    lastLiquidityInd: e.liquidity,
    orderQty: o.orderQty,
    price: o.price,
    displayQty: null,
    stopPx: o.stopPx,
    currency: order.currency,
    settlCurrency: order.settlCurrency,
    execType: e.execType,
    ordType: o.ordType,
    timeInForce: o.timeInForce,
    execInst: o.execInst,
    contingencyType: '',
    exDestination: 'XBME',
    ordStatus: o.ordStatus,
    triggered: o.triggered,
    workingIndicator: o.workingIndicator,
    ordRejReason: o.ordRejReason,
    leavesQty: o.leavesQty,
    cumQty: o.cumQty,
    avgPx: o.avgPx,
    commission: e.commission,
    tradePublishIndicator: e.execType === 'Trade' ? 'PublishTrade' : '',
    multiLegReportingType: 'SingleSecurity',
    text: o.text,
    trdMatchID: e.trdMatchID,
    execCost: e.execCost,
    execComm: e.execComm,
    homeNotional: e.homeNotional,
    foreignNotional: e.foreignNotional,
    transactTime: isoTime(e.timeMs),
    timestamp: isoTime(e.timeMs),
  };
}

/** A row without its `null` columns: BitMEX's realtime rows omit them since 2023 (absent means null). */
export function withoutNulls(row: Row): Row {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null) out[k] = v;
  return out;
}
