import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, expect, inject, it } from 'vitest';
import { type CandleEvent, channel, MdKey, Topic } from '../src/contracts/topics.js';
import { createLogger } from '../src/log.js';
import { listInstruments } from '../src/market/instruments.js';
import { type RunningSimulator, startSimulator } from '../src/simulator/server.js';
import { marketDataProcessor } from '../src/workers/market-data.worker.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('a market-data job on BullMQ publishes forming candles through Redis until cancelled', async () => {
  const redisUrl = inject('redisUrl');
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    seed: 3,
    speed: 10,
    instruments: listInstruments(),
    tradesPerSecond: 20,
  });
  cleanups.push(() => sim.close());
  const queueName = `test-market-data-${randomUUID()}`;
  const publisher = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const workerConn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  cleanups.push(async () => {
    publisher.disconnect();
    subscriber.disconnect();
    workerConn.disconnect();
  });

  const received: CandleEvent[] = [];
  const gotTwo = new Promise<void>((resolve) => {
    subscriber.on('message', (_ch, msg) => {
      received.push(JSON.parse(msg) as CandleEvent);
      if (received.length >= 2) resolve();
    });
  });
  await subscriber.subscribe(channel(Topic.candle, 'XBTUSD:M1'));

  const worker = new Worker(queueName, marketDataProcessor(publisher, createLogger('test', 'error')), {
    connection: workerConn,
  });
  const queue = new Queue(queueName, { connection: publisher });
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  const job = await queue.add('feed', { feedUrl: sim.url, symbols: ['XBTUSD'] });
  await gotTwo;

  expect(received[0]).toMatchObject({ market: 'XBTUSD', period: 'M1' });
  const snapshot = JSON.parse((await publisher.get(MdKey.lastCandle('XBTUSD', 'M1'))) ?? 'null') as CandleEvent | null;
  expect(snapshot?.market, 'the latest candle is kept for late subscribers').toBe('XBTUSD');

  const finished = new Promise<unknown>((resolve) => worker.on('completed', (_j, result) => resolve(result)));
  worker.cancelJob(job.id ?? '');
  expect(await finished).toMatchObject({ trades: expect.any(Number), skipped: 0 });
});

it('rejects an invalid job payload without retrying it', async () => {
  const redisUrl = inject('redisUrl');
  const queueName = `test-market-data-${randomUUID()}`;
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(queueName, marketDataProcessor(conn, createLogger('test', 'error')), { connection: conn });
  const queue = new Queue(queueName, { connection: conn });
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    conn.disconnect();
  });
  const failed = new Promise<Error>((resolve) => worker.on('failed', (_j, err) => resolve(err)));
  await queue.add('feed', { feedUrl: 'not a url', symbols: [] }, { attempts: 3 });
  const err = await failed;
  expect(err.name).toBe('UnrecoverableError');
  expect(err.message).toMatch(/invalid market-data job/);
});
