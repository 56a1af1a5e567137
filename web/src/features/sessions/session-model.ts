/** Pure rules about sessions shared by the list, the detail and the tests (no React, no DOM). */

export type Status = 'CREATED' | 'QUEUED' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'COMPLETED' | 'FAILED' | 'HALTED';
export type Mode = 'LIVE' | 'TEST' | 'BACKTEST' | 'MARKET';
export type Health = 'HEALTHY' | 'WARNING' | 'STALE' | 'DEAD';
export type Action = 'start' | 'stop' | 'restart' | 'clone' | 'delete';

export const STATUSES: readonly Status[] = [
  'CREATED',
  'QUEUED',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'COMPLETED',
  'FAILED',
  'HALTED',
];
export const MODES: readonly Mode[] = ['TEST', 'BACKTEST', 'MARKET', 'LIVE'];
/** Statuses in which a worker owns the session: it cannot be deleted or started again. */
export const ACTIVE_STATUSES: readonly Status[] = ['QUEUED', 'RUNNING', 'STOPPING'];
/** Finished or never started: the History view (HALTED: a risk limit or the kill switch stopped it). */
export const HISTORY_STATUSES: readonly Status[] = ['CREATED', 'STOPPED', 'COMPLETED', 'FAILED', 'HALTED'];
/** Ended by something going wrong: the card shows the reason (`error`). */
export const hasReason = (status: string): boolean => status === 'FAILED' || status === 'HALTED';

export const isActive = (status: string): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** Same thresholds as the API (`healthOf` in the engine contracts): >10 s, >30 s, >120 s. */
export function healthOf(heartbeatAgeMs: number): Health {
  if (heartbeatAgeMs > 120_000) return 'DEAD';
  if (heartbeatAgeMs > 30_000) return 'STALE';
  if (heartbeatAgeMs > 10_000) return 'WARNING';
  return 'HEALTHY';
}

/** DateTime scalars arrive as ISO strings (typed `unknown` by codegen). */
interface Times {
  status: string;
  createdAt: unknown;
  startedAt?: unknown;
  stoppedAt?: unknown;
  completedAt?: unknown;
  heartbeatAt?: unknown;
}

/** Unix ms of a DateTime value (ISO string, ms number or Date); null when absent or invalid. */
export function toMs(value: unknown): number | null {
  if (value == null || value === '') return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(t) ? null : t;
}
const ms = toMs;

/** Age of the last sign of life (heartbeat, else start, else creation); null unless it should be running. */
export function heartbeatAgeMs(s: Times, now: number): number | null {
  if (s.status !== 'RUNNING' && s.status !== 'STOPPING') return null;
  const beat = ms(s.heartbeatAt) ?? ms(s.startedAt) ?? ms(s.createdAt);
  return beat === null ? null : Math.max(0, now - beat);
}

/**
 * Health computed in the browser from `heartbeatAt` and the clock, so a session whose worker died
 * (and therefore sends no more updates) still turns WARNING → STALE → DEAD on screen.
 */
export function sessionHealth(s: Times, now: number): Health | null {
  const age = heartbeatAgeMs(s, now);
  return age === null ? null : healthOf(age);
}

/** Time run: from start to stop/completion, or to now while it runs; null if it never started. */
export function runtimeMs(s: Times, now: number): number | null {
  const start = ms(s.startedAt);
  if (start === null) return null;
  const end = isActive(s.status) ? now : (ms(s.completedAt) ?? ms(s.stoppedAt) ?? now);
  return Math.max(0, end - start);
}

/** `4s ago`, `3m ago`, `2h ago`, `5d ago`. */
export function formatAge(ageMs: number): string {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 120) return `${s}s ago`;
  if (s < 7_200) return `${Math.floor(s / 60)}m ago`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** What the user may do in a status; the API enforces the same rules (StateError otherwise). */
export function actionsFor(status: string): Action[] {
  if (status === 'STOPPING') return ['clone'];
  if (isActive(status)) return ['stop', 'restart', 'clone'];
  return ['start', 'clone', 'delete'];
}

/** Only TEST and LIVE runs can be replayed as a backtest, once they have run. */
export function canBacktest(s: { mode: string; startedAt?: unknown }): boolean {
  return (s.mode === 'TEST' || s.mode === 'LIVE') && !!s.startedAt;
}
