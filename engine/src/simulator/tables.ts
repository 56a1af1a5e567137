/**
 * BitMEX realtime table shapes (bitmex-protocol notes §1.9–1.15): the header of each table's
 * `partial` and the row formats, so the feed and the server never spell them out themselves.
 */
import { ticksToPrice } from '../market/instruments.js';
import type { BookSide } from './book.js';

/** A row of any table, as sent. */
export type Row = Readonly<Record<string, unknown>>;

/** One table frame: `partial` carries the header fields, deltas only `table`, `action`, `data`. */
export interface TableMessage {
  table: string;
  action: 'partial' | 'insert' | 'update' | 'delete';
  keys?: string[];
  types?: Record<string, string>;
  foreignKeys?: Record<string, string>;
  attributes?: Record<string, string>;
  filter?: Record<string, string>;
  data: Row[];
}

/** The tables the simulator serves. */
export type TableName = 'trade' | 'orderBookL2' | 'orderBookL2_25' | 'instrument' | 'funding';

interface TableSchema {
  keys: string[];
  types: Record<string, string>;
  foreignKeys: Record<string, string>;
  attributes: Record<string, string>;
}

const BOOK: TableSchema = {
  keys: ['symbol', 'id', 'side'],
  types: {
    symbol: 'symbol',
    id: 'long',
    side: 'symbol',
    size: 'long',
    price: 'float',
    timestamp: 'timestamp',
    transactTime: 'timestamp',
  },
  foreignKeys: { symbol: 'instrument', side: 'side' },
  attributes: { symbol: 'parted', id: 'sorted' },
};

/** BitMEX column types of the instrument columns the simulator sends. */
const INSTRUMENT_TYPES: Record<string, string> = {
  symbol: 'symbol',
  rootSymbol: 'symbol',
  state: 'symbol',
  typ: 'symbol',
  positionCurrency: 'symbol',
  underlying: 'symbol',
  quoteCurrency: 'symbol',
  underlyingSymbol: 'symbol',
  reference: 'symbol',
  referenceSymbol: 'symbol',
  maxOrderQty: 'long',
  maxPrice: 'float',
  lotSize: 'long',
  tickSize: 'float',
  multiplier: 'long',
  settlCurrency: 'symbol',
  underlyingToPositionMultiplier: 'long',
  underlyingToSettleMultiplier: 'long',
  quoteToSettleMultiplier: 'long',
  isQuanto: 'boolean',
  isInverse: 'boolean',
  initMargin: 'float',
  maintMargin: 'float',
  riskLimit: 'long',
  riskStep: 'long',
  capped: 'boolean',
  taxed: 'boolean',
  deleverage: 'boolean',
  makerFee: 'float',
  takerFee: 'float',
  settlementFee: 'float',
  fundingBaseSymbol: 'symbol',
  fundingQuoteSymbol: 'symbol',
  fundingPremiumSymbol: 'symbol',
  fundingTimestamp: 'timestamp',
  fundingInterval: 'timespan',
  fundingRate: 'float',
  indicativeFundingRate: 'float',
  volume: 'long',
  volume24h: 'long',
  turnover24h: 'long',
  homeNotional24h: 'float',
  foreignNotional24h: 'float',
  prevPrice24h: 'float',
  vwap: 'float',
  highPrice: 'float',
  lowPrice: 'float',
  lastPrice: 'float',
  lastTickDirection: 'symbol',
  lastChangePcnt: 'float',
  bidPrice: 'float',
  midPrice: 'float',
  askPrice: 'float',
  hasLiquidity: 'boolean',
  openInterest: 'long',
  openValue: 'long',
  fairMethod: 'symbol',
  fairBasisRate: 'float',
  fairBasis: 'float',
  fairPrice: 'float',
  markMethod: 'symbol',
  markPrice: 'float',
  indicativeSettlePrice: 'float',
  timestamp: 'timestamp',
};

const SCHEMAS: Readonly<Record<TableName, TableSchema>> = {
  trade: {
    keys: [],
    types: {
      timestamp: 'timestamp',
      symbol: 'symbol',
      side: 'symbol',
      size: 'long',
      price: 'float',
      tickDirection: 'symbol',
      trdMatchID: 'guid',
      grossValue: 'long',
      homeNotional: 'float',
      foreignNotional: 'float',
    },
    foreignKeys: { symbol: 'instrument', side: 'side' },
    attributes: { timestamp: 'sorted', symbol: 'grouped' },
  },
  orderBookL2: BOOK,
  orderBookL2_25: BOOK,
  instrument: {
    keys: ['symbol'],
    types: INSTRUMENT_TYPES,
    foreignKeys: { inverseLeg: 'instrument', sellLeg: 'instrument', buyLeg: 'instrument' },
    attributes: { symbol: 'unique' },
  },
  funding: {
    keys: ['timestamp', 'symbol'],
    types: {
      timestamp: 'timestamp',
      symbol: 'symbol',
      fundingInterval: 'timespan',
      fundingRate: 'float',
      fundingRateDaily: 'float',
    },
    foreignKeys: { symbol: 'instrument' },
    attributes: { timestamp: 'sorted', symbol: 'grouped' },
  },
};

/** Whether `name` is a table the simulator serves. */
export function isTableName(name: string): name is TableName {
  return Object.hasOwn(SCHEMAS, name);
}

/** A `partial` frame: the table's header, the subscription filter (`{}` for all symbols) and the image. */
export function partialMessage(table: TableName, symbol: string | undefined, data: Row[]): TableMessage {
  const s = SCHEMAS[table];
  return {
    table,
    action: 'partial',
    keys: s.keys,
    types: s.types,
    foreignKeys: s.foreignKeys,
    attributes: s.attributes,
    filter: symbol === undefined ? {} : { symbol },
    data,
  };
}

/** A delta frame. */
export function deltaMessage(table: TableName, action: 'insert' | 'update' | 'delete', data: Row[]): TableMessage {
  return { table, action, data };
}

/** A book level as the feed publishes it (a copy: the book's own levels keep changing). */
export interface LevelImage {
  readonly id: number;
  readonly side: BookSide;
  /** Price, ticks. */
  readonly ticks: number;
  /** Contracts. */
  readonly size: number;
  /** Last change, unix ms. */
  readonly changedMs: number;
}

/**
 * An `orderBookL2`/`orderBookL2_25` row in the current format: price on every action, opaque id,
 * `timestamp` (publish time) and `transactTime` (the level's last change). Deletes carry no size.
 */
export function bookRow(
  symbol: string,
  level: LevelImage,
  tickSize: number,
  publishMs: number,
  withSize: boolean,
): Row {
  return {
    symbol,
    id: level.id,
    side: level.side,
    ...(withSize ? { size: level.size } : {}),
    price: ticksToPrice(level.ticks, tickSize),
    timestamp: isoTime(publishMs),
    transactTime: isoTime(level.changedMs),
  };
}

const isoCache = new Map<number, string>();

/** `new Date(ms).toISOString()`, memoised: a tick stamps hundreds of rows with a handful of times. */
export function isoTime(ms: number): string {
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size >= 4_096) isoCache.clear();
    text = new Date(ms).toISOString();
    isoCache.set(ms, text);
  }
  return text;
}

/** BitMEX partial order for book rows: asks then bids, each highest price first. */
export function partialOrder(a: LevelImage, b: LevelImage): number {
  if (a.side !== b.side) return a.side === 'Sell' ? -1 : 1;
  return b.ticks - a.ticks;
}
