import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { type ChartSeries, LineChart } from '../../../components/LineChart';
import type { EquityResolution } from '../../../gql/graphql';
import { currencyDecimals } from '../../../lib/format';
import { useDebounced } from '../../../lib/use-debounced';
import { SessionEquityQuery } from './documents';
import { drawdownPoints, toChartPoints } from './equity';

interface Props {
  session: { id: string; status: string; fillCount: number; netPnl: number | null; settleCurrency: string | null };
}

const RESOLUTIONS: EquityResolution[] = ['RAW', 'M1', 'H1', 'D1'];

/**
 * Equity and drawdown (lightweight-charts). Re-queried when a pushed update changes the status,
 * fills or P&L (debounced), never on a timer.
 */
export function EquityCharts({ session }: Props) {
  const [resolution, setResolution] = useState<EquityResolution>('RAW');
  const [result, reexecute] = useQuery({
    query: SessionEquityQuery,
    variables: { id: session.id, resolution },
    requestPolicy: 'cache-and-network',
  });
  const refresh = useDebounced(() => reexecute({ requestPolicy: 'network-only' }), 2_000);
  // A new status or fill re-reads the curve; a heartbeat's P&L change at most every 15 s.
  const seen = useRef({ key: `${session.status}:${session.fillCount}`, pnl: session.netPnl, at: Date.now() });
  useEffect(() => {
    const key = `${session.status}:${session.fillCount}`;
    const last = seen.current;
    const pnlMoved = session.netPnl !== last.pnl && Date.now() - last.at > 15_000;
    if (key === last.key && !pnlMoved) return;
    seen.current = { key, pnl: session.netPnl, at: Date.now() };
    refresh();
  }, [session.status, session.fillCount, session.netPnl, refresh]);
  const points = useMemo(() => toChartPoints(result.data?.session?.equity ?? []), [result.data]);
  const equity = useMemo<ChartSeries[]>(() => [{ id: 'equity', points, color: '#58a6ff' }], [points]);
  const drawdown = useMemo<ChartSeries[]>(
    () => [{ id: 'dd', points: drawdownPoints(points), color: '#ef5350', kind: 'area' }],
    [points],
  );
  return (
    <section className="detail-section">
      <header className="section-header">
        <h3>Equity ({session.settleCurrency ?? '—'}) and drawdown (%)</h3>
        <select
          aria-label="Equity resolution"
          value={resolution}
          onChange={(e) => setResolution(e.target.value as EquityResolution)}
        >
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {r === 'RAW' ? 'as stored' : r}
            </option>
          ))}
        </select>
      </header>
      {result.error && <div className="error-line">equity: {result.error.message}</div>}
      <div className="chart-pair">
        <LineChart
          series={equity}
          precision={currencyDecimals(session.settleCurrency)}
          height={200}
          testId="equity-chart"
        />
        <LineChart series={drawdown} precision={2} height={200} testId="drawdown-chart" empty="no drawdown yet" />
      </div>
    </section>
  );
}
