import { createDb, type Db } from '@hm/db';
import type {} from '@hm/engine/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { QueueName } from '../src/contracts/queues.js';
import { sessionJobId } from '../src/contracts/sessions.js';
import { createLogger } from '../src/log.js';
import { sweepSessions } from '../src/sessions/sweeper.js';
import { privateDatabase } from './support/private-database.js';

// The sweeper on a database of its own (it looks at every session) and a queue under a key prefix
// of its own on the test run's Redis.
let database: { url: string; drop(): Promise<void> };
let db: Db;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  database = await privateDatabase(inject('databaseUrl'));
  db = createDb(database.url);
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  queue = new Queue(QueueName.session, { connection: redis, prefix: `sweep-test-${process.pid}` });
}, 60_000);

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  redis?.disconnect();
  await db?.$disconnect();
  await database?.drop();
});

it('fails sessions whose worker is gone for good, re-queues those whose job vanished, leaves the rest', async () => {
  const now = Date.now();
  const ago = (s: number) => new Date(now - s * 1000);
  const make = (
    name: string,
    data: { status: 'QUEUED' | 'RUNNING' | 'STOPPED'; heartbeatAt?: Date; createdAt?: Date },
  ) => db.session.create({ data: { name, mode: 'TEST', strategy: 'TestBot', markets: ['XBTUSD'], ...data } });
  const dead = await make('dead', { status: 'RUNNING', heartbeatAt: ago(600) });
  const waiting = await make('dead but its job waits', { status: 'RUNNING', heartbeatAt: ago(600) });
  await queue.add('run', { sessionId: waiting.id }, { jobId: sessionJobId(waiting.id) });
  const beating = await make('beats without a job', { status: 'RUNNING', heartbeatAt: ago(5) });
  const lostJob = await make('job lost', { status: 'RUNNING', heartbeatAt: ago(60) });
  const queued = await make('queued, job lost', { status: 'QUEUED', createdAt: ago(90) });
  const justQueued = await make('just queued', { status: 'QUEUED', createdAt: ago(1) });
  const stopped = await make('stopped', { status: 'STOPPED', heartbeatAt: ago(600) });
  const backtest = await db.session.create({
    data: { name: 'backtest', mode: 'BACKTEST', status: 'RUNNING', strategy: 'TestBot', markets: ['XBTUSD'] },
  });

  const result = await sweepSessions({ db, queue, redis, log: createLogger('sweeper-test', 'error'), nowMs: now });
  expect(result.failed).toEqual([dead.id]);
  expect(result.requeued.sort()).toEqual([lostJob.id, queued.id].sort());

  const row = async (id: string) => db.session.findUniqueOrThrow({ where: { id } });
  expect(await row(dead.id)).toMatchObject({
    status: 'FAILED',
    error: 'worker lost: no heartbeat for 600 s and no job',
  });
  for (const s of [waiting, beating, lostJob, queued, justQueued, stopped, backtest])
    expect((await row(s.id)).status).toBe(s.status);
  for (const s of [lostJob, queued]) expect(await (await queue.getJob(sessionJobId(s.id)))?.getState()).toBe('waiting');
  expect(await queue.getJob(sessionJobId(justQueued.id))).toBeUndefined();

  // A second sweep (another worker's) changes nothing more.
  const again = await sweepSessions({ db, queue, redis, log: createLogger('sweeper-test', 'error'), nowMs: now });
  expect(again).toEqual({ failed: [], requeued: [] });
});
