import { useMemo, useState } from 'react';
import { Pager } from '../../components/Pager';
import { useNow } from '../../lib/use-now';
import { CreateSessionDialog } from '../sessions/create/CreateSessionDialog';
import { EMPTY_FILTERS, type FilterState, SessionFiltersBar, type StatusChoice } from '../sessions/SessionFiltersBar';
import { useSelectedSession } from '../sessions/selection';
import { STATUSES } from '../sessions/session-model';
import { useLiveSessions } from '../sessions/useLiveSessions';
import { BacktestRow } from './BacktestRow';

const STATUS_CHOICES: StatusChoice[] = [
  { label: 'All statuses', value: [] },
  ...STATUSES.map((s) => ({ label: s.toLowerCase(), value: [s] })),
];
const PAGE = 20;

/** Every BACKTEST session: live progress while running, key metrics when done; New backtest. */
export function BacktestsPanel() {
  const [f, setF] = useState<FilterState>(EMPTY_FILTERS);
  const [creating, setCreating] = useState(false);
  const selected = useSelectedSession();
  const now = useNow(1_000);
  const filter = useMemo(
    () => ({
      mode: 'BACKTEST' as const,
      status: STATUS_CHOICES[f.status]?.value ?? [],
      strategy: f.strategy || null,
      market: f.market || null,
    }),
    [f],
  );
  const list = useLiveSessions({ filter, orderBy: f.orderBy, pageSize: PAGE });
  return (
    <section className="backtests-panel" data-testid="backtests-panel">
      <div className="toolbar">
        <SessionFiltersBar value={f} onChange={setF} statuses={STATUS_CHOICES} />
        <div className="spacer" />
        <button type="button" className="primary" data-testid="new-backtest" onClick={() => setCreating(true)}>
          + New backtest
        </button>
      </div>
      {list.error && <div className="error-line">cannot load backtests: {list.error.message}</div>}
      {list.rows.length === 0 && !list.fetching && <div className="empty muted">No backtests yet.</div>}
      {list.rows.map((s) => (
        <BacktestRow key={s.id} session={s} now={now} selected={selected.id === s.id} onOpen={selected.open} />
      ))}
      <Pager
        page={list.page}
        pageSize={PAGE}
        total={list.totalCount}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
      {creating && <CreateSessionDialog initialMode="BACKTEST" onClose={() => setCreating(false)} />}
    </section>
  );
}
