import { z } from 'zod';

/** BullMQ queue names: the engine's workers consume them, the API and CLI produce. */
export const QueueName = {
  /** Long-running market-data jobs: one per feed, keeps candles (and later books) flowing. */
  marketData: 'market-data',
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
