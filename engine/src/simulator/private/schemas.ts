/**
 * The private (account-locked) realtime tables the simulator serves, and the header each one's
 * `partial` carries. The `order` header is BitMEX's own (`ws_private_order.jsonl`); the others follow
 * the notes (§1.9, §1.16) and the REST swagger column types.
 */
import type { Row } from '../tables.js';

/** Account-locked tables the simulator serves. */
export type PrivateTableName = 'order' | 'execution' | 'position' | 'margin';

/** Every account-locked table BitMEX has, as its 401 error lists them. */
export const ACCOUNT_LOCKED_TABLES =
  'account,affiliate,execution,margin,order,position,privateNotifications,transact,wallet';

interface PrivateSchema {
  keys: string[];
  types: Record<string, string>;
  foreignKeys: Record<string, string>;
  attributes: Record<string, string>;
}

const ORDER_TYPES: Record<string, string> = {
  orderID: 'guid',
  clOrdID: 'string',
  clOrdLinkID: 'symbol',
  account: 'long',
  symbol: 'symbol',
  side: 'symbol',
  simpleOrderQty: 'float',
  orderQty: 'long',
  price: 'float',
  displayQty: 'long',
  stopPx: 'float',
  pegOffsetValue: 'float',
  pegPriceType: 'symbol',
  currency: 'symbol',
  settlCurrency: 'symbol',
  ordType: 'symbol',
  timeInForce: 'symbol',
  execInst: 'symbol',
  contingencyType: 'symbol',
  exDestination: 'symbol',
  ordStatus: 'symbol',
  triggered: 'symbol',
  workingIndicator: 'boolean',
  ordRejReason: 'symbol',
  simpleLeavesQty: 'float',
  leavesQty: 'long',
  simpleCumQty: 'float',
  cumQty: 'long',
  avgPx: 'float',
  multiLegReportingType: 'symbol',
  text: 'string',
  transactTime: 'timestamp',
  timestamp: 'timestamp',
};

const EXECUTION_TYPES: Record<string, string> = {
  execID: 'guid',
  ...ORDER_TYPES,
  lastQty: 'long',
  lastPx: 'float',
  lastLiquidityInd: 'symbol',
  execType: 'symbol',
  commission: 'float',
  tradePublishIndicator: 'symbol',
  trdMatchID: 'guid',
  execCost: 'long',
  execComm: 'long',
  homeNotional: 'float',
  foreignNotional: 'float',
};

/** Column type of each position column the simulator sends. */
const POSITION_TYPES: Record<string, string> = Object.fromEntries([
  ...['account', 'riskLimit', 'openOrderBuyQty', 'openOrderSellQty', 'execBuyQty', 'execSellQty', 'execQty'].map(
    (c) => [c, 'long'],
  ),
  ...['execBuyCost', 'execSellCost', 'execCost', 'execComm', 'currentQty', 'currentCost', 'currentComm'].map((c) => [
    c,
    'long',
  ]),
  ...['markValue', 'posCost', 'posInit', 'posMargin', 'posMaint', 'initMargin', 'maintMargin'].map((c) => [c, 'long']),
  ...['realisedGrossPnl', 'realisedPnl', 'unrealisedGrossPnl', 'unrealisedPnl'].map((c) => [c, 'long']),
  ...['symbol', 'currency', 'underlying', 'quoteCurrency', 'posState'].map((c) => [c, 'symbol']),
  ...['commission', 'initMarginReq', 'maintMarginReq', 'leverage', 'markPrice', 'homeNotional', 'foreignNotional'].map(
    (c) => [c, 'float'],
  ),
  ...['unrealisedPnlPcnt', 'unrealisedRoePcnt', 'avgCostPrice', 'avgEntryPrice', 'liquidationPrice', 'lastPrice'].map(
    (c) => [c, 'float'],
  ),
  ['crossMargin', 'boolean'],
  ['isOpen', 'boolean'],
  ['currentTimestamp', 'timestamp'],
  ['timestamp', 'timestamp'],
]);

const MARGIN_TYPES: Record<string, string> = Object.fromEntries([
  ['account', 'long'],
  ['currency', 'symbol'],
  ...['riskLimit', 'amount', 'prevRealisedPnl', 'grossComm', 'grossOpenCost', 'grossMarkValue', 'riskValue'].map(
    (c) => [c, 'long'],
  ),
  ...['initMargin', 'maintMargin', 'realisedPnl', 'unrealisedPnl', 'walletBalance', 'marginBalance'].map((c) => [
    c,
    'long',
  ]),
  ...['excessMargin', 'availableMargin', 'withdrawableMargin'].map((c) => [c, 'long']),
  ['marginLeverage', 'float'],
  ['marginUsedPcnt', 'float'],
  ['timestamp', 'timestamp'],
]);

const SCHEMAS: Readonly<Record<PrivateTableName, PrivateSchema>> = {
  order: {
    keys: ['orderID'],
    types: ORDER_TYPES,
    foreignKeys: { symbol: 'instrument', side: 'side', ordStatus: 'ordStatus' },
    attributes: { orderID: 'grouped', account: 'grouped', ordStatus: 'grouped', workingIndicator: 'grouped' },
  },
  execution: {
    keys: ['execID'],
    types: EXECUTION_TYPES,
    foreignKeys: { symbol: 'instrument', side: 'side', ordStatus: 'ordStatus' },
    attributes: { execID: 'grouped', account: 'grouped', execType: 'grouped', transactTime: 'sorted' },
  },
  position: {
    keys: ['account', 'symbol'],
    types: POSITION_TYPES,
    foreignKeys: { symbol: 'instrument' },
    attributes: { account: 'sorted', symbol: 'grouped' },
  },
  // Keyed by currency too: an account has one margin row per settlement currency (XBt, USDt).
  margin: {
    keys: ['account', 'currency'],
    types: MARGIN_TYPES,
    foreignKeys: {},
    attributes: { account: 'sorted', currency: 'grouped' },
  },
};

/** Whether `name` is an account-locked table the simulator serves. */
export function isPrivateTable(name: string): name is PrivateTableName {
  return Object.hasOwn(SCHEMAS, name);
}

/** The key columns of a private table (what an `update` row always carries). */
export function keysOf(table: PrivateTableName): readonly string[] {
  return SCHEMAS[table].keys;
}

/** A frame of a private table: like a public one, but its filter names the account (a number). */
export interface PrivateMessage {
  table: PrivateTableName;
  action: 'partial' | 'insert' | 'update' | 'delete';
  keys?: string[];
  types?: Record<string, string>;
  foreignKeys?: Record<string, string>;
  attributes?: Record<string, string>;
  filter?: Record<string, string | number>;
  data: Row[];
}

/** A private table's `partial`: its header, the subscription filter (`{account[, symbol]}`) and the rows. */
export function privatePartial(
  table: PrivateTableName,
  filter: Record<string, string | number>,
  data: Row[],
): PrivateMessage {
  const s = SCHEMAS[table];
  return {
    table,
    action: 'partial',
    keys: s.keys,
    types: s.types,
    foreignKeys: s.foreignKeys,
    attributes: s.attributes,
    filter,
    data,
  };
}
