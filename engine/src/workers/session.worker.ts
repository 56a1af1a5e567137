import type { Db } from '@hm/db';
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ArchiveStore } from '../archive/store.js';
import { SessionJob } from '../contracts/sessions.js';
import type { Logger } from '../log.js';
import { runSession, type SessionRunnerOptions } from '../sessions/session-runner.js';

/**
 * Processor of the `session` queue: runs a TEST or MARKET session (sessions/session-runner.ts)
 * for as long as it lives. A stopped session completes the job. On worker shutdown the session
 * stays RUNNING and the job goes back to waiting (without using an attempt), so another worker,
 * or this one's successor, resumes it; a worker killed outright loses its lock and BullMQ moves
 * the stalled job back the same way. A failed session (bad row, LIVE, a strategy error) fails
 * the job, unretried. Invalid payloads fail at once.
 */
export function sessionProcessor(deps: {
  db: Db;
  redis: Redis;
  archive?: ArchiveStore;
  log: Logger;
  live?: SessionRunnerOptions['live'] | undefined;
}) {
  return async (job: Job<unknown>, token?: string, signal?: AbortSignal) => {
    const parsed = SessionJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid session job: ${parsed.error.message}`);
    const outcome = await runSession(parsed.data.sessionId, { ...deps, ...(signal ? { signal } : {}) });
    switch (outcome.kind) {
      case 'suspended':
        // Back to waiting now rather than when the lock expires, so the takeover is immediate. If
        // this worker no longer holds the job (another took it over), it is left where it is.
        if (token)
          await job
            .moveToWait(token)
            .catch((err: unknown) => deps.log.warn('could not put a session job back', { jobId: job.id, error: err }));
        throw new WaitingError();
      case 'failed':
        throw new UnrecoverableError(outcome.error);
      default:
        return outcome;
    }
  };
}
