import type { Period } from '../market/periods.js';
import type { Ticker } from '../market/ticker.js';

/**
 * Redis pub/sub topics between the engine (publisher) and the API (fan-out). The API uses
 * graphql-yoga's Redis event target, which subscribes to the channel `${routingKey}:${id}` and
 * JSON-parses each message, so the engine publishes exactly that: one channel per market stream.
 * Every event carries `seq`, increasing per stream, so a subscriber that starts from a snapshot
 * drops what the snapshot already holds and notices a gap.
 */
export const Topic = {
  /** Forming-candle updates; id `${symbol}:${period}`; payload {@link CandleEvent}. */
  candle: 'md.candle',
  /** Each trade print; id = symbol; payload {@link TradeEvent}. */
  trade: 'md.trade',
  /** Conflated top-of-book snapshots; id = symbol; payload {@link BookEvent}. */
  book: 'md.book',
  /** Conflated header statistics; id = symbol; payload {@link TickerEvent}. */
  ticker: 'md.ticker',
} as const;

export function candleTopicId(symbol: string, period: Period): string {
  return `${symbol}:${period}`;
}

/** Redis channel name for a routing key and id, as yoga's createPubSub builds it. */
export function channel(routingKey: string, id: string): string {
  return `${routingKey}:${id}`;
}

/** Redis keys the engine maintains next to the channels (snapshots for late subscribers). */
export const MdKey = {
  /** Latest forming candle (JSON {@link CandleEvent}). */
  lastCandle: (symbol: string, period: Period) => `md:last-candle:${symbol}:${period}`,
  /** Closed candles, a sorted set scored by bucket start (unix s), members JSON {@link CandleEvent}. */
  candles: (symbol: string, period: Period) => `md:candles:${symbol}:${period}`,
  /** Recent trades, newest first (JSON {@link TradeEvent}), capped at {@link RECENT_TRADES}. */
  trades: (symbol: string) => `md:trades:${symbol}`,
  /** Latest book snapshot (JSON {@link BookEvent}). */
  book: (symbol: string) => `md:book:${symbol}`,
  /** Latest ticker (JSON {@link TickerEvent}). */
  ticker: (symbol: string) => `md:ticker:${symbol}`,
  /**
   * Every trade as a Redis stream (field `e`: JSON {@link TradeEvent}), capped near
   * {@link TRADE_STREAM_LEN}: the archive collector reads it from its last checkpoint, so a
   * collector restart loses nothing while the feed runs on.
   */
  tradeStream: (symbol: string) => `md:stream:trades:${symbol}`,
} as const;

/**
 * Published (JSON `{ markets: string[] }`) when background history generation has written the
 * archive: live pipelines then join that history to their first candles.
 */
export const ARCHIVE_HISTORY_CHANNEL = 'archive.history-written';

/**
 * Progress of a running backtest, published (JSON {@link BacktestProgressEvent}) on
 * `backtest.progress:<sessionId>` while it runs.
 */
export const backtestProgressChannel = (sessionId: string) => `backtest.progress:${sessionId}`;

/** One progress report of a backtest. */
export interface BacktestProgressEvent {
  sessionId: string;
  /** 0..100. */
  percent: number;
  /** Simulated time reached, unix ms. */
  simTimeMs: number;
  events: number;
  eventsPerSec: number;
  /** Equity at that time, settlement currency. */
  equity: number;
}

/** Trades kept in each market's trade stream (days of a busy market; ~200 B each). */
export const TRADE_STREAM_LEN = 1_000_000;

/** How many recent trades per market the engine keeps for late subscribers and `recentTrades`. */
export const RECENT_TRADES = 500;
/** How many closed candles per market and period the engine keeps in Redis (live history). */
export const KEPT_CANDLES = 2_000;
/** Book levels per side in a published snapshot: enough for grouped views of the top 25. */
export const BOOK_LEVELS = 100;

/** A candle as published on the wire: prices in quote currency, volume in contracts. */
export interface CandleEvent {
  market: string;
  period: Period;
  /** Bucket start, unix seconds UTC. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A trade print. */
export interface TradeEvent {
  /** Exchange match id (trdMatchID). */
  id: string;
  market: string;
  seq: number;
  /** Unix ms, UTC. */
  timeMs: number;
  price: number;
  /** Contracts. */
  size: number;
  /** Aggressor side. */
  side: 'BUY' | 'SELL';
  tickDirection: string | null;
}

/** A book snapshot: levels `[priceTicks, size]`, best first; the tick converts ticks to prices. */
export interface BookEvent {
  market: string;
  seq: number;
  timeMs: number;
  tickSize: number;
  bids: [number, number][];
  asks: [number, number][];
}

/** Header statistics with their stream sequence; see engine/src/market/ticker.ts for units. */
export type TickerEvent = Ticker & { seq: number };
