import type {
  BacktestProgressEvent,
  BookEvent,
  CandleEvent,
  SessionFillEvent,
  SessionIndicatorEvent,
  SessionLogEvent,
  SessionUpdatedEvent,
  TickerEvent,
  TradeEvent,
} from '@hm/engine/contracts';
import { Topic } from '@hm/engine/contracts';
import type { Logger } from '@hm/engine/log';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { createSafeRedisEventTarget } from './redis-event-target.js';

/**
 * The subscription contract: one typed event map over Redis. The engine publishes on the same
 * channels (`${routingKey}:${id}`, JSON), so every API process fans out what any engine produced.
 */
export type PubSubEvents = {
  [Topic.candle]: [id: string, event: CandleEvent];
  [Topic.trade]: [id: string, event: TradeEvent];
  [Topic.book]: [id: string, event: BookEvent];
  [Topic.ticker]: [id: string, event: TickerEvent];
  /** SESSION_UPDATED_CHANNEL: every session's changes on one channel. */
  'session.updated': [event: SessionUpdatedEvent];
  /** sessionLogChannel(id). */
  'session.logs': [id: string, event: SessionLogEvent];
  /** sessionFillChannel(id). */
  'session.fills': [id: string, event: SessionFillEvent];
  /** sessionIndicatorChannel(id). */
  'session.indicators': [id: string, event: SessionIndicatorEvent];
  /** backtestProgressChannel(id). */
  'backtest.progress': [id: string, event: BacktestProgressEvent];
};

export function createRedisPubSub(publishClient: Redis, subscribeClient: Redis, log: Logger) {
  return createPubSub<PubSubEvents>({
    eventTarget: createSafeRedisEventTarget(publishClient, subscribeClient, log),
  });
}
export type PubSub = ReturnType<typeof createRedisPubSub>;
