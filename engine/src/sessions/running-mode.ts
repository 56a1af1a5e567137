import type { HeartbeatFields } from './session-status.js';

/**
 * One kind of running session (paper trading, market-data collection) as the runner drives it:
 * run until stopped, report figures at each heartbeat.
 */
export interface RunningMode {
  /**
   * Runs until {@link stop} (then closes what it holds: paper positions, the open archive hour)
   * and resolves `stopped`, or until the worker's signal aborts and resolves `suspended` (nothing
   * closed: another worker resumes the session). Rejects when the run cannot go on.
   */
  run(): Promise<'stopped' | 'suspended'>;
  /** Asks the run to end (idempotent). */
  stop(): void;
  /** Stores what is pending (fills, round trips) and returns the figures a heartbeat writes. */
  beat(): Promise<HeartbeatFields>;
  /** The kill switch: cancel orders and end the run as HALTED (trading sessions only). */
  halt?(reason: string): void;
  /** Why the run halted, once it did (the run then resolves `stopped` and the session is marked HALTED). */
  haltReason?(): string | null;
}
