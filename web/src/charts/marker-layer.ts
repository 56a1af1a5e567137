import type { CandleChart } from './candle-chart';
import { type MarkerTrip, roundTripMarkers } from './trade-markers';

/**
 * A session's round trips as markers on the candles, kept in step with the chart: drawn again when
 * the trips change and when the candles are reloaded (another period, history arriving), since
 * which trips are shown and on which candle depends on both.
 */
export class TradeMarkerLayer {
  private trips: readonly MarkerTrip[] = [];
  private drawnFirst: number | null = null;
  private readonly unlisten: () => void;

  constructor(
    private readonly chart: CandleChart,
    private readonly formatPnl: (pnl: number) => string,
  ) {
    this.unlisten = chart.addBarListener({
      loaded: () => this.draw(),
      // The first live bar on an empty chart decides which trips can be shown.
      updated: () => {
        if (this.chart.firstBarTime() !== this.drawnFirst) this.draw();
      },
    });
  }

  set(trips: readonly MarkerTrip[]): void {
    this.trips = trips;
    this.draw();
  }

  remove(): void {
    this.unlisten();
    this.chart.setMarkers([]);
  }

  private draw(): void {
    this.drawnFirst = this.chart.firstBarTime();
    this.chart.setMarkers(
      roundTripMarkers(this.trips, {
        period: this.chart.period,
        firstBarTime: this.drawnFirst,
        formatPnl: this.formatPnl,
      }),
    );
  }
}
