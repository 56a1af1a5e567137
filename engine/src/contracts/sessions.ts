import { z } from 'zod';

/**
 * Contracts between the API (which creates, starts and stops sessions) and the engine's session
 * runner (which runs TEST, LIVE and MARKET sessions as long-lived BullMQ jobs). Backtests keep
 * their own queue (`backtest`, see queues.ts).
 */

/** Payload of a `session` job: the runner reads everything else from the session row. */
export const SessionJob = z.object({ sessionId: z.string().uuid() });
export type SessionJob = z.input<typeof SessionJob>;

/** BullMQ job id of a session's run: one live job per session, whoever enqueues it. */
export const sessionJobId = (sessionId: string) => `session-${sessionId}`;

/** A session's fee and latency settings, stored in `Session.fees`. Absent rates = instrument defaults. */
export const SessionFees = z.object({
  /** Fraction of contract value; negative = rebate. */
  makerFee: z.number().min(-0.01).max(0.01).optional(),
  takerFee: z.number().min(-0.01).max(0.01).optional(),
  /** Simulated order latency, ms (paper venue). */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
});
export type SessionFees = z.infer<typeof SessionFees>;

/**
 * Redis channel a running session listens on for control messages (JSON {@link SessionControl}).
 * The same request is also left in {@link sessionStopKey} so a runner that (re)starts later sees it.
 */
export const sessionControlChannel = (sessionId: string) => `session.control:${sessionId}`;
/** Set (value = requested-at unix ms) while a stop is pending; the runner deletes it when stopped. */
export const sessionStopKey = (sessionId: string) => `session:stop:${sessionId}`;
export const SessionControl = z.object({ type: z.literal('stop') });
export type SessionControl = z.infer<typeof SessionControl>;

/**
 * The global kill switch: every running TEST and LIVE session listens here and halts (orders
 * cancelled, trading refused, status HALTED) on a {@link KillSwitchEvent}.
 */
export const KILL_SWITCH_CHANNEL = 'hm.kill-switch';
export const KillSwitchEvent = z.object({ type: z.literal('kill'), reason: z.string().max(500), atMs: z.number() });
export type KillSwitchEvent = z.infer<typeof KillSwitchEvent>;

/**
 * Published (JSON {@link SessionUpdatedEvent}) whenever a session's row changes: status, heartbeat,
 * counts, P&L. One channel for all sessions (dashboards list them); subscribers filter by id.
 */
export const SESSION_UPDATED_CHANNEL = 'session.updated';
export interface SessionUpdatedEvent {
  sessionId: string;
  status: string;
  /** Unix ms of the event. */
  atMs: number;
}

/** A session's structured log lines as they are written (JSON {@link SessionLogEvent}). */
export const sessionLogChannel = (sessionId: string) => `session.logs:${sessionId}`;
export interface SessionLogEvent {
  /** Database id (as a decimal string: it is a BIGINT). */
  id: string;
  sessionId: string;
  /** Unix ms UTC. */
  timeMs: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A session's fills as they happen (JSON {@link SessionFillEvent}). */
export const sessionFillChannel = (sessionId: string) => `session.fills:${sessionId}`;
export interface SessionFillEvent {
  sessionId: string;
  seq: number;
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  fee: number;
  liquidity: 'maker' | 'taker';
  timeMs: number;
}

/** Heartbeat period of a running session, ms. */
export const HEARTBEAT_EVERY_MS = 5_000;

/** Health of a running session from its heartbeat's age (ms): >10 s WARNING, >30 s STALE, >120 s DEAD. */
export type SessionHealth = 'HEALTHY' | 'WARNING' | 'STALE' | 'DEAD';
export function healthOf(heartbeatAgeMs: number): SessionHealth {
  if (heartbeatAgeMs > 120_000) return 'DEAD';
  if (heartbeatAgeMs > 30_000) return 'STALE';
  if (heartbeatAgeMs > 10_000) return 'WARNING';
  return 'HEALTHY';
}

/** A running session's indicator values (JSON {@link SessionIndicatorEvent}), at most one per name per second. */
export const sessionIndicatorChannel = (sessionId: string) => `session.indicators:${sessionId}`;
/** The latest indicator values of a session (Redis list of JSON {@link SessionIndicatorEvent}, oldest first). */
export const sessionIndicatorsKey = (sessionId: string) => `session:indicators:${sessionId}`;
/** Indicator points kept per session in {@link sessionIndicatorsKey} (all names together). */
export const KEPT_INDICATOR_POINTS = 10_000;
/** Kernel time between two streamed values of one indicator, ms (values in between are dropped). */
export const INDICATOR_EVERY_MS = 1_000;
export interface SessionIndicatorEvent {
  sessionId: string;
  /** A name the strategy declares in its `indicators`. */
  name: string;
  /** Unix ms UTC. */
  timeMs: number;
  value: number;
}
