import type { ReactNode } from 'react';
import { formatDuration, formatMoney, signClass } from '../../lib/format';
import { isRealMoney } from '../live/accounts';
import { HealthBadge } from './HealthBadge';
import { ModeBadge } from './ModeBadge';
import { SessionActions } from './SessionActions';
import { SessionNotices } from './SessionNotices';
import { StatusPill } from './StatusPill';
import { runtimeMs, sessionHealth } from './session-model';
import type { SessionRow } from './useLiveSessions';
import { VenueBadge } from './VenueBadge';

interface Props {
  session: SessionRow;
  now: number;
  selected: boolean;
  onOpen: (id: string) => void;
}

const Cell = ({
  label,
  children,
  className = '',
  testId,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) => (
  <div className={`sc-cell ${className}`}>
    <span className="sc-label">{label}</span>
    <span className="sc-value" data-testid={testId}>
      {children}
    </span>
  </div>
);

/** One session: what it runs, its state, live runtime and heartbeat, counts, P&L and actions. */
export function SessionCard({ session: s, now, selected, onOpen }: Props) {
  const runtime = runtimeMs(s, now);
  const health = sessionHealth(s, now);
  return (
    <article
      className={`session-card ${selected ? 'selected' : ''} ${health ? `health-${health.toLowerCase()}` : ''} ${
        isRealMoney(s.account?.network) ? 'on-mainnet' : ''
      }`}
      data-testid="session-card"
      data-session-id={s.id}
      data-status={s.status}
      data-mode={s.mode}
      data-venue={s.venue}
    >
      <div className="sc-title">
        <button type="button" className="link sc-name" onClick={() => onOpen(s.id)} title={s.name}>
          {s.name}
        </button>
        <span className="sc-sub">
          <ModeBadge mode={s.mode} venue={s.venue} /> <VenueBadge session={s} /> {s.strategy}
        </span>
      </div>
      <Cell label="Markets" className="sc-markets">
        {s.markets.join(' / ')}
      </Cell>
      <Cell label="Status">
        <StatusPill status={s.status} />
      </Cell>
      <Cell label="Runtime" testId="session-runtime">
        {runtime === null ? '—' : formatDuration(runtime)}
      </Cell>
      <Cell label="Heartbeat">
        <HealthBadge session={s} now={now} />
      </Cell>
      <Cell label="Fills" className="sc-num" testId="session-fills">
        {s.fillCount.toLocaleString('en-US')}
      </Cell>
      <Cell label="Trips" className="sc-num">
        {s.roundTripCount.toLocaleString('en-US')}
      </Cell>
      <Cell label="Net P&L" className={`sc-pnl ${signClass(s.netPnl)}`} testId="session-pnl">
        {formatMoney(s.netPnl, s.settleCurrency, { signed: true })}
      </Cell>
      <SessionActions session={s} onCloned={onOpen} />
      <SessionNotices session={s} />
    </article>
  );
}
