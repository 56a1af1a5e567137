import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { CandleChart } from '../../../charts/candle-chart';
import { type PlottedSpec, SessionIndicatorLayer } from '../../../charts/session-indicator-layer';
import { useStream } from '../../../lib/use-stream';
import { SessionIndicatorHistoryQuery, SessionIndicatorStream } from './documents';

/**
 * The lines the selected session's strategy plots on this chart: the recent past by query, then
 * each value as the strategy plots it. Removed with the selection (or when the specs change).
 * `live` false (a backtest, a stopped session) reads the past only. Returns how many of the lines
 * have values on the chart.
 */
export function useSessionIndicators(
  chart: CandleChart | null,
  sessionId: string | null,
  specs: readonly PlottedSpec[],
  live: boolean,
): number {
  const client = useClient();
  const layer = useRef<SessionIndicatorLayer | null>(null);
  const [drawn, setDrawn] = useState(0);
  const specsKey = specs.map((s) => `${s.name}:${s.overlay}`).join(',');
  const specsNow = useRef(specs);
  specsNow.current = specs;

  // biome-ignore lint/correctness/useExhaustiveDependencies: specsKey stands for the specs' content
  useEffect(() => {
    const wanted = specsNow.current;
    if (!chart || !sessionId || wanted.length === 0) return;
    const l = new SessionIndicatorLayer(chart, wanted, setDrawn);
    layer.current = l;
    let cancelled = false;
    const names = wanted.map((s) => s.name);
    client
      .query(SessionIndicatorHistoryQuery, { id: sessionId, names }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => {
        if (!cancelled && r.data?.session) l.addHistory(r.data.session.indicators);
      });
    return () => {
      cancelled = true;
      l.remove();
      layer.current = null;
      setDrawn(0);
    };
  }, [chart, client, sessionId, specsKey]);

  useStream(SessionIndicatorStream, { id: sessionId ?? '' }, (d) => layer.current?.push(d.sessionIndicators), {
    pause: !live || !sessionId || specs.length === 0,
  });
  return drawn;
}
