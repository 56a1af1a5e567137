import type {} from '@hm/engine/testing';
import { Redis } from 'ioredis';
import { afterAll, expect, inject, it } from 'vitest';
import { RedisPublisher } from '../src/adapters/redis-publisher.js';
import { type CandleEvent, channel, MdKey, Topic } from '../src/contracts/topics.js';

// Forming candles are conflated like books and tickers, but a candle's last state is never lost.
const redisUrl = inject('redisUrl');
const pub = new Redis(redisUrl);
const sub = new Redis(redisUrl);
afterAll(() => {
  pub.disconnect();
  sub.disconnect();
});

it('conflates a forming candle to its latest state and sends its last state before the next candle', async () => {
  const market = `CONFLATE${process.pid}`;
  const topic = channel(Topic.candle, `${market}:M1`);
  const got: CandleEvent[] = [];
  let lastArrived: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    lastArrived = resolve;
  });
  await sub.ping(); // connected and ready before subscriber mode (a ready check after it is refused)
  await sub.subscribe(topic);
  sub.on('message', (ch: string, text: string) => {
    if (ch !== topic) return;
    got.push(JSON.parse(text) as CandleEvent);
    if (got.at(-1)?.volume === 30 && got.at(-1)?.time === 120) lastArrived();
  });
  const publisher = new RedisPublisher(pub, { candleIntervalMs: 60_000 });
  const bucket = (time: number, volume: number): CandleEvent => ({
    market,
    period: 'M1',
    time,
    open: 100,
    high: 100 + volume,
    low: 99,
    close: 100 + volume / 2,
    volume,
  });
  // 50 trades into one candle, then the next candle opens (its first trade closes the first one).
  for (let v = 1; v <= 50; v++) publisher.candle(bucket(60, v), null);
  publisher.candle(bucket(120, 1), bucket(60, 50));
  for (let v = 2; v <= 30; v++) publisher.candle(bucket(120, v), null);
  await publisher.close(); // sends what waits
  await arrived;
  expect(got.length, 'conflated, not one message per trade').toBeLessThanOrEqual(4);
  const first = got.filter((c) => c.time === 60);
  const second = got.filter((c) => c.time === 120);
  expect(first.at(-1), 'the first candle ends in its final state').toEqual(bucket(60, 50));
  expect(got.indexOf(first.at(-1) as CandleEvent)).toBeLessThan(got.indexOf(second[0] as CandleEvent));
  expect(second.at(-1)).toEqual(bucket(120, 30));
  expect(JSON.parse((await pub.get(MdKey.lastCandle(market, 'M1'))) ?? 'null')).toEqual(bucket(120, 30));
  const closed = await pub.zrange(MdKey.candles(market, 'M1'), 0, -1);
  expect(closed.map((c) => JSON.parse(c))).toEqual([bucket(60, 50)]);
});
