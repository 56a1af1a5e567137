import { RedisPublisher } from '@hm/engine/adapters/redis-publisher';
import { type CandleEvent, channel, MdKey, Topic } from '@hm/engine/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { App } from '../src/app.js';
import { startTestApp, wsClient } from './support.js';

let app: App;
let redis: Redis;
beforeAll(async () => {
  app = await startTestApp();
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  redis.disconnect();
  await app.stop();
});

const SUBSCRIPTION =
  'subscription ($m: String!) { candles(market: $m, period: W1) { time open high low close volume } }';

/** Resolves once some API process has subscribed to the Redis channel (the engine can publish). */
async function untilSubscribed(ch: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [, count] = (await redis.pubsub('NUMSUB', ch)) as [string, number];
    if (count > 0) return;
    if (Date.now() > deadline) throw new Error(`nobody subscribed to ${ch}`);
    await new Promise((r) => setImmediate(r));
  }
}

it('streams the snapshot first, then every candle the engine publishes through Redis', async () => {
  const snapshot: CandleEvent = {
    market: 'ETHUSD',
    period: 'W1',
    time: 1_700_438_400,
    open: 2000,
    high: 2010,
    low: 1990,
    close: 2005,
    volume: 10,
  };
  await redis.set(MdKey.lastCandle('ETHUSD', 'W1'), JSON.stringify(snapshot));
  const client = wsClient(app.url);
  const received: unknown[] = [];
  let resolveTwo: () => void = () => {};
  const two = new Promise<void>((r) => {
    resolveTwo = r;
  });
  const unsubscribe = client.subscribe(
    { query: SUBSCRIPTION, variables: { m: 'ETHUSD' } },
    {
      next: (v) => {
        received.push(v.data);
        if (received.length === 2) resolveTwo();
      },
      error: (e) => {
        throw e;
      },
      complete: () => {},
    },
  );
  await untilSubscribed(channel(Topic.candle, 'ETHUSD:W1'));
  const publisher = new RedisPublisher(redis);
  publisher.candle({ ...snapshot, close: 2007.5, high: 2010, volume: 12 }, null);
  await publisher.close();
  await two;
  unsubscribe();
  await client.dispose();
  const { market: _m, period: _p, ...snapshotFields } = snapshot;
  expect(received).toEqual([
    { candles: snapshotFields },
    { candles: { ...snapshotFields, close: 2007.5, volume: 12 } },
  ]);
});

it('rejects an unknown market with a clear error', async () => {
  const client = wsClient(app.url);
  const error = await new Promise<unknown>((resolve) => {
    client.subscribe(
      { query: SUBSCRIPTION, variables: { m: 'NOPE' } },
      { next: () => {}, error: resolve, complete: () => resolve(null) },
    );
  });
  await client.dispose();
  expect(JSON.stringify(error)).toMatch(/unknown market \\"NOPE\\"/);
});
