import { useMemo } from 'react';
import { useQuery } from 'urql';
import { type ChartSeries, LineChart } from '../../../components/LineChart';
import { currencyDecimals } from '../../../lib/format';
import { SessionEquityQuery } from '../detail/documents';
import { toChartPoints } from '../detail/equity';
import { useLiveSession } from '../detail/useLiveSession';
import { ModeBadge } from '../ModeBadge';
import { StatusPill } from '../StatusPill';
import { MetricsCompare } from './MetricsCompare';
import { TripsCompare } from './TripsCompare';
import { useAllRoundTrips } from './useAllRoundTrips';

interface Props {
  aId: string;
  bId: string;
  onBack: () => void;
  onClose: () => void;
  onOpen: (id: string) => void;
}

/** Two sessions side by side (e.g. a TEST run and its backtest): metrics, equity, trade by trade. */
export function CompareView({ aId, bId, onBack, onClose, onOpen }: Props) {
  const a = useLiveSession(aId).session;
  const b = useLiveSession(bId).session;
  const tripsA = useAllRoundTrips(aId, a?.roundTripCount);
  const tripsB = useAllRoundTrips(bId, b?.roundTripCount);
  const [eqA] = useQuery({ query: SessionEquityQuery, variables: { id: aId, resolution: 'RAW' } });
  const [eqB] = useQuery({ query: SessionEquityQuery, variables: { id: bId, resolution: 'RAW' } });
  const series = useMemo<ChartSeries[]>(
    () => [
      { id: 'a', points: toChartPoints(eqA.data?.session?.equity ?? []), color: '#58a6ff' },
      { id: 'b', points: toChartPoints(eqB.data?.session?.equity ?? []), color: '#d29922' },
    ],
    [eqA.data, eqB.data],
  );
  const currency = a?.settleCurrency ?? b?.settleCurrency ?? null;
  const sameCurrency = !a || !b || a.settleCurrency === b.settleCurrency;
  const side = (label: string, s: typeof a, id: string) => (
    <div className="compare-side">
      <span className="muted">{label}</span>
      <button type="button" className="link" onClick={() => onOpen(id)}>
        {s?.name ?? id.slice(0, 8)}
      </button>
      {s && <ModeBadge mode={s.mode} venue={s.venue} />}
      {s && <StatusPill status={s.status} />}
    </div>
  );
  const error = tripsA.error ?? tripsB.error;
  return (
    <div className="compare-view" data-testid="compare-view">
      <header className="detail-header">
        <div className="detail-title">
          <h2>Compare</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="compare-sides">
          {side('A', a, aId)}
          {side('B', b, bId)}
        </div>
        <div className="toolbar">
          <button type="button" className="btn" onClick={onBack}>
            ← Back to A
          </button>
        </div>
        {!sameCurrency && (
          <div className="error-line">
            The two runs settle in different currencies; money differences are not comparable.
          </div>
        )}
      </header>
      <MetricsCompare
        a={(a?.metrics as Record<string, unknown> | null) ?? null}
        b={(b?.metrics as Record<string, unknown> | null) ?? null}
        currency={currency}
        labels={[a?.mode ?? 'A', b?.mode ?? 'B']}
      />
      <section className="detail-section">
        <h3>Equity: A (blue) and B (amber)</h3>
        <LineChart series={series} precision={currencyDecimals(currency)} height={220} testId="compare-equity" />
      </section>
      {error && <div className="error-line">round trips: {error}</div>}
      {tripsA.loading || tripsB.loading ? (
        <p className="muted">loading round trips…</p>
      ) : (
        <TripsCompare a={tripsA.trips} b={tripsB.trips} currency={currency} />
      )}
    </div>
  );
}
