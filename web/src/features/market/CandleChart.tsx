import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CandleChart as Chart, type ChartStats, SCALE_MODES, type ScaleMode } from '../../charts/candle-chart';
import { StudyLayer } from '../../charts/study-layer';
import type { Period } from '../../gql/graphql';
import { useUrlParam } from '../../lib/url-state';
import { ChartLegend } from './ChartLegend';
import { IndicatorMenu } from './IndicatorMenu';
import { type LastBarStore, useLastBar } from './last-bar';
import { OhlcReadout } from './OhlcReadout';
import { PriceScaleSelect } from './PriceScaleSelect';
import { useSessionOverlay } from './session-overlay/useSessionOverlay';
import { useCandleFeed } from './useCandleFeed';
import { useOlderCandles } from './useOlderCandles';
import { useStudies } from './useStudies';
import './chart.css';

interface Props {
  market: string;
  period: Period;
  tickSize: number;
  /** Where the newest bar goes (header price, OHLC readout). */
  lastBar: LastBarStore;
}

const NO_STATS: ChartStats = { overlays: 0, markers: 0, scale: 'auto', oldest: null };
const noStats = () => () => {};

/**
 * The live chart of one market and period, with the indicator menu, the price-scale mode and the
 * selected session's lines and trades. The chart object lives as long as the component. Test hooks
 * on the container: `data-candle-updates` (applied events), `data-overlays` (line series over or
 * under the candles), `data-markers` (trade markers), `data-scale` (the axis mode applied) and
 * `data-oldest` (unix s of the oldest bar loaded: it goes down as scrolling left loads older history).
 */
export function CandleChart({ market, period, tickSize, lastBar }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<Chart | null>(null);
  const [studyLayer, setStudyLayer] = useState<StudyLayer | null>(null);

  // Created once per mount; the feed resets it to each market and period it shows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart outlives period changes
  useEffect(() => {
    if (!container.current) return;
    const c = new Chart(container.current, period);
    const studies = new StudyLayer(c);
    setChart(c);
    setStudyLayer(studies);
    return () => {
      studies.remove();
      c.remove();
      setChart(null);
      setStudyLayer(null);
    };
  }, []);

  useEffect(() => chart?.setTickSize(tickSize), [chart, tickSize]);

  const { updates, error, historyLoaded } = useCandleFeed(chart, market, period, lastBar);
  const historyError = useOlderCandles(chart, market, period, historyLoaded);

  const [studies, setStudies] = useStudies();
  useEffect(() => studyLayer?.set(studies), [studyLayer, studies]);

  const [scale, setScale] = useUrlParam<ScaleMode>('scale', 'auto', SCALE_MODES);
  useEffect(() => chart?.setScaleMode(scale), [chart, scale]);

  const overlay = useSessionOverlay(chart, market);
  const stats = useSyncExternalStore(chart?.subscribeStats ?? noStats, chart?.getStats ?? (() => NO_STATS));
  const last = useLastBar(lastBar);

  return (
    <section className="chart-panel">
      <div className="chart-toolbar">
        <OhlcReadout bar={last} tickSize={tickSize} />
        <div className="spacer" />
        <IndicatorMenu value={studies} onChange={setStudies} />
        <PriceScaleSelect value={scale} onChange={setScale} />
      </div>
      <ChartLegend studies={studies} overlay={overlay} />
      {error && <div className="error-line">stream error: {error}</div>}
      {historyError && <div className="error-line">{historyError}</div>}
      <div
        ref={container}
        className="chart"
        data-testid="price-chart"
        data-candle-updates={updates}
        data-last-close={last?.close ?? ''}
        data-overlays={stats.overlays}
        data-markers={stats.markers}
        data-scale={stats.scale}
        data-oldest={stats.oldest ?? ''}
      />
    </section>
  );
}
