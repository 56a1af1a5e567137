import type { Bar } from './candle-chart';

/** What the loader needs of the chart (CandleChart implements it; tests use a stand-in). */
export interface HistorySurface {
  /** The oldest bar's time (unix s), or null while the chart is empty. */
  firstBarTime(): number | null;
  /** Puts older bars in front of the loaded ones; returns how many were added. */
  prepend(bars: readonly Bar[]): number;
  /** The visible logical range (bar indexes, 0 = the oldest bar), or null before any data. */
  visibleRange(): { from: number; to: number } | null;
  /** Calls back when the user scrolls or zooms; returns the unsubscribe. */
  onVisibleRangeChange(listener: () => void): () => void;
}

/** Older candles than `beforeTime` (unix s, exclusive), ascending; empty when there are none. */
export type FetchOlder = (beforeTime: number) => Promise<readonly Bar[]>;

/** Bars left of the view that trigger the next page: loaded before the user reaches the edge. */
export const NEAR_EDGE_BARS = 50;

/**
 * Loads older candles when the view comes near the oldest loaded bar: one request at a time,
 * never twice for the same oldest bar once the API had nothing older (the archive's start), and
 * an answer that arrives after the chart moved on (another market or period, history reloaded,
 * `dispose`) is dropped. After a page it looks again, in case the view is still at the edge.
 */
export class OlderHistoryLoader {
  private loading = false;
  private disposed = false;
  /** The oldest bar for which the API had nothing older. */
  private exhaustedAt: number | null = null;
  private readonly unlisten: () => void;

  constructor(
    private readonly surface: HistorySurface,
    private readonly fetchOlder: FetchOlder,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.unlisten = surface.onVisibleRangeChange(() => {
      if (this.nearEdge()) void this.loadOlder();
    });
  }

  /** Whether the first visible bar is within {@link NEAR_EDGE_BARS} of the oldest loaded one. */
  nearEdge(): boolean {
    const range = this.surface.visibleRange();
    return range !== null && range.from < NEAR_EDGE_BARS;
  }

  /** Fetches and prepends the page before the oldest bar; resolves to the bars added (0 if none or skipped). */
  async loadOlder(): Promise<number> {
    const oldest = this.surface.firstBarTime();
    if (this.disposed || this.loading || oldest === null || this.exhaustedAt === oldest) return 0;
    this.loading = true;
    let added = 0;
    try {
      const bars = await this.fetchOlder(oldest);
      if (this.disposed || this.surface.firstBarTime() !== oldest) return 0;
      added = this.surface.prepend(bars.filter((b) => b.time < oldest));
      if (added === 0) this.exhaustedAt = oldest;
    } catch (err) {
      // Not marked exhausted: the next scroll tries again.
      if (!this.disposed) this.onError(err);
    } finally {
      this.loading = false;
    }
    if (added > 0 && this.nearEdge()) void this.loadOlder();
    return added;
  }

  dispose(): void {
    this.disposed = true;
    this.unlisten();
  }
}
