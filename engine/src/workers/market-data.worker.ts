import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RedisPublisher } from '../adapters/redis-publisher.js';
import { seedFromArchive } from '../archive/history-seed.js';
import type { ArchiveStore } from '../archive/store.js';
import { connectFeed, type FeedClient } from '../bitmex/feed-client.js';
import { MarketDataJob } from '../contracts/queues.js';
import { ARCHIVE_HISTORY_CHANNEL } from '../contracts/topics.js';
import type { Logger } from '../log.js';
import { findInstrument } from '../market/instruments.js';
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
export function marketDataProcessor(redis: Redis, log: Logger, archive?: ArchiveStore) {
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
    // History written later (generated in the background) is joined when it is announced.
    const announcements = archive ? redis.duplicate() : null;
    if (archive && announcements) {
      announcements.on('message', (_channel: string, text: string) => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          jobLog.warn('ignored a malformed history announcement', { text: text.slice(0, 200) });
        }
        const parsed = z.object({ markets: z.array(z.string()) }).safeParse(json);
        const markets = parsed.success ? symbols.filter((s) => parsed.data.markets.includes(s)) : [];
        void seedPipeline(pipeline, archive, markets, jobLog);
      });
      await announcements.subscribe(ARCHIVE_HISTORY_CHANNEL);
      await seedPipeline(pipeline, archive, symbols, jobLog);
    }
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
    announcements?.disconnect();
    await feed.close();
    await publisher.close();
    jobLog.info('market-data job stopped', { ...pipeline.stats });
    return { ...pipeline.stats };
  };
}

/** Starts each market's candles from the archive's part of the current buckets (no seam on the chart). */
async function seedPipeline(
  pipeline: MarketDataPipeline,
  archive: ArchiveStore,
  symbols: readonly string[],
  log: Logger,
): Promise<void> {
  for (const symbol of symbols) {
    const instrument = findInstrument(symbol);
    if (!instrument) continue;
    try {
      const until = pipeline.firstLiveMs(symbol) ?? Date.now();
      const seed = await seedFromArchive(archive, 'bitmex', instrument, until);
      pipeline.joinHistory(symbol, seed.forming, seed.recentIds);
    } catch (err) {
      // History is a convenience: a damaged archive must not stop the live feed.
      log.warn('could not continue candles from the archive', { symbol, error: err });
    }
  }
}
