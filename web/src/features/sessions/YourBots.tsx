import { useMemo, useState } from 'react';
import { Tabs } from '../../components/Tabs';
import { CreateSessionDialog } from './create/CreateSessionDialog';
import { EMPTY_FILTERS, type FilterState, SessionFiltersBar, type StatusChoice } from './SessionFiltersBar';
import { SessionList } from './SessionList';
import type { Exclude, SessionFilterValue } from './session-filter';
import { ACTIVE_STATUSES, HISTORY_STATUSES, type Mode } from './session-model';
import { useSessionCount } from './useSessionCount';

type View = 'running' | 'collectors' | 'history';

const choices = (all: string, statuses: readonly StatusChoice['value'][number][]): StatusChoice[] => [
  { label: all, value: [...statuses] },
  ...statuses.map((s) => ({ label: s.toLowerCase(), value: [s] })),
];
const VIEWS: Record<View, { statuses: StatusChoice[]; modes?: Mode[]; newMode: Mode; empty: string }> = {
  running: {
    statuses: choices('All active', ACTIVE_STATUSES),
    modes: ['TEST', 'LIVE', 'BACKTEST'],
    newMode: 'TEST',
    empty: 'No running sessions. Start one with “New session”.',
  },
  collectors: {
    statuses: [...choices('Active', ACTIVE_STATUSES), ...choices('Finished', HISTORY_STATUSES).slice(0, 1)],
    newMode: 'MARKET',
    empty: 'No active collectors.',
  },
  history: {
    statuses: choices('All finished', HISTORY_STATUSES),
    modes: ['TEST', 'LIVE', 'BACKTEST', 'MARKET'],
    newMode: 'TEST',
    empty: 'No session history.',
  },
};
const NO_COLLECTORS: Exclude = { modes: ['MARKET'] };
const ACTIVE = { status: [...ACTIVE_STATUSES] };
const ACTIVE_COLLECTORS = { mode: 'MARKET' as const, status: [...ACTIVE_STATUSES] };
const HISTORY = { status: [...HISTORY_STATUSES] };

/** Your Bots: Running / Collectors / History sub-views, each filtered, paged and live. */
export function YourBots() {
  const [view, setView] = useState<View>('running');
  const [filters, setFilters] = useState<Record<View, FilterState>>({
    running: EMPTY_FILTERS,
    collectors: EMPTY_FILTERS,
    history: EMPTY_FILTERS,
  });
  const [creating, setCreating] = useState(false);
  const active = useSessionCount(ACTIVE);
  const collectors = useSessionCount(ACTIVE_COLLECTORS);
  const history = useSessionCount(HISTORY);
  const f = filters[view];
  const cfg = VIEWS[view];
  const filter = useMemo<SessionFilterValue>(
    () => ({
      mode: view === 'collectors' ? 'MARKET' : f.mode || null,
      status: cfg.statuses[f.status]?.value ?? null,
      strategy: view === 'collectors' ? null : f.strategy || null,
      market: f.market || null,
    }),
    [view, f, cfg],
  );
  const exclude = view === 'running' && !f.mode ? NO_COLLECTORS : undefined;
  return (
    <section className="your-bots" data-testid="your-bots">
      <div className="toolbar">
        <Tabs
          variant="sub"
          label="Session views"
          active={view}
          onChange={setView}
          items={[
            {
              id: 'running',
              label: 'Running',
              badge: active === null || collectors === null ? null : active - collectors,
            },
            { id: 'collectors', label: 'Collectors', badge: collectors },
            { id: 'history', label: 'History', badge: history },
          ]}
        />
        <div className="spacer" />
        <button type="button" className="primary" data-testid="new-session" onClick={() => setCreating(true)}>
          + New session
        </button>
      </div>
      <SessionFiltersBar
        value={f}
        onChange={(next) => setFilters((all) => ({ ...all, [view]: next }))}
        {...(cfg.modes ? { modes: cfg.modes } : {})}
        statuses={cfg.statuses}
        strategyFilter={view !== 'collectors'}
      />
      <SessionList
        filter={filter}
        {...(exclude ? { exclude } : {})}
        orderBy={f.orderBy}
        pageSize={view === 'running' && exclude ? 100 : 20}
        empty={cfg.empty}
        testId={`sessions-${view}`}
      />
      {creating && <CreateSessionDialog initialMode={cfg.newMode} onClose={() => setCreating(false)} />}
    </section>
  );
}
