/** Side-by-side metrics of two runs with their differences. */

export type MetricFormat = 'money' | 'pct' | 'ratio' | 'count' | 'share' | 'duration';

export interface MetricDef {
  key: string;
  label: string;
  format: MetricFormat;
}

/** Every metric of the `Metrics` type, in the order the detail shows them. */
export const METRIC_DEFS: readonly MetricDef[] = [
  { key: 'netPnl', label: 'Net P&L', format: 'money' },
  { key: 'returnPct', label: 'Return', format: 'pct' },
  { key: 'sharpe', label: 'Sharpe', format: 'ratio' },
  { key: 'sortino', label: 'Sortino', format: 'ratio' },
  { key: 'maxDrawdown', label: 'Max drawdown', format: 'money' },
  { key: 'maxDrawdownPct', label: 'Max drawdown %', format: 'pct' },
  { key: 'maxDrawdownDurationMs', label: 'Max DD duration', format: 'duration' },
  { key: 'calmar', label: 'Calmar', format: 'ratio' },
  { key: 'profitFactor', label: 'Profit factor', format: 'ratio' },
  { key: 'expectancy', label: 'Expectancy', format: 'money' },
  { key: 'winRate', label: 'Win rate', format: 'share' },
  { key: 'avgWin', label: 'Avg win', format: 'money' },
  { key: 'avgLoss', label: 'Avg loss', format: 'money' },
  { key: 'largestWin', label: 'Largest win', format: 'money' },
  { key: 'largestLoss', label: 'Largest loss', format: 'money' },
  { key: 'roundTrips', label: 'Round trips', format: 'count' },
  { key: 'fills', label: 'Fills', format: 'count' },
  { key: 'exposurePct', label: 'Exposure', format: 'pct' },
  { key: 'feesPaid', label: 'Fees', format: 'money' },
  { key: 'fundingPaid', label: 'Funding', format: 'money' },
];

export interface MetricRow extends MetricDef {
  a: number | null;
  b: number | null;
  /** b − a, when both are known. */
  diff: number | null;
  /** Equal within 1 % of the larger magnitude (or both unknown). */
  same: boolean;
}

const value = (m: Record<string, unknown> | null | undefined, key: string): number | null => {
  const v = m?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** One row per metric: both values, the difference, and whether they agree within `rel`. */
export function compareMetrics(
  a: Record<string, unknown> | null | undefined,
  b: Record<string, unknown> | null | undefined,
  rel = 0.01,
): MetricRow[] {
  return METRIC_DEFS.map((def) => {
    const x = value(a, def.key);
    const y = value(b, def.key);
    const diff = x !== null && y !== null ? y - x : null;
    const same =
      x === null || y === null ? x === y : Math.abs(y - x) <= Math.max(1e-12, rel * Math.max(Math.abs(x), Math.abs(y)));
    return { ...def, a: x, b: y, diff, same };
  });
}
