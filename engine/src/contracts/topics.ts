import type { Period } from '../market/periods.js';

/**
 * Redis pub/sub topics between the engine (publisher) and the API (fan-out). The API uses
 * graphql-yoga's Redis event target, which subscribes to the channel `${routingKey}:${id}` and
 * JSON-parses each message, so the engine publishes exactly that: one channel per market stream.
 */
export const Topic = {
  /** Forming-candle updates; id `${symbol}:${period}`; payload {@link CandleEvent}. */
  candle: 'md.candle',
} as const;

export function candleTopicId(symbol: string, period: Period): string {
  return `${symbol}:${period}`;
}

/** Redis channel name for a routing key and id, as yoga's createPubSub builds it. */
export function channel(routingKey: string, id: string): string {
  return `${routingKey}:${id}`;
}

/** Redis key holding the latest forming candle, so a late subscriber starts from a snapshot. */
export function lastCandleKey(symbol: string, period: Period): string {
  return `md:last-candle:${symbol}:${period}`;
}

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
