import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type LineSeriesPartialOptions,
  PriceScaleMode,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Period } from '../gql/graphql';
import { decimalsOf } from '../lib/format';
import type { HistorySurface } from './older-history';
import { BG, BORDER, DOWN, GRID, TEXT, UP } from './theme';

export { DOWN, UP } from './theme';

/** A bar as the API sends it: `time` = bucket start in unix seconds UTC. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Price axis: linear with auto-scaling, logarithmic, or % change from the first visible bar. */
export type ScaleMode = 'auto' | 'log' | 'percent';
export const SCALE_MODES: readonly ScaleMode[] = ['auto', 'log', 'percent'];
const SCALE_MODE: Record<ScaleMode, PriceScaleMode> = {
  auto: PriceScaleMode.Normal,
  log: PriceScaleMode.Logarithmic,
  percent: PriceScaleMode.Percentage,
};

/** What layers drawn over the candles (studies, a session's lines) follow. */
export interface BarListener {
  /** History (re)loaded or older bars prepended: every bar on the chart, ascending. Also called with [] on reset. */
  loaded(bars: readonly Bar[]): void;
  /** One live bar: the forming one changed, or a new one started. */
  updated(bar: Bar): void;
}

/** Counts end-to-end tests read from the container (`data-overlays`, `data-markers`). */
export interface ChartStats {
  overlays: number;
  markers: number;
  /** The price axis mode as the chart reports it back (not as asked). */
  scale: ScaleMode;
  /** The oldest bar's time (unix s; `data-oldest`), null while empty: goes down as older history loads. */
  oldest: number | null;
}

/**
 * The price chart: candles plus a volume histogram in the bottom 15 % of the main pane, line
 * overlays (on the price scale or in panes of their own below) and trade markers. Created once per
 * mount; live bars stream in through `update` (a bar with the forming bar's time replaces it), so
 * zoom and scroll survive every tick. Never rebuilt per event.
 */
export class CandleChart implements HistorySurface {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  /** Every bar shown, ascending (the layers recompute from them). */
  private bars: Bar[] = [];
  /** The newest live bar, re-applied over history that arrives after it. */
  private lastLive: Bar | null = null;
  private priceLines = new Set<ISeriesApi<'Line'>>();
  private paneLines = new Set<ISeriesApi<'Line'>>();
  private readonly listeners = new Set<BarListener>();
  private readonly statListeners = new Set<() => void>();
  private readonly rangeListeners = new Set<() => void>();
  private stats: ChartStats = { overlays: 0, markers: 0, scale: 'auto', oldest: null };

  constructor(
    container: HTMLElement,
    private currentPeriod: Period,
  ) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: BG }, textColor: TEXT, panes: { separatorColor: BORDER } },
      grid: { vertLines: { color: GRID }, horzLines: { color: GRID } },
      rightPriceScale: { borderColor: BORDER },
      timeScale: { borderColor: BORDER, timeVisible: true, secondsVisible: false, rightOffset: 6, barSpacing: 8 },
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
    this.markers = createSeriesMarkers(this.candles, []);
    // One subscription to the chart, fanned out: listeners can leave after the chart is removed.
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(() => {
      for (const l of this.rangeListeners) l();
    });
  }

  get period(): Period {
    return this.currentPeriod;
  }

  /** Every bar on the chart, ascending (read it, do not keep it: live bars replace the last one). */
  barsShown(): readonly Bar[] {
    return this.bars;
  }

  /** The oldest bar's time (unix s), or null while the chart is empty. */
  firstBarTime(): number | null {
    return this.bars[0]?.time ?? null;
  }

  /** Price precision and minimum move from the instrument's tick size (candles and price overlays). */
  setTickSize(tickSize: number): void {
    const priceFormat = { type: 'price', precision: decimalsOf(tickSize), minMove: tickSize } as const;
    this.candles.applyOptions({ priceFormat });
    for (const line of this.priceLines) line.applyOptions({ priceFormat });
  }

  setScaleMode(mode: ScaleMode): void {
    const scale = this.chart.priceScale('right');
    scale.applyOptions({ mode: SCALE_MODE[mode], autoScale: true });
    const applied = SCALE_MODES.find((m) => SCALE_MODE[m] === scale.options().mode);
    if (applied) this.updateStats({ scale: applied });
  }

  /**
   * Loads history (ascending by time). A live bar that already arrived stays on top of it, so the
   * order in which the query and the subscription answer does not matter.
   */
  load(bars: readonly Bar[]): void {
    const live = this.lastLive;
    this.bars = live ? bars.filter((b) => b.time < live.time) : [...bars];
    if (live) this.bars.push(live);
    this.setAll();
  }

  /**
   * Puts older bars (ascending) in front of the loaded ones: those not older than the oldest bar are
   * dropped, the same bars stay in view (their logical indexes shift by the bars added) and the
   * layers recompute over the whole history. Returns how many bars were added.
   */
  prepend(older: readonly Bar[]): number {
    const first = this.bars[0]?.time;
    if (first === undefined) return 0;
    const add = older.filter((b) => b.time < first).sort((a, b) => a.time - b.time);
    if (add.length === 0) return 0;
    const timeScale = this.chart.timeScale();
    const range = timeScale.getVisibleLogicalRange();
    this.bars = [...add, ...this.bars];
    this.setAll();
    if (range) timeScale.setVisibleLogicalRange({ from: range.from + add.length, to: range.to + add.length });
    return add.length;
  }

  /** The visible logical range (bar indexes from the oldest loaded bar), or null while empty. */
  visibleRange(): { from: number; to: number } | null {
    const range = this.chart.timeScale().getVisibleLogicalRange();
    return range ? { from: range.from, to: range.to } : null;
  }

  /** Follows scrolling and zooming (the older-history loader); returns the unsubscribe. */
  onVisibleRangeChange(listener: () => void): () => void {
    this.rangeListeners.add(listener);
    return () => this.rangeListeners.delete(listener);
  }

  /** Applies one live bar. Returns false for a bar older than the newest one (ignored). */
  update(bar: Bar): boolean {
    const last = this.bars.at(-1);
    if (last && bar.time < last.time) return false;
    if (last && bar.time === last.time) this.bars[this.bars.length - 1] = bar;
    else this.bars.push(bar);
    this.lastLive = bar;
    this.candles.update(candleOf(bar));
    this.volume.update(volumeOf(bar));
    for (const l of this.listeners) l.updated(bar);
    if (!last) this.updateStats({ oldest: bar.time });
    return true;
  }

  /** Empties the chart for another market or period. */
  reset(period: Period): void {
    this.currentPeriod = period;
    this.lastLive = null;
    this.bars = [];
    this.setAll();
  }

  /** Follows the bars; the listener is told the current ones at once. Returns the unsubscribe. */
  addBarListener(listener: BarListener): () => void {
    this.listeners.add(listener);
    listener.loaded(this.bars);
    return () => this.listeners.delete(listener);
  }

  /**
   * A line series: on the candles' price scale (`price`), or in a pane of its own below them for
   * values in other units (z-score, divergence), a third of the main pane's height.
   */
  addLine(options: LineSeriesPartialOptions, place: 'price' | 'pane'): ISeriesApi<'Line'> {
    const common: LineSeriesPartialOptions = {
      lineWidth: 1,
      priceLineVisible: false,
      crosshairMarkerVisible: false,
      lastValueVisible: place === 'pane',
    };
    if (place === 'price') {
      const priceFormat = this.candles.options().priceFormat;
      const line = this.chart.addSeries(LineSeries, { ...common, priceFormat, ...options });
      this.priceLines.add(line);
      this.updateStats({ overlays: this.overlayCount() });
      return line;
    }
    const paneIndex = this.chart.panes().length;
    const line = this.chart.addSeries(LineSeries, { ...common, ...options }, paneIndex);
    const main = this.chart.panes()[0]?.getStretchFactor() ?? 1;
    this.chart.panes()[paneIndex]?.setStretchFactor(main / 3);
    this.paneLines.add(line);
    this.updateStats({ overlays: this.overlayCount() });
    return line;
  }

  /** Removes a line from `addLine` (a pane left empty goes with it). */
  removeLine(line: ISeriesApi<'Line'>): void {
    if (!this.priceLines.delete(line) && !this.paneLines.delete(line)) return;
    this.chart.removeSeries(line);
    this.updateStats({ overlays: this.overlayCount() });
  }

  /** Replaces the markers on the candles (sorted by time). */
  setMarkers(markers: SeriesMarker<Time>[]): void {
    this.markers.setMarkers(markers);
    this.updateStats({ markers: markers.length });
  }

  /** For useSyncExternalStore: the same object until a count changes. */
  readonly getStats = (): ChartStats => this.stats;
  readonly subscribeStats = (onChange: () => void): (() => void) => {
    this.statListeners.add(onChange);
    return () => this.statListeners.delete(onChange);
  };

  remove(): void {
    this.listeners.clear();
    this.statListeners.clear();
    this.rangeListeners.clear();
    this.chart.remove();
  }

  /** Draws `bars` from scratch and tells the layers (studies, markers, session lines) to recompute. */
  private setAll(): void {
    this.candles.setData(this.bars.map(candleOf));
    this.volume.setData(this.bars.map(volumeOf));
    for (const l of this.listeners) l.loaded(this.bars);
    this.updateStats({ oldest: this.bars[0]?.time ?? null });
  }

  private overlayCount(): number {
    return this.priceLines.size + this.paneLines.size;
  }

  private updateStats(change: Partial<ChartStats>): void {
    const next = { ...this.stats, ...change };
    const same = (Object.keys(next) as (keyof ChartStats)[]).every((k) => next[k] === this.stats[k]);
    if (same) return;
    this.stats = next;
    for (const l of this.statListeners) l();
  }
}

function candleOf(b: Bar) {
  return { time: b.time as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close };
}

function volumeOf(b: Bar) {
  return { time: b.time as UTCTimestamp, value: b.volume, color: b.close >= b.open ? `${UP}80` : `${DOWN}80` };
}
