import { formatDuration, formatMoney, formatNumber, formatPct, formatUtc, signClass } from '../../lib/format';
import { SessionActions } from '../sessions/SessionActions';
import { SessionNotices } from '../sessions/SessionNotices';
import { StatusPill } from '../sessions/StatusPill';
import { isActive, runtimeMs } from '../sessions/session-model';
import type { SessionRow } from '../sessions/useLiveSessions';
import { BacktestProgressBar } from './BacktestProgressBar';

interface Props {
  session: SessionRow;
  now: number;
  selected: boolean;
  onOpen: (id: string) => void;
}

/** One backtest: window, status, a live progress bar while it runs, then its key metrics. */
export function BacktestRow({ session: s, now, selected, onOpen }: Props) {
  const m = s.metrics;
  const runtime = runtimeMs(s, now);
  return (
    <article
      className={`session-card backtest-row ${selected ? 'selected' : ''}`}
      data-testid="session-card"
      data-session-id={s.id}
      data-status={s.status}
      data-mode={s.mode}
    >
      <div className="sc-title">
        <button type="button" className="link sc-name" onClick={() => onOpen(s.id)} title={s.name}>
          {s.name}
        </button>
        <span className="sc-sub">
          {s.strategy} · {s.markets.join(' / ')}
          {s.clonedFrom && ' · from a session'}
        </span>
      </div>
      <div className="sc-cell sc-window">
        <span className="sc-label">Window (UTC)</span>
        <span className="sc-value">
          {formatUtc(s.rangeFrom).slice(0, 16)}
          <br />→ {formatUtc(s.rangeTo).slice(0, 16)}
        </span>
      </div>
      <div className="sc-cell">
        <span className="sc-label">Status</span>
        <span className="sc-value">
          <StatusPill status={s.status} />
        </span>
      </div>
      {isActive(s.status) ? (
        <div className="sc-cell sc-wide">
          <span className="sc-label">Progress · {runtime === null ? 'queued' : formatDuration(runtime)}</span>
          <BacktestProgressBar id={s.id} compact />
        </div>
      ) : (
        <>
          <div className={`sc-cell sc-pnl ${signClass(s.netPnl)}`}>
            <span className="sc-label">Net P&L</span>
            <span className="sc-value" data-testid="session-pnl">
              {formatMoney(s.netPnl, s.settleCurrency, { signed: true })}
            </span>
          </div>
          <div className={`sc-cell sc-num ${signClass(m?.returnPct)}`}>
            <span className="sc-label">Return</span>
            <span className="sc-value">{formatPct(m?.returnPct, 2, true)}</span>
          </div>
          <div className="sc-cell sc-num">
            <span className="sc-label">Sharpe</span>
            <span className="sc-value">{formatNumber(m?.sharpe)}</span>
          </div>
          <div className="sc-cell sc-num">
            <span className="sc-label">Max DD</span>
            <span className="sc-value">{formatPct(m?.maxDrawdownPct)}</span>
          </div>
          <div className="sc-cell sc-num">
            <span className="sc-label">Win rate</span>
            <span className="sc-value">{m?.winRate == null ? '—' : formatPct(m.winRate * 100, 1)}</span>
          </div>
          <div className="sc-cell sc-num">
            <span className="sc-label">Trips / fills</span>
            <span className="sc-value">
              {s.roundTripCount} / {s.fillCount}
            </span>
          </div>
        </>
      )}
      <SessionActions session={s} onCloned={onOpen} />
      <SessionNotices session={s} />
    </article>
  );
}
