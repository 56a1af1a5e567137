import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { decimalsOf } from '../lib/format';

/** A bar as the API sends it: `time` = bucket start in unix seconds UTC. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export const UP = '#26a69a';
export const DOWN = '#ef5350';

/**
 * The price chart: candles plus a volume histogram in the bottom 15 %. Created once per mount;
 * live bars stream in through `update` (a bar with the forming bar's time replaces it), so zoom
 * and scroll survive every tick. Never rebuilt per event.
 */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private lastTime = 0;
  /** The newest live bar, re-applied over history that arrives after it. */
  private lastLive: Bar | null = null;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#0d1117' }, textColor: '#c9d1d9' },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      rightPriceScale: { borderColor: '#30363d' },
      timeScale: { borderColor: '#30363d', timeVisible: true, secondsVisible: false, rightOffset: 6, barSpacing: 8 },
      // Times are UTC end to end; the axis says so rather than shifting to the browser's zone.
      localization: {
        timeFormatter: (t: number) => `${new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ')} UTC`,
      },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' } });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.85, bottom: 0 } });
  }

  /** Price precision and minimum move from the instrument's tick size. */
  setTickSize(tickSize: number): void {
    this.candles.applyOptions({ priceFormat: { type: 'price', precision: decimalsOf(tickSize), minMove: tickSize } });
  }

  /**
   * Loads history (ascending by time). A live bar that already arrived stays on top of it, so the
   * order in which the query and the subscription answer does not matter.
   */
  load(bars: readonly Bar[]): void {
    const live = this.lastLive;
    const older = live ? bars.filter((b) => b.time < live.time) : [...bars];
    this.candles.setData(
      older.map((b) => ({ time: b.time as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close })),
    );
    this.volume.setData(older.map((b) => this.volumeBar(b)));
    this.lastTime = 0;
    const newest = live ?? older.at(-1);
    if (newest) this.update(newest);
  }

  /** Applies one live bar. Returns false for a bar older than the newest one (ignored). */
  update(bar: Bar): boolean {
    if (bar.time < this.lastTime) return false;
    this.lastTime = bar.time;
    this.lastLive = bar;
    const time = bar.time as UTCTimestamp;
    this.candles.update({ time, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
    this.volume.update(this.volumeBar(bar));
    return true;
  }

  private volumeBar(bar: Bar) {
    return {
      time: bar.time as UTCTimestamp,
      value: bar.volume,
      color: bar.close >= bar.open ? `${UP}80` : `${DOWN}80`,
    };
  }

  /** Empties the chart for another market or period. */
  reset(): void {
    this.lastTime = 0;
    this.lastLive = null;
    this.candles.setData([]);
    this.volume.setData([]);
  }

  remove(): void {
    this.chart.remove();
  }
}
