import { z } from 'zod';
import { BacktestRequest } from './backtest.js';

/** BullMQ queue names: the engine's workers consume them, the API and CLI produce. */
export const QueueName = {
  /** Long-running market-data jobs: one per feed, keeps candles (and later books) flowing. */
  marketData: 'market-data',
  /** Archive work: `collect` (long-running, live feed → hourly segments) and `generate` (synthetic history). */
  archive: 'archive',
  /** Backtests: one job per session, results stored with Prisma; any number of workers share it. */
  backtest: 'backtest',
  /** TEST, LIVE and MARKET sessions: one long-lived job per running session (payload SessionJob). */
  session: 'session',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Payload of a `market-data` job. Validated by the worker before any work. */
export const MarketDataJob = z.object({
  /** WebSocket URL of the feed (BitMEX realtime endpoint or the local simulator). */
  feedUrl: z.string().url(),
  symbols: z.array(z.string().min(1)).min(1),
  /** L2 table: the throttled top 25 (default) or every level. */
  bookTable: z.enum(['orderBookL2_25', 'orderBookL2']).default('orderBookL2_25'),
});
export type MarketDataJob = z.input<typeof MarketDataJob>;

/** Job id that makes a feed's job unique: adding it twice is a no-op. */
export function marketDataJobId(symbols: readonly string[]): string {
  return `feed-${[...symbols].sort().join('-')}`;
}

/** `archive` job: write the live feed of `symbols` into the archive until cancelled. */
export const ArchiveCollectJob = z.object({
  type: z.literal('collect'),
  exchange: z.string().min(1).default('bitmex'),
  symbols: z.array(z.string().min(1)).min(1),
  /** How often the open hour is written out, ms: the archive trails the feed by at most this. */
  flushEveryMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
});

/** `archive` job: synthesize history (see engine/src/archive/generate.ts) for `markets` over [fromMs, toMs). */
export const ArchiveGenerateJob = z.object({
  type: z.literal('generate'),
  markets: z.array(z.string().min(1)).min(1),
  /** Unix ms UTC. */
  fromMs: z.number().int(),
  toMs: z.number().int(),
  seed: z.number().int().default(1),
  /** Book only from this time (unix ms): weeks of book history are large. */
  bookFromMs: z.number().int().optional(),
});

export const ArchiveJob = z.discriminatedUnion('type', [ArchiveCollectJob, ArchiveGenerateJob]);
export type ArchiveJob = z.input<typeof ArchiveJob>;

/** Job id that makes a collector unique per exchange and market set. */
export function archiveCollectJobId(exchange: string, symbols: readonly string[]): string {
  return `collect-${exchange}-${[...symbols].sort().join('-')}`;
}

/** `backtest` job: run the session's backtest and store its results (replacing any partial ones). */
export const BacktestJob = z.object({
  sessionId: z.string().uuid(),
  request: BacktestRequest,
});
export type BacktestJob = z.input<typeof BacktestJob>;
