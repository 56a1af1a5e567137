import { useState } from 'react';
import type { SessionDetailFieldsFragment } from '../../../gql/graphql';
import { formatDuration, formatMoney, signClass } from '../../../lib/format';
import { HealthBadge } from '../HealthBadge';
import { ModeBadge } from '../ModeBadge';
import { SessionActions } from '../SessionActions';
import { SessionNotices } from '../SessionNotices';
import { StatusPill } from '../StatusPill';
import { useSelectedSession } from '../selection';
import { canBacktest, runtimeMs } from '../session-model';
import { useSessionActions } from '../useSessionActions';
import { VenueBadge } from '../VenueBadge';
import { ComparePicker } from './ComparePicker';

interface Props {
  session: SessionDetailFieldsFragment;
  now: number;
  onClose: () => void;
}

/** Name, mode, status, runtime, heartbeat and P&L of the session, with every action on it. */
export function DetailHeader({ session: s, now, onClose }: Props) {
  const selected = useSelectedSession();
  const actions = useSessionActions();
  const [busy, setBusy] = useState(false);
  const runtime = runtimeMs(s, now);
  const backtest = async () => {
    setBusy(true);
    try {
      const created = await actions.backtest(s);
      if (created) selected.open(created.id);
    } finally {
      setBusy(false);
    }
  };
  return (
    <header className="detail-header">
      <div className="detail-title">
        <h2 data-testid="detail-name">{s.name}</h2>
        <span className="detail-title-actions">
          <button
            type="button"
            className="btn"
            title="Put the drawer away and see this session’s trades and indicators on the price chart"
            onClick={selected.minimize}
            data-testid="detail-show-chart"
          >
            Show on chart
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Close the session"
            onClick={onClose}
            data-testid="detail-close"
          >
            ×
          </button>
        </span>
      </div>
      <div className="detail-facts">
        <ModeBadge mode={s.mode} venue={s.venue} />
        <StatusPill status={s.status} />
        <VenueBadge session={s} />
        <span>{s.strategy}</span>
        <span>{s.markets.join(' / ')}</span>
        <span title="runtime" data-testid="session-runtime">
          runtime {runtime === null ? '—' : formatDuration(runtime)}
        </span>
        <HealthBadge session={s} now={now} />
        <span className={signClass(s.netPnl)} data-testid="session-pnl">
          {formatMoney(s.netPnl, s.settleCurrency, { signed: true })}
        </span>
        {s.clonedFrom && (
          <button type="button" className="link" onClick={() => selected.open(s.clonedFrom?.id ?? '')}>
            from {s.clonedFrom.name}
          </button>
        )}
      </div>
      <SessionNotices session={s} anyError />
      <div className="toolbar">
        <SessionActions session={s} onCloned={selected.open} />
        {canBacktest(s) && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void backtest()}
            data-testid="backtest-this"
          >
            Backtest this session
          </button>
        )}
        {s.mode === 'BACKTEST' && s.clonedFrom && (
          <button
            type="button"
            className="btn"
            onClick={() => selected.openCompare(s.clonedFrom?.id ?? '', s.id)}
            data-testid="compare-source"
          >
            Compare with source
          </button>
        )}
        <ComparePicker session={s} />
      </div>
    </header>
  );
}
