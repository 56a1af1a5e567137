import { QueueName } from '@hm/engine/contracts';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { App } from '../src/app.js';
import { gql, startTestApp } from './support.js';

let app: App;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

type Health = { health: { ok: boolean; database: boolean; redis: boolean; workers: number } };

it('reports database, Redis and the engine workers attached to the market-data queue', async () => {
  const before = await gql<Health>(app.url, '{ health { ok database redis workers } }');
  expect(before.data?.health).toEqual({ ok: false, database: true, redis: true, workers: 0 });

  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  // A worker that would process nothing in this test: it only has to be connected to count.
  const worker = new Worker(QueueName.marketData, async () => undefined, { connection, autorun: false });
  await worker.waitUntilReady();
  void worker.run();
  try {
    const after = await gql<Health>(app.url, '{ health { ok database redis workers } }');
    expect(after.data?.health).toEqual({ ok: true, database: true, redis: true, workers: 1 });
  } finally {
    await worker.close();
    connection.disconnect();
  }
});

it('lists the markets with the metadata their maths come from', async () => {
  const res = await gql<{ markets: { symbol: string; kind: string; tickSize: number; settleCurrency: string }[] }>(
    app.url,
    '{ markets { symbol kind tickSize settleCurrency } }',
  );
  expect(res.data?.markets).toEqual(
    expect.arrayContaining([
      { symbol: 'XBTUSD', kind: 'INVERSE', tickSize: 0.1, settleCurrency: 'XBT' },
      { symbol: 'ETHUSD', kind: 'QUANTO', tickSize: 0.01, settleCurrency: 'XBT' },
      { symbol: 'XBTUSDT', kind: 'LINEAR', tickSize: 0.5, settleCurrency: 'USDT' },
    ]),
  );
});

it('answers invalid GraphQL with a specific error and keeps serving', async () => {
  const bad = await gql(app.url, '{ health { nope } }');
  expect(bad.errors?.[0]?.message).toMatch(/Cannot query field "nope" on type "Health"/);
  const good = await gql<Health>(app.url, '{ health { database } }');
  expect(good.data?.health.database).toBe(true);
});
