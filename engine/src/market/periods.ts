/** Candle periods. Names match the GraphQL `Period` enum. */
export const PERIODS = ['M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1'] as const;
export type Period = (typeof PERIODS)[number];

export const PERIOD_SECONDS: Readonly<Record<Period, number>> = {
  M1: 60,
  M5: 300,
  M15: 900,
  H1: 3_600,
  H4: 14_400,
  D1: 86_400,
  W1: 604_800,
};

/** 1970-01-05 00:00 UTC, the first Monday after the epoch (which fell on a Thursday). */
const FIRST_MONDAY_SEC = 4 * 86_400;

/**
 * Start of the bucket holding `timeSec` (unix seconds, UTC). Weeks start Monday 00:00 UTC as on
 * exchanges, not on the epoch's Thursday (a bug of the seed).
 */
export function bucketStart(timeSec: number, period: Period): number {
  const len = PERIOD_SECONDS[period];
  const offset = period === 'W1' ? FIRST_MONDAY_SEC : 0;
  return Math.floor((timeSec - offset) / len) * len + offset;
}
