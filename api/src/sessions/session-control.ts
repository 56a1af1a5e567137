import type { Session } from '@hm/db';
import {
  BacktestJob,
  SESSION_UPDATED_CHANNEL,
  type SessionFees,
  type SessionUpdatedEvent,
  sessionControlChannel,
  sessionJobId,
  sessionStopKey,
} from '@hm/engine/contracts';
import type { Queue } from 'bullmq';
import type { Context } from '../context.js';
import { NotFoundError, StateError } from './errors.js';

/** Statuses in which a session holds (or waits for) a worker. */
export const ACTIVE_STATUSES: readonly Session['status'][] = ['QUEUED', 'RUNNING', 'STOPPING'];

/** BullMQ job id of a backtest session's run (one at a time per session). */
export const backtestJobId = (sessionId: string) => `backtest-${sessionId}`;

/** The session with that id, or a {@link NotFoundError}. */
export async function loadSession(ctx: Context, id: string): Promise<Session> {
  const session = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.session.findUnique({ where: { id } }) : null;
  if (!session) throw new NotFoundError('session', id);
  return session;
}

/** Tells every subscriber (all API processes) that the session's row changed. */
export async function announce(ctx: Context, session: Session): Promise<void> {
  const event: SessionUpdatedEvent = { sessionId: session.id, status: session.status, atMs: Date.now() };
  await ctx.redis.publish(SESSION_UPDATED_CHANNEL, JSON.stringify(event));
}

/** Removes a finished or waiting job so the same job id can run again; refuses while one is active. */
async function clearJob(queue: Queue, jobId: string, session: Session): Promise<void> {
  const job = await queue.getJob(jobId);
  if (!job) return;
  if (await job.isActive())
    throw new StateError('the session’s previous run is still shutting down; try again', session.status);
  await job.remove();
}

/**
 * Queues a session's run: a backtest on the `backtest` queue, TEST and MARKET sessions on the
 * `session` queue (a long-lived job). Refused while it is queued or running.
 */
export async function startSession(ctx: Context, session: Session): Promise<Session> {
  if (ACTIVE_STATUSES.includes(session.status))
    throw new StateError(`session is ${session.status}; stop it first`, session.status);
  if (session.mode === 'BACKTEST') {
    if (!session.fromTime || !session.toTime) throw new StateError('a backtest needs its range', session.status);
    const fees = (session.fees ?? {}) as SessionFees;
    const job = BacktestJob.parse({
      sessionId: session.id,
      request: {
        strategy: session.strategy,
        markets: session.markets,
        fromMs: session.fromTime.getTime(),
        toMs: session.toTime.getTime(),
        params: session.params as Record<string, unknown>,
        ...(session.initialBalance ? { initialBalance: Number(session.initialBalance) } : {}),
        ...(fees.latencyMs !== undefined ? { latencyMs: fees.latencyMs } : {}),
        ...(fees.makerFee !== undefined ? { makerFee: fees.makerFee } : {}),
        ...(fees.takerFee !== undefined ? { takerFee: fees.takerFee } : {}),
      },
    });
    await clearJob(ctx.queues.backtest, backtestJobId(session.id), session);
    await ctx.queues.backtest.add('backtest', job, {
      jobId: backtestJobId(session.id),
      // A window ending just now waits on the worker until the live collector has written it.
      attempts: 3,
      removeOnComplete: true,
      removeOnFail: true,
    });
  } else {
    await clearJob(ctx.queues.session, sessionJobId(session.id), session);
    await ctx.redis.del(sessionStopKey(session.id));
    await ctx.queues.session.add(
      'run',
      { sessionId: session.id },
      { jobId: sessionJobId(session.id), removeOnComplete: true, removeOnFail: true },
    );
  }
  const queued = await ctx.db.session.update({
    where: { id: session.id },
    data: { status: 'QUEUED', error: null, stoppedAt: null, completedAt: null },
  });
  await announce(ctx, queued);
  return queued;
}

/**
 * Asks a session to stop. A queued run is taken off its queue at once (STOPPED); a running one gets
 * the stop signal (STOPPING) and its worker flushes, closes and marks it STOPPED.
 */
export async function stopSession(ctx: Context, session: Session): Promise<Session> {
  if (!ACTIVE_STATUSES.includes(session.status))
    throw new StateError(`session is ${session.status}, not running`, session.status);
  const queue = session.mode === 'BACKTEST' ? ctx.queues.backtest : ctx.queues.session;
  const jobId = session.mode === 'BACKTEST' ? backtestJobId(session.id) : sessionJobId(session.id);
  const job = await queue.getJob(jobId);
  // Nothing to flush (a backtest, or a live session that never traded) and no worker holds it: take
  // it off the queue and mark it at once. Otherwise the stop travels with the job: whichever worker
  // runs it next sees the stop key, closes the paper positions and marks it STOPPED. A job a worker
  // takes at this very moment is locked and refuses removal: signal it instead.
  const nothingToFlush =
    session.mode === 'BACKTEST' || (await ctx.db.sessionFill.count({ where: { sessionId: session.id } })) === 0;
  let idle = nothingToFlush && !(await job?.isActive());
  if (idle && job)
    idle = await job.remove().then(
      () => true,
      () => false,
    );
  if (idle) {
    const stopped = await ctx.db.session.update({
      where: { id: session.id },
      data: { status: 'STOPPED', stoppedAt: new Date() },
    });
    await announce(ctx, stopped);
    return stopped;
  }
  await ctx.redis.set(sessionStopKey(session.id), String(Date.now()));
  // Conditional: a worker that already wrote STOPPED must not be overwritten.
  await ctx.db.session.updateMany({
    where: { id: session.id, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { status: 'STOPPING' },
  });
  await ctx.redis.publish(sessionControlChannel(session.id), JSON.stringify({ type: 'stop' }));
  const stopping = await loadSession(ctx, session.id);
  await announce(ctx, stopping);
  return stopping;
}
