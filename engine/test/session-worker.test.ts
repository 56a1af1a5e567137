import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, type Db } from '@hm/db';
import type {} from '@hm/engine/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { QueueName } from '../src/contracts/queues.js';
import {
  SESSION_UPDATED_CHANNEL,
  SessionJob,
  type SessionUpdatedEvent,
  sessionControlChannel,
  sessionJobId,
  sessionStopKey,
} from '../src/contracts/sessions.js';
import { repoRoot } from '../src/paths.js';
import { ensureRedis, type RunningRedis } from '../src/services/index.js';
import { liveMarket } from './support/live-market.js';
import { privateDatabase } from './support/private-database.js';
import { waitFor } from './support/wait-for.js';

// TEST sessions on BullMQ with worker processes as `hm start` runs them, on a Redis and a database
// of their own (the workers' sweeper looks at every session in its database).
let dir: string;
let redisServer: RunningRedis;
let redis: Redis;
let database: { url: string; drop(): Promise<void> };
let db: Db;
let market: { stop(): Promise<void> };
const workers: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-session-worker-'));
  redisServer = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  redis = new Redis(redisServer.url);
  database = await privateDatabase(inject('databaseUrl'));
  db = createDb(database.url);
  market = liveMarket(redis, 'XBTUSD', 60_000);
}, 120_000);

afterAll(async () => {
  // The workers go before their Redis and database, so none logs a refused connection.
  await Promise.all(
    workers.map((w) =>
      w.exitCode === null && w.signalCode === null
        ? new Promise((resolve) => w.once('exit', resolve).kill('SIGTERM'))
        : null,
    ),
  );
  await market?.stop();
  redis?.disconnect();
  await db?.$disconnect();
  await database?.drop();
  await redisServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An engine worker process (engine/src/workers/main.ts) that reports when it is ready. */
function startWorker(): Promise<ChildProcess> {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, path.join(repoRoot, 'engine/src/workers/main.ts')], {
    env: {
      ...process.env,
      REDIS_URL: redisServer.url,
      DATABASE_URL: database.url,
      HM_ARCHIVE_DIR: path.join(dir, 'archive'),
      LOG_LEVEL: process.env.HM_TEST_WORKER_LOG ?? 'warn',
    },
    stdio: ['ignore', process.env.HM_TEST_WORKER_LOG ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}

it('a session outlives its workers: killed, another resumes it; shut down, another takes it at once; then it stops', async () => {
  const pool = await Promise.all([startWorker(), startWorker(), startWorker()]);
  const idOf = (w: ChildProcess) => `${hostname()}:${w.pid}`;
  const session = await db.session.create({
    data: {
      name: 'worker test',
      mode: 'TEST',
      status: 'QUEUED',
      strategy: 'TestBot',
      markets: ['XBTUSD'],
      params: { trade_interval: 1 },
    },
  });
  /** The row once one of `among` holds it with a heartbeat newer than `sinceMs`. */
  const takenOver = (among: ChildProcess[], sinceMs: number) =>
    waitFor(
      'another worker to resume it',
      async () => {
        const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
        const by = among.find((w) => row.workerId === idOf(w));
        return by && (row.heartbeatAt?.getTime() ?? 0) > sinceMs ? { row, by } : undefined;
      },
      45_000,
    );
  const connection = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.session, { connection });
  const updates = new Redis(redisServer.url);
  const statuses: string[] = [];
  updates.on('message', (_ch: string, text: string) => {
    const e = JSON.parse(text) as SessionUpdatedEvent;
    if (e.sessionId === session.id) statuses.push(e.status);
  });
  await updates.subscribe(SESSION_UPDATED_CHANNEL);
  try {
    await queue.add('run', SessionJob.parse({ sessionId: session.id }), {
      jobId: sessionJobId(session.id),
      removeOnComplete: true,
      removeOnFail: true,
    });
    const running = await waitFor('a worker running it with fills', async () => {
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return row.status === 'RUNNING' && row.fillCount > 0 ? row : undefined;
    });
    const holder = pool.find((w) => running.workerId === idOf(w));
    expect(holder, `workerId ${running.workerId} is one of the workers`).toBeDefined();
    const killedAt = Date.now();
    holder?.kill('SIGKILL');

    // Killed: BullMQ sees the stalled job (lock 10 s, checked every 5 s) and another worker resumes it.
    const rest = pool.filter((w) => w !== holder);
    const { row: resumed, by: second } = await takenOver(rest, killedAt);
    expect(resumed.status).toBe('RUNNING');
    expect(resumed.startedAt).toEqual(running.startedAt);
    const line = await waitFor('the resumed line', () =>
      db.sessionLog.findFirst({ where: { sessionId: session.id, message: 'resumed' } }).then((l) => l ?? undefined),
    );
    const restored = (line.fields as { fillsRestored: number }).fillsRestored;
    expect(restored).toBeGreaterThanOrEqual(running.fillCount);
    await waitFor(
      'a fill after the takeover',
      async () => (await db.sessionFill.count({ where: { sessionId: session.id } })) > restored,
    );

    // Shut down (SIGTERM): the session is not stopped; its job goes back to the queue and the last
    // worker takes it at once.
    const shutdownAt = Date.now();
    second.kill('SIGTERM');
    const { row: third } = await takenOver(
      rest.filter((w) => w !== second),
      shutdownAt,
    );
    expect(third.status).toBe('RUNNING');
    expect(statuses).not.toContain('STOPPED');

    // Stopped as the API does it.
    await redis.set(sessionStopKey(session.id), String(Date.now()));
    await redis.publish(sessionControlChannel(session.id), JSON.stringify({ type: 'stop' }));
    const stopped = await waitFor('STOPPED', async () => {
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return row.status === 'STOPPED' ? row : undefined;
    });
    const fills = await db.sessionFill.findMany({ where: { sessionId: session.id }, orderBy: { seq: 'asc' } });
    expect(fills.map((f) => f.seq)).toEqual(fills.map((_, i) => i));
    expect(stopped.fillCount).toBe(fills.length);
    expect(fills.reduce((s, f) => s + (f.side === 'buy' ? 1 : -1) * Number(f.qty.toString()), 0)).toBe(0);
    // The job completed and was removed; the session's stop key is gone.
    await waitFor('the job to be gone', async () => (await queue.getJob(sessionJobId(session.id))) === undefined);
    expect(await redis.exists(sessionStopKey(session.id))).toBe(0);
  } finally {
    updates.disconnect();
    await queue.close();
    connection.disconnect();
  }
}, 120_000);
