import type { Metrics } from '@hm/engine/contracts';
import { builder } from '../builder.js';

/** A run's metrics as the engine stores them (engine/src/metrics/metrics.ts; formulas in docs/metrics.md). */
export type MetricsShape = Metrics & { version: number };

const money = 'settlement currency (XBT for XBTUSD sessions, USDT for linear ones)';

/** Performance figures of a session; one definition for live sessions and backtests. */
export const MetricsRef = builder.objectRef<MetricsShape>('Metrics').implement({
  description: 'Performance figures of a run. Formulas: docs/metrics.md; `version` says which definitions.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Version of the metric definitions (METRICS_VERSION).' }),
    netPnl: t.exposeFloat('netPnl', { nullable: true, description: `Last − first equity, ${money}.` }),
    returnPct: t.exposeFloat('returnPct', { nullable: true, description: 'netPnl / initial equity × 100.' }),
    sharpe: t.exposeFloat('sharpe', { nullable: true, description: 'Annualised; basis in `sharpeBasis`.' }),
    sortino: t.exposeFloat('sortino', { nullable: true }),
    sharpeBasis: t.exposeString('sharpeBasis', {
      description: '`daily` (× √365) or `hourly` (× √8760, runs shorter than 2 days).',
    }),
    maxDrawdown: t.exposeFloat('maxDrawdown', { nullable: true, description: `Peak-to-trough, ${money}, ≥ 0.` }),
    maxDrawdownPct: t.exposeFloat('maxDrawdownPct', { nullable: true }),
    maxDrawdownDurationMs: t.exposeFloat('maxDrawdownDurationMs', { nullable: true }),
    calmar: t.exposeFloat('calmar', { nullable: true }),
    profitFactor: t.exposeFloat('profitFactor', { nullable: true }),
    expectancy: t.exposeFloat('expectancy', { nullable: true, description: `Mean round-trip P&L, ${money}.` }),
    winRate: t.exposeFloat('winRate', { nullable: true, description: 'Winning / closed round trips, 0..1.' }),
    avgWin: t.exposeFloat('avgWin', { nullable: true }),
    avgLoss: t.exposeFloat('avgLoss', { nullable: true }),
    largestWin: t.exposeFloat('largestWin', { nullable: true }),
    largestLoss: t.exposeFloat('largestLoss', { nullable: true }),
    roundTrips: t.exposeInt('roundTrips'),
    fills: t.exposeInt('fills'),
    exposurePct: t.exposeFloat('exposurePct', { nullable: true, description: 'Time in a position, % of the run.' }),
    feesPaid: t.exposeFloat('feesPaid', { description: `${money}; negative = net rebates.` }),
    fundingPaid: t.exposeFloat('fundingPaid', { description: `${money}; negative = received.` }),
  }),
});

/** The stored metrics JSON with its version, or null when the session has none yet. */
export function metricsOf(json: unknown, version: number | null): MetricsShape | null {
  if (!json || typeof json !== 'object') return null;
  return { ...(json as Omit<MetricsShape, 'version'>), version: version ?? 0 };
}
