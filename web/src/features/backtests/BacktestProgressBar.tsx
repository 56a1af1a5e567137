import { useCallback, useRef, useState } from 'react';
import type { BacktestProgressSubscription as ProgressData } from '../../gql/graphql';
import { formatUtc } from '../../lib/format';
import { useStream } from '../../lib/use-stream';
import { BacktestProgressSubscription } from './documents';

type Progress = ProgressData['backtestProgress'];
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'STOPPED', 'HALTED']);

interface Props {
  id: string;
  /** Called once with the final status (COMPLETED, FAILED, STOPPED or HALTED). */
  onDone?: (status: string) => void;
  compact?: boolean;
}

/** A backtest's progress from `backtestProgress(id)`: percent, simulated time and speed. */
export function BacktestProgressBar({ id, onDone, compact }: Props) {
  const [p, setP] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const onData = useCallback(
    (d: ProgressData) => {
      setP(d.backtestProgress);
      if (!TERMINAL.has(d.backtestProgress.status) || done.current) return;
      done.current = true;
      onDone?.(d.backtestProgress.status);
    },
    [onDone],
  );
  useStream(BacktestProgressSubscription, { id }, onData, { onError: (e) => setError(e.message) });
  const pct = Math.max(0, Math.min(100, p?.percent ?? 0));
  return (
    <div
      className={`backtest-progress ${compact ? 'compact' : ''}`}
      data-testid="backtest-progress"
      data-status={p?.status ?? 'WAITING'}
    >
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-label="Backtest progress"
      >
        <div className={`progress-fill ${p?.status === 'FAILED' ? 'failed' : ''}`} style={{ width: `${pct}%` }} />
        <span className="progress-text">{p ? `${pct.toFixed(1)}%` : 'queued…'}</span>
      </div>
      {!compact && p && (
        <div className="progress-meta muted">
          {p.status.toLowerCase()} · {p.events.toLocaleString('en-US')} events ·{' '}
          {Math.round(p.eventsPerSec).toLocaleString('en-US')}/s
          {p.simTime != null && ` · at ${formatUtc(p.simTime)} UTC`}
        </div>
      )}
      {error && <div className="error-line">progress stream: {error}</div>}
    </div>
  );
}
