import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { RedisPublisher } from '../adapters/redis-publisher.js';
import { connectFeed, type FeedClient } from '../bitmex/feed-client.js';
import { MarketDataJob } from '../contracts/queues.js';
import type { Logger } from '../log.js';
import { feedTopics, MarketDataPipeline } from '../market/market-data.js';

export interface MarketDataResult {
  trades: number;
  duplicates: number;
  skipped: number;
  resyncs: number;
}

/**
 * Processor of the `market-data` queue: connects to the feed named in the job and keeps candles
 * flowing to Redis until the job is cancelled (worker shutdown). Thin on purpose: parse the
 * payload, wire adapters, run.
 */
export function marketDataProcessor(redis: Redis, log: Logger) {
  return async (job: Job<unknown, MarketDataResult>, _token?: string, signal?: AbortSignal) => {
    const parsed = MarketDataJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid market-data job: ${parsed.error.message}`);
    const { feedUrl, symbols, bookTable } = parsed.data;
    const jobLog = log.child(`feed:${job.id ?? '?'}`);
    const publisher = new RedisPublisher(redis);
    let feed: FeedClient | null = null;
    const pipeline = new MarketDataPipeline(
      symbols,
      publisher,
      jobLog,
      (topics) => feed?.resubscribe(topics),
      bookTable,
    );
    feed = connectFeed({
      url: feedUrl,
      topics: feedTopics(symbols, bookTable),
      log: jobLog,
      onMessage: (m) => pipeline.handle(m),
      onReconnect: () => pipeline.reset(),
    });
    jobLog.info('market-data job started', { feedUrl, symbols });
    await new Promise<void>((resolve) => {
      if (signal?.aborted) resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    await feed.close();
    await publisher.close();
    jobLog.info('market-data job stopped', { ...pipeline.stats });
    return { ...pipeline.stats };
  };
}
