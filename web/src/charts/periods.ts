import type { Period } from '../gql/graphql';

/** Seconds per candle period (as the engine buckets them). */
export const PERIOD_SECONDS: Readonly<Record<Period, number>> = {
  M1: 60,
  M5: 300,
  M15: 900,
  H1: 3_600,
  H4: 14_400,
  D1: 86_400,
  W1: 604_800,
};

/** 1970-01-05 00:00 UTC: weeks start on Mondays, as the engine's W1 candles do. */
const FIRST_MONDAY_SEC = 4 * 86_400;

/**
 * Start (unix s, UTC) of the candle holding `timeSec`, the same bucket the engine puts a trade in:
 * a strategy's plot or a fill is drawn on the candle it happened in, never between candles.
 */
export function bucketStart(timeSec: number, period: Period): number {
  const len = PERIOD_SECONDS[period];
  const offset = period === 'W1' ? FIRST_MONDAY_SEC : 0;
  return Math.floor((timeSec - offset) / len) * len + offset;
}
