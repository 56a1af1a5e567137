import { useCallback, useState } from 'react';
import { useMarkets } from '../../lib/markets';
import { SessionPositionRows } from './SessionPositionRows';
import { useSelectedSession } from './selection';
import { useLiveSessions } from './useLiveSessions';

const RUNNING = { status: ['RUNNING' as const, 'STOPPING' as const] };
const PAPER_ONLY = { modes: ['MARKET' as const, 'BACKTEST' as const] };

/** Open paper positions of the running TEST/LIVE sessions, derived from their fills. */
export function PositionsPanel() {
  const { bySymbol } = useMarkets();
  const selected = useSelectedSession();
  const list = useLiveSessions({ filter: RUNNING, exclude: PAPER_ONLY, pageSize: 100 });
  const [counts, setCounts] = useState<Record<string, number>>({});
  const report = useCallback((id: string, n: number) => setCounts((c) => (c[id] === n ? c : { ...c, [id]: n })), []);
  const total = list.rows.reduce((sum, s) => sum + (counts[s.id] ?? 0), 0);
  return (
    <div className="table-scroll" data-testid="positions-panel">
      {list.error && <div className="error-line">{list.error.message}</div>}
      <table className="data-table">
        <thead>
          <tr>
            <th>Session</th>
            <th>Market</th>
            <th>Size</th>
            <th>Avg entry</th>
            <th>Fills</th>
            <th>Fees</th>
            <th>Last fill (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((s) => (
            <SessionPositionRows key={s.id} session={s} bySymbol={bySymbol} onOpen={selected.open} onCount={report} />
          ))}
        </tbody>
      </table>
      {total === 0 && !list.fetching && (
        <div className="empty muted">
          No open positions
          {list.rows.length ? ` (${list.rows.length} running session(s) flat)` : ' (no running session)'}.
        </div>
      )}
    </div>
  );
}
