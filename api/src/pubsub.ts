import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { BookEvent, CandleEvent, TickerEvent, TradeEvent } from '@hm/engine/contracts';
import { Topic } from '@hm/engine/contracts';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';

/**
 * The subscription contract: one typed event map over Redis. The engine publishes on the same
 * channels (`${routingKey}:${id}`, JSON), so every API process fans out what any engine produced.
 */
export type PubSubEvents = {
  [Topic.candle]: [id: string, event: CandleEvent];
  [Topic.trade]: [id: string, event: TradeEvent];
  [Topic.book]: [id: string, event: BookEvent];
  [Topic.ticker]: [id: string, event: TickerEvent];
};

export function createRedisPubSub(publishClient: Redis, subscribeClient: Redis) {
  return createPubSub<PubSubEvents>({
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
  });
}
export type PubSub = ReturnType<typeof createRedisPubSub>;
