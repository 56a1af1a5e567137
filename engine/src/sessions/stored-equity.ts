import type { EquityPoint } from '../portfolio/portfolio-port.js';

/** Equity points kept with a session: enough for a chart, small enough for one row. */
export const STORED_EQUITY_POINTS = 2_000;

/** Every `step`-th point plus the last, so the first and last equity stay exact. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % step === 0);
  const last = points.at(-1);
  if (last !== undefined && out.at(-1) !== last) out.push(last);
  return out;
}

/** An equity curve as `Session.equity` stores it: downsampled plain `{time (unix ms), equity}` objects. */
export function storedEquity(points: readonly EquityPoint[]): { time: number; equity: number }[] {
  return downsample(points, STORED_EQUITY_POINTS).map((p) => ({ time: p.time, equity: p.equity }));
}
