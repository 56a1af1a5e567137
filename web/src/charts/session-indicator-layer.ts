import { type ISeriesApi, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { formatIndicator } from '../lib/format';
import type { CandleChart } from './candle-chart';
import { type PlotPoint, pointsPerCandle } from './indicator-points';
import { bucketStart } from './periods';
import { SESSION_LINE_COLORS } from './theme';

/** An indicator the session's strategy declares (IndicatorSpec). */
export interface PlottedSpec {
  name: string;
  /** On the price scale; else in a pane of its own. */
  overlay: boolean;
}

/** Most values kept per indicator (the API keeps 10,000 for all of a session's indicators together). */
const KEEP = 20_000;

interface Line {
  series: ISeriesApi<'Line'>;
  /** Every value received, ascending by time. */
  points: PlotPoint[];
  /** Time (unix s) of the newest point drawn. */
  drawnTo: number;
}

/**
 * The lines a selected session's strategy plots (SDBot's bands over the price, PairTradeBot's
 * z-score in a pane below): dashed, one point per candle. History arrives by query and live values
 * by subscription in either order; a live value is one `update`, a new period or history one redraw.
 */
export class SessionIndicatorLayer {
  private readonly lines = new Map<string, Line>();
  private readonly unlisten: () => void;
  private drawnLines = 0;

  /** `onDrawn`: how many of the lines have at least one point on the chart, when that changes. */
  constructor(
    private readonly chart: CandleChart,
    specs: readonly PlottedSpec[],
    private readonly onDrawn: (lines: number) => void = () => {},
  ) {
    specs.forEach((spec, i) => {
      const series = chart.addLine(
        {
          color: SESSION_LINE_COLORS[i % SESSION_LINE_COLORS.length],
          lineStyle: LineStyle.Dashed,
          title: spec.overlay ? '' : spec.name,
          // Other units (z-scores, tiny fractions): significant digits, not the price's decimals.
          ...(spec.overlay ? {} : { priceFormat: { type: 'custom', formatter: formatIndicator, minMove: 1e-9 } }),
        },
        spec.overlay ? 'price' : 'pane',
      );
      this.lines.set(spec.name, { series, points: [], drawnTo: Number.NEGATIVE_INFINITY });
    });
    // A new history or period: every line is drawn again from its values.
    this.unlisten = chart.addBarListener({ loaded: () => this.redraw(), updated: () => {} });
  }

  /** Values from the query (oldest first), merged with any live ones that came first. */
  addHistory(points: readonly (PlotPoint & { name: string })[]): void {
    for (const p of points) this.lines.get(p.name)?.points.push({ time: p.time, value: p.value });
    for (const line of this.lines.values()) {
      line.points.sort((a, b) => a.time - b.time);
      if (line.points.length > KEEP) line.points.splice(0, line.points.length - KEEP);
    }
    this.redraw();
  }

  /** One live value. */
  push(p: PlotPoint & { name: string }): void {
    const line = this.lines.get(p.name);
    if (!line || !Number.isFinite(p.value)) return;
    const last = line.points.at(-1);
    line.points.push({ time: p.time, value: p.value });
    if (last && p.time < last.time) {
      // Out of order (rare): sort and draw the line again rather than update an older point.
      line.points.sort((a, b) => a.time - b.time);
      this.draw(line);
      return;
    }
    if (line.points.length > KEEP) line.points.splice(0, line.points.length - KEEP);
    const first = this.chart.firstBarTime();
    const time = bucketStart(Math.floor(p.time / 1000), this.chart.period);
    if (first === null || time < first || time < line.drawnTo) return;
    line.series.update({ time: time as UTCTimestamp, value: p.value });
    line.drawnTo = time;
    this.countDrawn();
  }

  remove(): void {
    this.unlisten();
    for (const line of this.lines.values()) this.chart.removeLine(line.series);
    this.lines.clear();
  }

  private redraw(): void {
    for (const line of this.lines.values()) this.draw(line);
  }

  private draw(line: Line): void {
    const data = pointsPerCandle(line.points, this.chart.period, this.chart.firstBarTime());
    line.series.setData(data.map((d) => ({ time: d.time as UTCTimestamp, value: d.value })));
    line.drawnTo = data.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
    this.countDrawn();
  }

  private countDrawn(): void {
    let n = 0;
    for (const line of this.lines.values()) if (line.drawnTo > Number.NEGATIVE_INFINITY) n++;
    if (n === this.drawnLines) return;
    this.drawnLines = n;
    this.onDrawn(n);
  }
}
