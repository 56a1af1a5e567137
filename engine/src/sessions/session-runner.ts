import { hostname } from 'node:os';
import type { Db, Session } from '@hm/db';
import type { Redis } from 'ioredis';
import type { ArchiveStore } from '../archive/store.js';
import { HEARTBEAT_EVERY_MS } from '../contracts/sessions.js';
import { ExchangeSessionVenue } from '../live/exchange-session-venue.js';
import type { Logger } from '../log.js';
import type { Instrument } from '../market/instruments.js';
import { Heartbeat } from './heartbeat.js';
import { MarketSession } from './market-session.js';
import type { RunningMode } from './running-mode.js';
import { SessionLogger } from './session-logger.js';
import { planSession, SessionSetupError } from './session-plan.js';
import {
  announce,
  claimSession,
  markFailed,
  markHalted,
  markStopped,
  RUNNABLE,
  writeHeartbeat,
} from './session-status.js';
import { StopRequest } from './stop-request.js';
import { StrategySession } from './strategy-session.js';

/** What {@link runSession} needs from its worker. */
export interface SessionRunnerOptions {
  db: Db;
  /** Commands and publishing; duplicated for blocking stream reads and subscriptions. */
  redis: Redis;
  /** Where MARKET sessions collect to (they fail without one). */
  archive?: ArchiveStore;
  /** The worker's log; each session's lines are also stored (SessionLog) and streamed. */
  log: Logger;
  /** Who runs it, stored in `Session.workerId`. @default `${hostname}:${pid}` */
  workerId?: string;
  /** Worker shutdown: the run ends without stopping the session (another worker resumes it). */
  signal?: AbortSignal;
  /** @default HEARTBEAT_EVERY_MS (5 s) */
  heartbeatEveryMs?: number;
  /** Wall-clock period of the live source, ms. @default 1000 */
  clockEveryMs?: number;
  /** Exchange of the live feed and the archive. @default 'bitmex' */
  exchange?: string;
  /** How long a job waits for its session to become QUEUED (the API adds the job just before), ms. @default 5000 */
  claimWaitMs?: number;
  /** Exchange sessions: HM_SECRETS_KEY, the simulator's URL (HM_SIM_URL) and the dead man's switch timeout, ms. */
  live?: { secretsKey: string | undefined; simulatorUrl: string | undefined; deadManMs: number } | undefined;
}

/** How a run ended. */
export type SessionOutcome =
  | { kind: 'stopped' }
  /** Worker shutdown or takeover: the session is left RUNNING for another run to resume. */
  | { kind: 'suspended'; reason: string }
  | { kind: 'failed'; error: string }
  /** Nothing to run: the session is not queued or running (stopped or deleted meanwhile). */
  | { kind: 'skipped'; reason: string };

/**
 * Runs one TEST (paper) or MARKET session until it is stopped: claims the row (RUNNING,
 * `workerId`, `startedAt` kept from an earlier run), runs the mode (paper trading through the
 * kernel, or the archive collector) with a heartbeat every 5 s (counts, P&L, metrics, equity,
 * then `session.updated`), and on a stop request (control message or key) closes what is open,
 * writes the final figures, marks it STOPPED and deletes the stop key. Worker shutdown (`signal`)
 * leaves the session RUNNING with everything stored, for another worker to resume. LIVE sessions
 * and invalid rows fail with the reason.
 */
export async function runSession(sessionId: string, o: SessionRunnerOptions): Promise<SessionOutcome> {
  const log = o.log.child(`session:${sessionId}`);
  const workerId = o.workerId ?? `${hostname()}:${process.pid}`;
  const row = await runnableRow(o.db, sessionId, o.claimWaitMs ?? 5_000, o.signal);
  if (!row) return { kind: 'skipped', reason: 'the session is not queued or running' };
  const slog = new SessionLogger(o.db, o.redis, sessionId, log);
  // Ends the run without stopping the session: worker shutdown, or another worker took it over.
  const halt = new AbortController();
  const onAbort = () => halt.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) halt.abort();
  let stop: StopRequest | null = null;
  let heartbeat: Heartbeat | null = null;
  try {
    const plan = planSession(row);
    stop = await StopRequest.watch(o.redis, sessionId, log);
    const stopping = stop.isRequested || row.status === 'STOPPING';
    const status = await claimSession(o.db, row, workerId, stopping, {
      settleCurrency: plan.currency,
      initialBalance: String(plan.initialBalance),
    });
    if (status === null) return { kind: 'skipped', reason: 'the session was stopped before it started' };
    await announce(o.redis, sessionId, status);
    slog.info(row.startedAt ? 'started again' : 'started', { mode: row.mode, workerId, stopPending: stopping });
    const exchange = o.exchange ?? 'bitmex';
    const accountId = plan.accountId;
    const mode: RunningMode =
      plan.mode !== 'MARKET'
        ? await StrategySession.create({
            db: o.db,
            redis: o.redis,
            row,
            plan,
            exchange,
            slog,
            log,
            signal: halt.signal,
            stopAtStart: stopping,
            ...(o.clockEveryMs !== undefined ? { clockEveryMs: o.clockEveryMs } : {}),
            ...(accountId
              ? {
                  exchangeVenue: ({ restored }) =>
                    ExchangeSessionVenue.create({
                      db: o.db,
                      sessionId,
                      mode: plan.mode === 'LIVE' ? 'LIVE' : 'TEST',
                      accountId,
                      instruments: plan.instruments,
                      knownExecIds: restored.fills.flatMap((f) => (f.execId ? [f.execId] : [])),
                      resumed: row.startedAt !== null,
                      secretsKey: o.live?.secretsKey,
                      simulatorUrl: o.live?.simulatorUrl,
                      deadManMs: o.live?.deadManMs ?? 60_000,
                      slog,
                      log,
                    }),
                }
              : {}),
          })
        : marketSession(o, row, plan.instruments, exchange, slog, log, halt.signal);
    stop.onKill = (reason) => {
      if (!mode.halt) return;
      slog.warn('kill switch', { reason });
      mode.halt(`kill switch: ${reason}`);
    };
    void stop.requested.then(() => {
      if (!halt.signal.aborted) slog.info('stop requested');
      mode.stop();
    });
    if (stopping) mode.stop();
    const currentStop = stop;
    heartbeat = new Heartbeat(
      o.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS,
      async () => {
        const result = await writeHeartbeat(o.db, sessionId, workerId, await mode.beat());
        if ('lost' in result) {
          slog.warn(`this run ends: ${result.lost}`);
          halt.abort();
          return;
        }
        await announce(o.redis, sessionId, result.status);
        await currentStop.recheck(); // a stop message missed during a reconnect is still seen
        await slog.flush();
      },
      log,
    );
    heartbeat.start();
    const ended = await mode.run();
    await heartbeat.stop();
    if (ended === 'suspended') {
      slog.info('run suspended: the session stays RUNNING and resumes on another worker');
      return { kind: 'suspended', reason: o.signal?.aborted ? 'worker shutdown' : 'taken over' };
    }
    const fields = await mode.beat();
    const netPnl = fields.netPnl === undefined || fields.netPnl === null ? null : Number(fields.netPnl);
    const halted = mode.haltReason?.() ?? null;
    slog.info(halted ? 'halted' : 'stopped', { fills: fields.fillCount, roundTrips: fields.roundTripCount, netPnl });
    await slog.flush();
    if (halted) await markHalted(o.db, sessionId, fields, halted);
    else await markStopped(o.db, sessionId, fields);
    await stop.clear();
    await announce(o.redis, sessionId, halted ? 'HALTED' : 'STOPPED');
    return { kind: 'stopped' };
  } catch (err) {
    await heartbeat?.stop();
    if (halt.signal.aborted && !(err instanceof SessionSetupError))
      return { kind: 'suspended', reason: `shutdown during ${(err as Error).message}` };
    const message = err instanceof Error ? err.message : String(err);
    slog.error('session failed', { error: message });
    await slog.flush();
    await markFailed(o.db, sessionId, message);
    await announce(o.redis, sessionId, 'FAILED');
    return { kind: 'failed', error: message };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    stop?.close();
    await slog.flush();
  }
}

function marketSession(
  o: SessionRunnerOptions,
  row: Session,
  instruments: readonly Instrument[],
  exchange: string,
  slog: SessionLogger,
  log: Logger,
  signal: AbortSignal,
): MarketSession {
  if (!o.archive) throw new SessionSetupError('no archive is configured: a MARKET session has nowhere to write');
  return new MarketSession({
    redis: o.redis,
    store: o.archive,
    exchange,
    instruments,
    slog,
    log,
    signal,
    previous: row.metrics,
  });
}

/**
 * The session row once it is runnable (QUEUED, RUNNING or STOPPING). The API adds the job and
 * then marks the row QUEUED, so a fast worker may read it a moment early: it waits up to `waitMs`.
 * Null when the row is gone or never becomes runnable.
 */
async function runnableRow(db: Db, id: string, waitMs: number, signal?: AbortSignal): Promise<Session | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await db.session.findUnique({ where: { id } });
    if (!row) return null;
    if (RUNNABLE.includes(row.status)) return row;
    if (Date.now() >= deadline || signal?.aborted) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}
