import type { Db, Prisma, Session } from '@hm/db';
import type { Redis } from 'ioredis';
import { SESSION_UPDATED_CHANNEL, type SessionUpdatedEvent } from '../contracts/sessions.js';

/**
 * The session row's lifecycle writes made by the runner (claim, heartbeat, stop, fail), each
 * followed by the `session.updated` announcement dashboards and the API listen to.
 */

/** What a heartbeat (and the final write) stores besides `heartbeatAt`: counts, P&L, metrics, equity. */
export type HeartbeatFields = Pick<
  Prisma.SessionUpdateManyMutationInput,
  | 'fillCount'
  | 'roundTripCount'
  | 'netPnl'
  | 'metrics'
  | 'metricsVersion'
  | 'equity'
  | 'firstDecisionAt'
  | 'settleCurrency'
  | 'initialBalance'
>;

/** Statuses a session job runs in; anything else means there is nothing (more) to run. */
export const RUNNABLE: readonly Session['status'][] = ['QUEUED', 'RUNNING', 'STOPPING'];

export async function announce(redis: Redis, sessionId: string, status: string): Promise<void> {
  const event: SessionUpdatedEvent = { sessionId, status, atMs: Date.now() };
  await redis.publish(SESSION_UPDATED_CHANNEL, JSON.stringify(event));
}

/**
 * Takes the session for this worker: RUNNING (unless a stop is already pending, when it keeps
 * STOPPING or RUNNING), `workerId`, a first heartbeat, and `startedAt` unless an earlier run set it.
 * Returns the status written, or null when the row is no longer runnable (stopped meanwhile).
 */
export async function claimSession(
  db: Db,
  row: Session,
  workerId: string,
  stopping: boolean,
  fields: HeartbeatFields,
): Promise<Session['status'] | null> {
  const now = new Date();
  const common = { workerId, heartbeatAt: now, startedAt: row.startedAt ?? now, error: null, ...fields };
  if (!stopping) {
    const claimed = await db.session.updateMany({
      where: { id: row.id, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { ...common, status: 'RUNNING', stoppedAt: null, completedAt: null },
    });
    if (claimed.count > 0) return 'RUNNING';
  }
  // A stop is pending (or the API marked it STOPPING meanwhile): run only to stop, status kept.
  const kept = await db.session.updateMany({ where: { id: row.id, status: { in: [...RUNNABLE] } }, data: common });
  if (kept.count === 0) return null;
  return (await db.session.findUnique({ where: { id: row.id }, select: { status: true } }))?.status ?? null;
}

/**
 * A heartbeat of this worker's run: fresh `heartbeatAt` and the figures so far, written only while
 * the row still names this worker. Returns the row's status, or why this run must end (the row
 * was deleted, or another worker took the session over).
 */
export async function writeHeartbeat(
  db: Db,
  sessionId: string,
  workerId: string,
  fields: HeartbeatFields,
): Promise<{ status: Session['status'] } | { lost: string }> {
  const written = await db.session.updateMany({
    where: { id: sessionId, workerId },
    data: { ...fields, heartbeatAt: new Date() },
  });
  const row = await db.session.findUnique({ where: { id: sessionId }, select: { status: true, workerId: true } });
  if (!row) return { lost: 'the session was deleted' };
  if (written.count === 0) return { lost: `the session was taken over by ${row.workerId ?? 'another worker'}` };
  return { status: row.status };
}

/** The run ended on request: STOPPED with its final figures. */
export async function markStopped(db: Db, sessionId: string, fields: HeartbeatFields): Promise<void> {
  const now = new Date();
  await db.session.updateMany({
    where: { id: sessionId },
    data: { ...fields, status: 'STOPPED', stoppedAt: now, heartbeatAt: now },
  });
}

/** A risk limit or the kill switch ended the run: HALTED, with the reason in `error`. */
export async function markHalted(db: Db, sessionId: string, fields: HeartbeatFields, reason: string): Promise<void> {
  const now = new Date();
  await db.session.updateMany({
    where: { id: sessionId },
    data: { ...fields, status: 'HALTED', error: `halted: ${reason}`.slice(0, 2_000), stoppedAt: now, heartbeatAt: now },
  });
}

/** The run cannot go on: FAILED with the reason. */
export async function markFailed(db: Db, sessionId: string, error: string): Promise<void> {
  await db.session.updateMany({
    where: { id: sessionId },
    data: { status: 'FAILED', error: error.slice(0, 2_000), stoppedAt: new Date() },
  });
}
