import type { Db } from '@hm/db';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { COVERAGE_WAIT_MAX_MS, collectorCovers } from '../archive/collector-coverage.js';
import type { ArchiveStore } from '../archive/store.js';
import { BacktestJob } from '../contracts/queues.js';
import { SESSION_UPDATED_CHANNEL, sessionControlChannel, sessionStopKey } from '../contracts/sessions.js';
import { type BacktestProgressEvent, backtestProgressChannel } from '../contracts/topics.js';
import { runBacktest } from '../kernel/backtest.js';
import type { Logger } from '../log.js';
import { saveBacktestResult } from '../sessions/backtest-results.js';

/** Progress is published at most this often, ms. */
const PROGRESS_EVERY_MS = 250;

/**
 * Processor of the `backtest` queue: runs the session's backtest in this worker and stores the
 * result. Progress goes to the job and to Redis (`backtest.progress:<id>`). Cancelling the job
 * (worker shutdown) aborts the run; BullMQ then hands the job to another worker, whose result
 * replaces any partial rows (see saveBacktestResult). Bad requests fail at once, unretried.
 * `stopSession` (a stop key plus a message on the session's control channel) cancels a run: the
 * session ends STOPPED and the job completes. A window that ended moments ago (e.g. "backtest this
 * session") waits, re-delayed, until the live collector has flushed it to the archive.
 */
export function backtestProcessor(db: Db, redis: Redis, store: ArchiveStore, log: Logger) {
  return async (job: Job<unknown>, token?: string, signal?: AbortSignal) => {
    const parsed = BacktestJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid backtest job: ${parsed.error.message}`);
    const { sessionId, request } = parsed.data;
    const jobLog = log.child(`backtest:${sessionId}`);
    const recent =
      Date.now() - request.toMs < COVERAGE_WAIT_MAX_MS && Date.now() - job.timestamp < COVERAGE_WAIT_MAX_MS;
    if (
      recent &&
      token &&
      !(await collectorCovers(redis, request.exchange ?? 'bitmex', request.markets, request.toMs))
    ) {
      jobLog.debug('waiting for the live collector to write the window');
      await job.moveToDelayed(Date.now() + 2_000, token);
      throw new DelayedError();
    }
    const announce = (status: string) =>
      redis.publish(SESSION_UPDATED_CHANNEL, JSON.stringify({ sessionId, status, atMs: Date.now() }));
    const userStop = new AbortController();
    const control = redis.duplicate();
    control.on('message', () => userStop.abort());
    control.on('error', (err: Error) => jobLog.warn('control channel error', { error: err.message }));
    await control.subscribe(sessionControlChannel(sessionId));
    if (await redis.get(sessionStopKey(sessionId))) userStop.abort();
    const stopped = async () => {
      await db.session.update({ where: { id: sessionId }, data: { status: 'STOPPED', stoppedAt: new Date() } });
      await redis.del(sessionStopKey(sessionId));
      await announce('STOPPED');
      jobLog.info('backtest stopped on request');
      return { stopped: true };
    };
    if (userStop.signal.aborted) {
      control.disconnect();
      return stopped();
    }
    await db.session.update({ where: { id: sessionId }, data: { status: 'RUNNING', startedAt: new Date() } });
    await announce('RUNNING');
    let lastSent = 0;
    try {
      const { result, fills } = await runBacktest(store, request, {
        log: jobLog,
        signal: signal ? AbortSignal.any([signal, userStop.signal]) : userStop.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastSent < PROGRESS_EVERY_MS) return;
          lastSent = now;
          const event: BacktestProgressEvent = {
            sessionId,
            percent: Math.round(p.fraction * 1000) / 10,
            simTimeMs: p.simTimeMs,
            events: p.events,
            eventsPerSec: Math.round(p.eventsPerSec),
            equity: p.equity,
          };
          job.updateProgress(event).catch(() => {});
          redis.publish(backtestProgressChannel(sessionId), JSON.stringify(event)).catch(() => {});
        },
      });
      await saveBacktestResult(db, sessionId, result, fills);
      await announce('COMPLETED');
      jobLog.info('backtest completed', { events: result.events, netPnl: result.metrics.netPnl });
      return { events: result.events, netPnl: result.metrics.netPnl };
    } catch (err) {
      if (signal?.aborted) throw err; // shutdown: the job is retried elsewhere
      if (userStop.signal.aborted) return stopped();
      const message = (err as Error).message;
      await db.session.update({
        where: { id: sessionId },
        data: { status: 'FAILED', error: message, stoppedAt: new Date() },
      });
      await announce('FAILED');
      // A bad request or a corrupt archive fails the same way on every worker: do not retry it.
      throw new UnrecoverableError(message);
    } finally {
      control.disconnect();
    }
  };
}
