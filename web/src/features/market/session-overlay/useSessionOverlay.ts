import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { CandleChart } from '../../../charts/candle-chart';
import type { PlottedSpec } from '../../../charts/session-indicator-layer';
import { useSelectedSession } from '../../sessions/selection';
import { isActive } from '../../sessions/session-model';
import { SessionChartQuery } from './documents';
import { useRoundTripMarkers } from './useRoundTripMarkers';
import { useSessionIndicators } from './useSessionIndicators';

export interface SessionOverlay {
  /** The selected session, when it trades the chart's market. */
  session: { id: string; name: string; strategy: string; mode: string } | null;
  /** The lines drawn for it, in colour order. */
  specs: readonly PlottedSpec[];
  /** How many of them have values on the chart yet. */
  drawn: number;
  /** Its round trips on this market (each an entry and an exit marker). */
  trips: number;
}

/**
 * What the selected session (`?session=`) adds to the price chart when it trades the chart's
 * market: the indicators its strategy declares for this market's leg and its round trips as
 * markers. Backtests record no indicator values (only paper and live sessions stream them), so
 * they get the markers alone. Everything goes when the selection or the market changes.
 */
export function useSessionOverlay(chart: CandleChart | null, market: string): SessionOverlay {
  const { id } = useSelectedSession();
  const [{ data }] = useQuery({
    query: SessionChartQuery,
    variables: { id: id ?? '' },
    pause: !id,
    requestPolicy: 'cache-and-network',
  });
  const found = data?.session;
  const session = id && found?.id === id && found.markets.includes(market) ? found : null;
  const specs = useMemo((): PlottedSpec[] => {
    if (!session || session.mode === 'BACKTEST') return [];
    const strategy = data?.strategies.find((s) => s.name === session.strategy);
    return (strategy?.indicators ?? [])
      .filter((spec) => session.markets[spec.leg] === market)
      .map((spec) => ({ name: spec.name, overlay: spec.overlay }));
  }, [session, data, market]);
  const drawn = useSessionIndicators(chart, session?.id ?? null, specs, session ? isActive(session.status) : false);
  const trips = useRoundTripMarkers(chart, session, market);
  // One object while nothing changed: the legend re-renders only then (the chart panel renders per frame).
  return useMemo(() => ({ session, specs, drawn, trips }), [session, specs, drawn, trips]);
}
