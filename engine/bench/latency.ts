import { Redis } from 'ioredis';
import { RedisPublisher } from '../src/adapters/redis-publisher.js';
import { connectFeed } from '../src/bitmex/feed-client.js';
import { createLogger } from '../src/log.js';
import { feedTopics, MarketDataPipeline } from '../src/market/market-data.js';
import { startFrameSource } from './frame-source.js';
import type { Harness } from './harness.js';
import { nowMs, percentile, progress } from './stats.js';

export interface LatencyResult {
  rate: number;
  subscribers: number;
  seconds: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Frame sent → result handed to the subscriber's socket, measured in the API process (goal G13). */
  server: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/**
 * Frame source → feed client → pipeline → Redis → API process → graphql-ws subscribers: the latency
 * from the source's send to each subscriber's receive, over `seconds` after a 2 s warm-up.
 */
export async function measureLatency(
  h: Harness,
  rate: number,
  subscribers: number,
  seconds: number,
): Promise<LatencyResult> {
  const source = await startFrameSource(rate);
  const redis = new Redis(h.redisUrl);
  const publisher = new RedisPublisher(redis);
  const log = createLogger('bench', 'error');
  const pipeline = new MarketDataPipeline(['XBTUSD'], publisher, log);
  const feed = connectFeed({
    url: source.url,
    topics: feedTopics(['XBTUSD'], 'orderBookL2_25'),
    log,
    onMessage: (m) => pipeline.handle(m),
  });
  const samples: number[] = [];
  let recording = false;
  const stops: (() => void)[] = [];
  for (let i = 0; i < subscribers; i++) {
    stops.push(
      h.client().subscribe(
        { query: 'subscription { trades(market: "XBTUSD", snapshot: 0) { id } }' },
        {
          next: (v) => {
            if (!recording) return;
            const id = (v.data as { trades?: { id: string } } | null)?.trades?.id ?? '';
            const sent = Number(id.slice(id.lastIndexOf('-') + 1));
            if (Number.isFinite(sent)) samples.push(nowMs() - sent);
          },
          error: () => {},
          complete: () => {},
        },
      ),
    );
  }
  await wait(2_000); // warm-up: JIT, connections, Redis SUBSCRIBE
  await h.serverLatency(); // discard warm-up samples
  recording = true;
  for (let s = 1; s <= seconds; s++) {
    await wait(1_000);
    progress('latency', s, seconds);
  }
  recording = false;
  const server = await h.serverLatency();
  for (const stop of stops) stop();
  await feed.close();
  await publisher.close();
  redis.disconnect();
  await source.close();
  samples.sort((a, b) => a - b);
  return {
    rate,
    subscribers,
    seconds,
    samples: samples.length,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples.at(-1) ?? Number.NaN,
    server,
  };
}

/** A benchmark phase's fixed duration (this is a benchmark, not a test: timing is the point). */
function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
