import type { Db } from '@hm/db';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { sessionJobId } from '../contracts/sessions.js';
import type { Logger } from '../log.js';
import { announce } from './session-status.js';

/** A RUNNING session whose heartbeat is older than this, ms, with no job, lost its worker (health DEAD). */
export const DEAD_AFTER_MS = 120_000;
/** A queued or running session without any job is re-queued once silent this long, ms. */
export const REQUEUE_AFTER_MS = 30_000;
/** How often a worker process sweeps, ms. */
export const SWEEP_EVERY_MS = 30_000;

/** Job states in which someone is running the session, or will. */
const LIVE_JOB_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** What a sweep changed. */
export interface SweepResult {
  failed: string[];
  requeued: string[];
}

/** What {@link sweepSessions} works with. */
export interface SweepOptions {
  db: Db;
  /** The `session` queue. */
  queue: Queue;
  /** For `session.updated` announcements. */
  redis: Redis;
  log: Logger;
  /** @default Date.now() */
  nowMs?: number;
}

/**
 * Finds sessions whose run was lost and settles them, for sessions that run as jobs (TEST, LIVE,
 * MARKET), comparing each row with its BullMQ job (`sessionJobId`):
 *
 * - RUNNING or STOPPING, no heartbeat for {@link DEAD_AFTER_MS}, and no job active, waiting or
 *   delayed: the worker died and nothing will resume it → FAILED ("worker lost: …").
 * - QUEUED or RUNNING and no job at all (Redis flushed or lost), silent for
 *   {@link REQUEUE_AFTER_MS} → the job is added again and the session resumes. The grace period
 *   covers the API adding a job just after marking a row QUEUED, and a runner that still beats
 *   without its job is left alone (a second runner must not start beside it).
 *
 * Every worker process sweeps; two sweeps at once are harmless (conditional updates, fixed job ids).
 */
export async function sweepSessions(o: SweepOptions): Promise<SweepResult> {
  const now = o.nowMs ?? Date.now();
  const rows = await o.db.session.findMany({
    where: { mode: { in: ['TEST', 'LIVE', 'MARKET'] }, status: { in: ['QUEUED', 'RUNNING', 'STOPPING'] } },
    select: { id: true, status: true, heartbeatAt: true, startedAt: true, createdAt: true },
  });
  const result: SweepResult = { failed: [], requeued: [] };
  for (const row of rows) {
    const job = await o.queue.getJob(sessionJobId(row.id));
    const state = job ? await job.getState() : 'missing';
    if (LIVE_JOB_STATES.has(state)) continue;
    const lastSign = row.heartbeatAt ?? row.startedAt ?? row.createdAt;
    const silentMs = now - lastSign.getTime();
    if (row.status !== 'QUEUED' && silentMs > DEAD_AFTER_MS) {
      const error = `worker lost: no heartbeat for ${Math.round(silentMs / 1000)} s and no job`;
      // Conditional: a runner that beat meanwhile, or a stop that landed, wins.
      const marked = await o.db.session.updateMany({
        where: { id: row.id, status: row.status, heartbeatAt: row.heartbeatAt },
        data: { status: 'FAILED', error, stoppedAt: new Date(now) },
      });
      if (marked.count > 0) {
        o.log.warn('session failed: worker lost', { sessionId: row.id, silentMs });
        result.failed.push(row.id);
        await announce(o.redis, row.id, 'FAILED');
      }
    } else if (state === 'missing' && row.status !== 'STOPPING' && silentMs > REQUEUE_AFTER_MS) {
      await o.queue.add(
        'run',
        { sessionId: row.id },
        { jobId: sessionJobId(row.id), removeOnComplete: true, removeOnFail: true },
      );
      o.log.warn('session job was missing: queued again', { sessionId: row.id, status: row.status });
      result.requeued.push(row.id);
    }
  }
  return result;
}

/** Sweeps once now and then every {@link SWEEP_EVERY_MS} until `stop()`; a failed sweep is logged. */
export function startSweeper(o: Omit<SweepOptions, 'nowMs'> & { everyMs?: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const sweep = () => {
    if (running) return; // a slow sweep is not overlapped by the next
    running = sweepSessions(o)
      .catch((err: unknown) => o.log.error('session sweep failed', { error: err }))
      .finally(() => {
        running = null;
      });
  };
  sweep();
  const timer = setInterval(sweep, o.everyMs ?? SWEEP_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
