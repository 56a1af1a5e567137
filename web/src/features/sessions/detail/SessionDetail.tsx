import { useNow } from '../../../lib/use-now';
import { BacktestProgressBar } from '../../backtests/BacktestProgressBar';
import { isActive } from '../session-model';
import { DetailHeader } from './DetailHeader';
import { EquityCharts } from './EquityCharts';
import { LogsPanel } from './LogsPanel';
import { NoteEditor } from './NoteEditor';
import { ParamsView } from './ParamsView';
import { RiskView } from './RiskView';
import { RoundTripsTable } from './RoundTripsTable';
import { SessionMetrics } from './SessionMetrics';
import { useLiveSession } from './useLiveSession';

/** Everything about one session, kept current by `sessionUpdated(id)`. */
export function SessionDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const now = useNow(1_000);
  const { session: s, fetching, error } = useLiveSession(id);
  if (!s) {
    return (
      <div className="detail-empty">
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
        {error ? (
          <div className="error-line">cannot load the session: {error.message}</div>
        ) : fetching ? (
          <span className="muted">loading…</span>
        ) : (
          <span className="muted">No session with id {id} (deleted?).</span>
        )}
      </div>
    );
  }
  return (
    <div className="session-detail" data-testid="session-detail" data-session-id={s.id} data-status={s.status}>
      <DetailHeader session={s} now={now} onClose={onClose} />
      {s.mode === 'BACKTEST' && isActive(s.status) && <BacktestProgressBar id={s.id} />}
      <SessionMetrics session={s} />
      <EquityCharts session={s} />
      <RoundTripsTable session={s} />
      <LogsPanel id={s.id} />
      <div className="detail-columns">
        <ParamsView session={s} />
        <RiskView session={s} />
        <NoteEditor session={s} />
      </div>
    </div>
  );
}
