import type { Redis } from 'ioredis';
import { collectorCheckpointKey } from './collector.js';

/** How long a backtest of a just-ended window waits for the live collector, ms. */
export const COVERAGE_WAIT_MAX_MS = 5 * 60_000;

/**
 * Whether the live archive collector has written every trade up to `toMs` for these markets.
 * Its checkpoint is the Redis stream id (`<unix ms>-<n>`) of the last trade it flushed; a market
 * it never collected counts as covered (the archive is what it is: imported or generated).
 */
export async function collectorCovers(
  redis: Redis,
  exchange: string,
  markets: readonly string[],
  toMs: number,
): Promise<boolean> {
  for (const symbol of markets) {
    const id = await redis.get(collectorCheckpointKey(exchange, symbol));
    if (id === null) continue;
    if (Number(id.split('-')[0]) < toMs) return false;
  }
  return true;
}
