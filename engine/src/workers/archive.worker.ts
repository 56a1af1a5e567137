import { type Job, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { ArchiveCollector } from '../archive/collector.js';
import { generateHistory } from '../archive/generate.js';
import type { ArchiveStore } from '../archive/store.js';
import { ArchiveJob } from '../contracts/queues.js';
import { ARCHIVE_HISTORY_CHANNEL } from '../contracts/topics.js';
import type { Logger } from '../log.js';

/**
 * Processor of the `archive` queue: `collect` writes the live feed into the archive until the job
 * is cancelled (worker shutdown), then flushes the open hour; `generate` writes synthetic history
 * and reports progress (0–100) on the job.
 */
export function archiveProcessor(redisUrl: string, store: ArchiveStore, log: Logger) {
  return async (job: Job<unknown>, _token?: string, signal?: AbortSignal) => {
    const parsed = ArchiveJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid archive job: ${parsed.error.message}`);
    const data = parsed.data;
    const jobLog = log.child(`archive:${job.id ?? '?'}`);
    if (data.type === 'generate') {
      jobLog.info('generating archive history', { markets: data.markets, from: new Date(data.fromMs).toISOString() });
      const result = await generateHistory(store, data, (p) => {
        if (p.hoursDone % 24 === 0) void job.updateProgress(Math.floor((100 * p.hoursDone) / p.hoursTotal));
      });
      jobLog.info('archive history generated', { ...result });
      const announcer = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        await announcer.publish(ARCHIVE_HISTORY_CHANNEL, JSON.stringify({ markets: data.markets }));
      } finally {
        announcer.disconnect();
      }
      return result;
    }
    // Blocking stream reads and pub/sub each need a connection of their own.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const collector = new ArchiveCollector({ ...data, store, redis, subscriber, log: jobLog });
    jobLog.info('archive collector started', { symbols: data.symbols, location: store.location });
    try {
      await collector.run(signal ?? new AbortController().signal);
    } finally {
      redis.disconnect();
      subscriber.disconnect();
    }
    jobLog.info('archive collector stopped', { ...collector.stats });
    return collector.stats;
  };
}
