import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, type Db } from '@hm/db';
import type {} from '@hm/engine/testing';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { generateHistory } from '../src/archive/generate.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { BacktestJob, QueueName } from '../src/contracts/queues.js';
import { backtestProgressChannel } from '../src/contracts/topics.js';
import { runBacktest } from '../src/kernel/backtest.js';
import { createLogger } from '../src/log.js';
import { repoRoot } from '../src/paths.js';
import { ensureRedis, type RunningRedis } from '../src/services/index.js';

// Backtests on BullMQ with worker processes as `hm start` runs them, on a Redis of their own.
const FROM = Date.UTC(2026, 10, 20, 0, 0, 0);
const TO = FROM + 36 * 3_600_000;
const request = {
  strategy: 'SazBot',
  markets: ['XBTUSD'],
  fromMs: FROM,
  toMs: TO,
  // Reads ~1.8 M book and trade events (seconds of work: a worker can be killed mid-run), trades rarely.
  params: { band_min: 0.0001, band_max: 0.01, entry_ratio: 4, eval_interval_ms: 60_000 },
};
let dir: string;
let redis: RunningRedis;
let db: Db;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-bt-queue-'));
  redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  db = createDb(inject('databaseUrl'));
  await generateHistory(new LocalArchiveStore(path.join(dir, 'archive')), {
    markets: ['XBTUSD'],
    fromMs: FROM,
    toMs: TO,
    seed: 11,
    tradesPerMinute: 30,
  });
}, 180_000);

afterAll(async () => {
  // Stop the workers before their Redis, so none logs a refused connection.
  await Promise.all(
    workers.map((w) =>
      w.exitCode === null && w.signalCode === null
        ? new Promise((resolve) => w.once('exit', resolve).kill('SIGTERM'))
        : null,
    ),
  );
  await db?.$disconnect();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(): ChildProcess {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, path.join(repoRoot, 'engine/src/workers/main.ts')], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      DATABASE_URL: inject('databaseUrl'),
      HM_ARCHIVE_DIR: path.join(dir, 'archive'),
      LOG_LEVEL: process.env.HM_TEST_WORKER_LOG ?? 'warn',
    },
    stdio: ['ignore', process.env.HM_TEST_WORKER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  workers.push(child);
  return child;
}

it('a worker killed mid-backtest: another finishes the job, same result, no duplicate rows', async () => {
  const session = await db.session.create({
    data: {
      name: 'queue test',
      mode: 'BACKTEST',
      strategy: request.strategy,
      markets: request.markets,
      params: request.params,
    },
  });
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const subscriber = new Redis(redis.url);
  const queue = new Queue(QueueName.backtest, { connection });
  const eventsConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const events = new QueueEvents(QueueName.backtest, { connection: eventsConnection });
  try {
    await events.waitUntilReady();
    let stalled = 0;
    events.on('stalled', () => {
      stalled += 1;
    });
    const progressed = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));
    await subscriber.subscribe(backtestProgressChannel(session.id));
    const first = startWorker();
    const job = await queue.add('backtest', BacktestJob.parse({ sessionId: session.id, request }), {
      jobId: session.id,
      attempts: 3,
    });
    await progressed; // the first worker is mid-run
    first.kill('SIGKILL');
    startWorker();
    await job.waitUntilFinished(events, 120_000);
    expect(stalled, "the killed worker's job was taken over").toBe(1);
    const expected = await runBacktest(new LocalArchiveStore(path.join(dir, 'archive')), request, {
      log: createLogger('test', 'error'),
    });
    const stored = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored.status).toBe('COMPLETED');
    expect(stored.metrics).toEqual(JSON.parse(JSON.stringify(expected.result.metrics)));
    expect(await db.sessionFill.count({ where: { sessionId: session.id } })).toBe(expected.fills.length);
    const trips = await db.roundTrip.findMany({ where: { sessionId: session.id }, orderBy: { seq: 'asc' } });
    expect(trips.length).toBe(expected.result.roundTrips.length);
    // Stored as DECIMAL(36,18): equal to 18 decimal places.
    for (const [i, t] of trips.entries()) {
      expect(Math.abs(Number(t.pnl) - (expected.result.roundTrips[i]?.pnl ?? 0))).toBeLessThan(1e-17);
    }

    // Running the same session again replaces its rows instead of adding to them.
    const again = await queue.add('backtest', BacktestJob.parse({ sessionId: session.id, request }), {
      jobId: `${session.id}-again`,
    });
    await again.waitUntilFinished(events, 120_000);
    expect(await db.sessionFill.count({ where: { sessionId: session.id } })).toBe(expected.fills.length);
    expect(await db.roundTrip.count({ where: { sessionId: session.id } })).toBe(expected.result.roundTrips.length);
  } finally {
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    connection.disconnect();
    subscriber.disconnect();
  }
}, 240_000);
