import {
  AreaSeries,
  ColorType,
  createChart,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import './components.css';

export interface ChartPoint {
  /** Unix seconds, strictly ascending. */
  time: number;
  value: number;
}

export interface ChartSeries {
  id: string;
  points: readonly ChartPoint[];
  color: string;
  kind?: 'line' | 'area';
}

interface Props {
  series: readonly ChartSeries[];
  /** Decimals on the value axis. */
  precision?: number;
  height?: number;
  testId?: string;
  empty?: string;
}

const utcLabel = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A small time chart (lightweight-charts) of one or more line/area series, in UTC, dark theme. */
export function LineChart({ series, precision = 2, height = 200, testId, empty = 'no data yet' }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const drawn = useRef(new Map<string, ISeriesApi<'Line'> | ISeriesApi<'Area'>>());

  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#0d1117' }, textColor: '#c9d1d9', fontSize: 11 },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      rightPriceScale: { borderColor: '#30363d' },
      timeScale: { borderColor: '#30363d', timeVisible: true, secondsVisible: false },
      localization: { timeFormatter: utcLabel },
    });
    chart.current = c;
    const series = drawn.current;
    return () => {
      series.clear();
      c.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const wanted = new Set(series.map((s) => s.id));
    for (const [id, s] of drawn.current) {
      if (!wanted.has(id)) {
        c.removeSeries(s);
        drawn.current.delete(id);
      }
    }
    const priceFormat = { type: 'price' as const, precision, minMove: 10 ** -precision };
    for (const s of series) {
      let target = drawn.current.get(s.id);
      if (!target) {
        target =
          s.kind === 'area'
            ? c.addSeries(AreaSeries, {
                lineColor: s.color,
                topColor: `${s.color}10`,
                bottomColor: `${s.color}60`,
                lineWidth: 1,
                priceFormat,
              })
            : c.addSeries(LineSeries, { color: s.color, lineWidth: 2, priceFormat });
        drawn.current.set(s.id, target);
      }
      target.applyOptions({ priceFormat });
      target.setData(s.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    }
    c.timeScale().fitContent();
  }, [series, precision]);

  const hasData = series.some((s) => s.points.length > 0);
  return (
    <div className="line-chart" style={{ height }} data-testid={testId} data-points={series[0]?.points.length ?? 0}>
      <div ref={box} className="line-chart-canvas" />
      {!hasData && <div className="line-chart-empty muted">{empty}</div>}
    </div>
  );
}
