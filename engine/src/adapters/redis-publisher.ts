import type { Redis } from 'ioredis';
import { type CandleEvent, candleTopicId, channel, lastCandleKey, Topic } from '../contracts/topics.js';
import type { EventPublisher } from '../ports/event-publisher.js';

/**
 * Publishes engine events on Redis channels in the format graphql-yoga's Redis event target reads
 * (JSON on `${routingKey}:${id}`), and keeps the latest value per stream in a key so a late
 * subscriber can start from a snapshot. Commands are pipelined per tick of the event loop.
 */
export class RedisPublisher implements EventPublisher {
  private pipeline: ReturnType<Redis['pipeline']> | null = null;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly redis: Redis) {}

  candle(event: CandleEvent): void {
    const json = JSON.stringify(event);
    const p = this.batch();
    p.publish(channel(Topic.candle, candleTopicId(event.market, event.period)), json);
    // 2 × the longest period: the key outlives a quiet spell but not a dead feed forever.
    p.set(lastCandleKey(event.market, event.period), json, 'EX', 14 * 86_400);
  }

  private batch(): ReturnType<Redis['pipeline']> {
    if (this.pipeline === null) {
      const p = this.redis.pipeline();
      this.pipeline = p;
      queueMicrotask(() => {
        this.pipeline = null;
        // A failed publish is dropped, never retried into the trading loop.
        const done = p.exec().catch(() => {});
        this.inflight.add(done);
        void done.finally(() => this.inflight.delete(done));
      });
    }
    return this.pipeline;
  }

  async close(): Promise<void> {
    await new Promise((r) => queueMicrotask(() => r(undefined))); // let the open batch be sent
    await Promise.all([...this.inflight]);
  }
}
