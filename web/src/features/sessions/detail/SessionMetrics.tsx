import { MetricTiles, type Tile } from '../../../components/MetricTiles';
import type { SessionDetailFieldsFragment } from '../../../gql/graphql';
import { signClass } from '../../../lib/format';
import { METRIC_DEFS } from '../compare/metrics-compare';
import { formatMetric } from './metric-format';

const SIGNED = new Set(['netPnl', 'returnPct', 'expectancy']);

/** Every metric of the run as a tile; while a session runs, its live counts and P&L. */
export function SessionMetrics({ session: s }: { session: SessionDetailFieldsFragment }) {
  const m = s.metrics as Record<string, unknown> | null;
  const currency = s.settleCurrency;
  if (!m) {
    const tiles: Tile[] = [
      {
        label: 'Net P&L',
        value: formatMetric('money', s.netPnl, currency, true),
        tone: signClass(s.netPnl),
        testId: 'metric-netPnl',
      },
      { label: 'Fills', value: s.fillCount.toLocaleString('en-US'), testId: 'metric-fills' },
      { label: 'Round trips', value: s.roundTripCount.toLocaleString('en-US'), testId: 'metric-roundTrips' },
    ];
    return (
      <section className="detail-section">
        <MetricTiles tiles={tiles} testId="session-metrics" />
        <p className="muted small">
          Full metrics appear once the run has computed them (at the end of a backtest or run).
        </p>
      </section>
    );
  }
  const tiles = METRIC_DEFS.map((def): Tile => {
    const raw = m[def.key];
    const value = typeof raw === 'number' ? raw : null;
    const label = def.key === 'sharpe' ? `Sharpe (${String(m.sharpeBasis ?? '?')})` : def.label;
    return {
      label,
      value: formatMetric(def.format, value, currency, SIGNED.has(def.key)),
      tone: SIGNED.has(def.key) ? signClass(value) : '',
      testId: `metric-${def.key}`,
      hint: def.key === 'sharpe' ? 'annualised: daily × √365, or hourly × √8760 for runs under 2 days' : undefined,
    };
  });
  return (
    <section className="detail-section">
      <MetricTiles tiles={tiles} testId="session-metrics" />
      <p className="muted small">
        Money in {currency ?? 'the settlement currency'} · metrics v{String(m.version)}
      </p>
    </section>
  );
}
