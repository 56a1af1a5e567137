import { Redis } from 'ioredis';
import { RedisPublisher } from '../src/adapters/redis-publisher.js';
import type { Harness } from './harness.js';
import { nowMs, percentile, progress, rssBytes } from './stats.js';

export interface CapacityStep {
  subscribers: number;
  apiRssMb: number;
  kbPerSubscriber: number;
  deliveredPerSec: number;
  expectedPerSec: number;
  p99LagMs: number;
}

const LEVELS = 25;

/**
 * One API process holding N `orderBook(depth: 25)` subscribers while the engine publishes one book
 * per second; N grows through `steps`. Reports memory per subscriber and delivery per step.
 */
export async function measureCapacity(h: Harness, steps: number[], secondsPerStep: number): Promise<CapacityStep[]> {
  const redis = new Redis(h.redisUrl);
  const publisher = new RedisPublisher(redis, { bookIntervalMs: 0 });
  let seq = Date.now() * 1000;
  const publish = () => {
    seq += 1;
    const mid = 900_000 + (seq % 20);
    publisher.book({
      market: 'XBTUSD',
      seq,
      timeMs: Date.now(),
      tickSize: 0.1,
      bids: Array.from({ length: LEVELS }, (_, i) => [mid - 1 - i, 1_000 + i * 100] as [number, number]),
      asks: Array.from({ length: LEVELS }, (_, i) => [mid + 1 + i, 1_000 + i * 100] as [number, number]),
    });
  };
  publish();
  const ticker = setInterval(publish, 1_000);
  const baseline = await rssBytes(h.apiPid);
  let delivered = 0;
  let lags: number[] = [];
  let open = 0;
  const results: CapacityStep[] = [];
  for (const target of steps) {
    const subscribed: Promise<void>[] = [];
    while (open < target) {
      const batch = Math.min(100, target - open);
      for (let i = 0; i < batch; i++) {
        subscribed.push(
          new Promise<void>((resolve) => {
            let first = true;
            h.client().subscribe(
              {
                query:
                  'subscription { orderBook(market: "XBTUSD", depth: 25) { time bids { price size total } asks { price size total } } }',
              },
              {
                next: (v) => {
                  if (first) {
                    first = false;
                    resolve();
                    return;
                  }
                  delivered += 1;
                  const time = (v.data as { orderBook?: { time: string } } | null)?.orderBook?.time;
                  if (time) lags.push(nowMs() - Date.parse(time));
                },
                error: () => resolve(),
                complete: () => resolve(),
              },
            );
          }),
        );
      }
      open += batch;
      await Promise.all(subscribed.slice(-batch));
      progress(`capacity → ${target}`, open, target);
    }
    delivered = 0;
    lags = [];
    await new Promise((r) => setTimeout(r, secondsPerStep * 1_000));
    const rss = await rssBytes(h.apiPid);
    lags.sort((a, b) => a - b);
    results.push({
      subscribers: target,
      apiRssMb: rss / 2 ** 20,
      kbPerSubscriber: (rss - baseline) / 1024 / target,
      deliveredPerSec: delivered / secondsPerStep,
      expectedPerSec: target,
      p99LagMs: percentile(lags, 99),
    });
  }
  clearInterval(ticker);
  await publisher.close();
  redis.disconnect();
  return results;
}
