import type { EquityPoint } from '../portfolio/portfolio-port.js';

/** Drawdown figures of an equity curve. */
export interface Drawdown {
  /** Largest peak − trough, equity units (≥ 0). */
  maxDrawdown: number;
  /** Largest (peak − trough) / peak × 100 over peaks > 0; null when no peak is > 0. */
  maxDrawdownPct: number | null;
  /** Longest ms from a peak to the first point back at or above it, or to the last point if never. */
  maxDrawdownDurationMs: number;
}

/**
 * Peak-to-trough drawdown of sorted equity points. The absolute and the percentage maxima are
 * each taken over the whole curve, so they may come from different drawdowns. Returns null for
 * an empty curve.
 */
export function drawdown(points: readonly EquityPoint[]): Drawdown | null {
  const first = points[0];
  if (!first) return null;
  let peak = first.equity;
  let peakTime = first.time;
  let underwater = false;
  let maxDrawdown = 0;
  let maxDrawdownPct: number | null = peak > 0 ? 0 : null;
  let maxDrawdownDurationMs = 0;
  for (const p of points) {
    if (p.equity >= peak) {
      // Recovered (or a new high): the drawdown that started at peakTime ends here.
      if (underwater) maxDrawdownDurationMs = Math.max(maxDrawdownDurationMs, p.time - peakTime);
      underwater = false;
      peak = p.equity;
      peakTime = p.time;
      if (peak > 0 && maxDrawdownPct === null) maxDrawdownPct = 0;
      continue;
    }
    underwater = true;
    maxDrawdown = Math.max(maxDrawdown, peak - p.equity);
    if (peak > 0) maxDrawdownPct = Math.max(maxDrawdownPct ?? 0, ((peak - p.equity) / peak) * 100);
  }
  const last = points[points.length - 1] as EquityPoint;
  if (underwater) maxDrawdownDurationMs = Math.max(maxDrawdownDurationMs, last.time - peakTime);
  return { maxDrawdown, maxDrawdownPct, maxDrawdownDurationMs };
}
