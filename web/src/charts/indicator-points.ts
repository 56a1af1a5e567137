import type { Period } from '../gql/graphql';
import { bucketStart } from './periods';

/** A value a strategy plotted: `time` in unix ms. */
export interface PlotPoint {
  time: number;
  value: number;
}

/**
 * A strategy's plotted values as a line on the candle chart: one point per candle (the last value
 * plotted in it, at the candle's time, so the line never adds time points between candles), none
 * before the oldest candle shown (they would stretch the time axis to the left of the candles).
 * `points` in any order; the result is ascending.
 */
export function pointsPerCandle(
  points: readonly PlotPoint[],
  period: Period,
  firstBarTime: number | null,
): { time: number; value: number }[] {
  if (firstBarTime === null) return [];
  const sorted = [...points].sort((a, b) => a.time - b.time);
  const out: { time: number; value: number }[] = [];
  for (const p of sorted) {
    if (!Number.isFinite(p.value)) continue;
    const time = bucketStart(Math.floor(p.time / 1000), period);
    if (time < firstBarTime) continue;
    const last = out.at(-1);
    if (last?.time === time) last.value = p.value;
    else out.push({ time, value: p.value });
  }
  return out;
}
