import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ArchiveCollector } from '../archive/collector.js';
import type { ArchiveStore } from '../archive/store.js';
import type { Logger } from '../log.js';
import type { Instrument } from '../market/instruments.js';
import type { RunningMode } from './running-mode.js';
import type { SessionLogger } from './session-logger.js';
import type { HeartbeatFields } from './session-status.js';

/** How often the open archive hour is written, ms (as the `archive/collect` job's default). */
const FLUSH_EVERY_MS = 30_000;

/** Counts a MARKET session's heartbeats store in `Session.metrics` (totals over all its runs). */
const CollectedCounts = z.object({
  tradesCollected: z.number().default(0),
  bookUpdates: z.number().default(0),
  flushes: z.number().default(0),
  skipped: z.number().default(0),
});
type CollectedCounts = z.infer<typeof CollectedCounts>;

/** What a market-data collection session runs with. */
export interface MarketSessionOptions {
  /** Duplicated for the collector's blocking stream reads and its book subscription. */
  redis: Redis;
  store: ArchiveStore;
  exchange: string;
  instruments: readonly Instrument[];
  slog: SessionLogger;
  log: Logger;
  /** Worker shutdown: the collector writes what it holds and the session is suspended. */
  signal?: AbortSignal;
  flushEveryMs?: number;
  /** The session's stored `metrics`: counts of earlier runs, continued. */
  previous?: unknown;
}

/**
 * A MARKET session: collects its markets' live trades and book into the archive with the
 * {@link ArchiveCollector} (checkpointed stream reads, hourly segments) until stopped; heartbeats
 * report what it collected. Note the collector keeps one checkpoint per exchange and market: two
 * collectors of one market (e.g. this and `hm start`'s) share it and write the same hours.
 */
export class MarketSession implements RunningMode {
  private readonly abort = new AbortController();
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly collector: ArchiveCollector;
  private readonly before: CollectedCounts;

  constructor(private readonly o: MarketSessionOptions) {
    const previous = CollectedCounts.safeParse(o.previous ?? {});
    this.before = previous.success ? previous.data : CollectedCounts.parse({});
    this.reader = o.redis.duplicate({ maxRetriesPerRequest: null });
    this.subscriber = o.redis.duplicate({ maxRetriesPerRequest: null });
    this.collector = new ArchiveCollector({
      store: o.store,
      redis: this.reader,
      subscriber: this.subscriber,
      exchange: o.exchange,
      symbols: o.instruments.map((i) => i.symbol),
      flushEveryMs: o.flushEveryMs ?? FLUSH_EVERY_MS,
      log: o.log,
    });
    o.signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
    if (o.signal?.aborted) this.abort.abort();
  }

  async run(): Promise<'stopped' | 'suspended'> {
    this.o.slog.info('collecting market data', {
      markets: this.o.instruments.map((i) => i.symbol),
      archive: this.o.store.location,
    });
    try {
      await this.collector.run(this.abort.signal);
    } finally {
      this.reader.disconnect();
      this.subscriber.disconnect();
    }
    this.o.slog.info('archive written', { ...this.collector.stats });
    return this.o.signal?.aborted ? 'suspended' : 'stopped';
  }

  stop(): void {
    this.abort.abort();
  }

  async beat(): Promise<HeartbeatFields> {
    const s = this.collector.stats;
    const b = this.before;
    const counts: CollectedCounts = {
      tradesCollected: b.tradesCollected + s.trades,
      bookUpdates: b.bookUpdates + s.bookEvents,
      flushes: b.flushes + s.flushes,
      skipped: b.skipped + s.skipped,
    };
    return { fillCount: 0, roundTripCount: 0, metrics: counts, metricsVersion: null };
  }
}
