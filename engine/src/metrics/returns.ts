import type { EquityPoint } from '../portfolio/portfolio-port.js';

/** Milliseconds in a UTC hour and day. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Periods per year for each sampling basis (365-day year, crypto trades every day). */
export const PERIODS_PER_YEAR = { daily: 365, hourly: 8760 } as const;

/** Sampling basis of the return series. */
export type SharpeBasis = keyof typeof PERIODS_PER_YEAR;

/**
 * Samples the equity curve at period ends: the first point, then for every UTC boundary `b`
 * (multiple of `periodMs` since the epoch) with first.time < b < last.time the last point at or
 * before `b` (the equity carried forward over periods without points), then the last point.
 * `points` must be sorted by time. Returns the sampled equities.
 */
export function sampleEquity(points: readonly EquityPoint[], periodMs: number): number[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const samples = [first.equity];
  let i = 0;
  for (let b = Math.floor(first.time / periodMs) * periodMs + periodMs; b < last.time; b += periodMs) {
    // Advance to the last point at or before b (points are sorted; i only moves forward).
    while (i + 1 < points.length && (points[i + 1] as EquityPoint).time <= b) i++;
    samples.push((points[i] as EquityPoint).equity);
  }
  if (points.length > 1) samples.push(last.equity);
  return samples;
}

/** Simple returns e_t / e_{t−1} − 1 of consecutive samples (fractions). */
export function simpleReturns(samples: readonly number[]): number[] {
  const out: number[] = [];
  for (let t = 1; t < samples.length; t++) out.push((samples[t] as number) / (samples[t - 1] as number) - 1);
  return out;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Annualised Sharpe ratio (risk-free 0): mean / sample std (n − 1) × √periodsPerYear; null if n < 2 or std = 0. */
export function sharpeRatio(returns: readonly number[], periodsPerYear: number): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const m = mean(returns);
  let ss = 0;
  for (const r of returns) ss += (r - m) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  if (!(std > 0) || !Number.isFinite(std)) return null;
  return (m / std) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised Sortino ratio, target 0: mean / downside deviation × √periodsPerYear, where downside
 * deviation = √(Σ min(r, 0)² / (n − 1)) over all n returns. Null if n < 2 or no return is below 0.
 */
export function sortinoRatio(returns: readonly number[], periodsPerYear: number): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let ss = 0;
  for (const r of returns) ss += Math.min(r, 0) ** 2;
  const dd = Math.sqrt(ss / (n - 1));
  if (!(dd > 0) || !Number.isFinite(dd)) return null;
  return (mean(returns) / dd) * Math.sqrt(periodsPerYear);
}
