import type { ChartPoint } from '../../../components/LineChart';

/** Equity points (unix ms) as chart points: seconds, ascending, one per second (the last wins). */
export function toChartPoints(points: readonly { time: number; equity: number }[]): ChartPoint[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.time) && Number.isFinite(p.equity));
  sorted.sort((x, y) => x.time - y.time);
  const out: ChartPoint[] = [];
  for (const p of sorted) {
    const time = Math.floor(p.time / 1000);
    const last = out.at(-1);
    if (last && last.time === time) last.value = p.equity;
    else out.push({ time, value: p.equity });
  }
  return out;
}

/** Drawdown below the running peak, in percent (0 at a new high, negative below it). */
export function drawdownPoints(points: readonly ChartPoint[]): ChartPoint[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map((p) => {
    peak = Math.max(peak, p.value);
    const dd = peak > 0 ? ((p.value - peak) * 100) / peak : 0;
    return { time: p.time, value: dd === 0 ? 0 : dd };
  });
}
