import {
  INDICATOR_EVERY_MS,
  type SessionIndicatorEvent,
  sessionIndicatorChannel,
  sessionIndicatorsKey,
} from '@hm/engine/contracts';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { IndicatorStream } from '../src/sessions/indicator-stream.js';
import { getStrategy } from '../src/strategy/registry.js';
import type { CandleView } from '../src/strategy/sdk.js';
import { fakeCtx } from './support/fake-strategy-context.js';

describe('strategy indicators', () => {
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.disconnect());

  it('SDBot plots its declared Bollinger bands once its window is full', () => {
    const def = getStrategy('SDBot');
    expect(def.indicators?.map((i) => i.name)).toEqual(['bb_mid', 'bb_upper', 'bb_lower']);
    const params = def.params.parse({ period: 4, num_std: 2 });
    const bot = def.create(params, ['XBTUSD']);
    const plots: [string, number, number][] = [];
    const ctx = { ...fakeCtx(['XBTUSD']), plot: (name: string, value: number) => plots.push([name, ctx.nowMs, value]) };
    const candle: CandleView = {
      symbol: 'XBTUSD',
      period: 'M1',
      time: 0,
      open: 0,
      high: 0,
      low: 0,
      close: 0,
      volume: 1,
    };
    for (const close of [10, 12, 14]) {
      candle.time += 60;
      candle.close = close;
      bot.onCandle?.(candle, ctx);
    }
    expect(plots, 'nothing before the window is full').toEqual([]);
    candle.time += 60;
    candle.close = 16;
    ctx.nowMs = 240_000;
    bot.onCandle?.(candle, ctx);
    const std = Math.sqrt((3 ** 2 + 1 + 1 + 3 ** 2) / 4); // population std of 10,12,14,16 around 13
    expect(plots).toEqual([
      ['bb_mid', 240_000, 13],
      ['bb_upper', 240_000, 13 + 2 * std],
      ['bb_lower', 240_000, 13 - 2 * std],
    ]);
  });

  it('a session streams at most one value per indicator per second, kept for late charts', async () => {
    const sessionId = `test-${Date.now()}`;
    const sub = redis.duplicate();
    const received: SessionIndicatorEvent[] = [];
    const three = new Promise<void>((resolve) =>
      sub.on('message', (_ch, text: string) => {
        received.push(JSON.parse(text) as SessionIndicatorEvent);
        if (received.length === 3) resolve();
      }),
    );
    await sub.subscribe(sessionIndicatorChannel(sessionId));
    const stream = new IndicatorStream(redis, sessionId, createLogger('test', 'error'));
    stream.plot('z', 1_000, 0.5);
    stream.plot('z', 1_000 + INDICATOR_EVERY_MS - 1, 0.6); // dropped: within the second
    stream.plot('other', 1_100, 7);
    stream.plot('z', 1_000 + INDICATOR_EVERY_MS, 0.7);
    stream.plot('z', 5_000, Number.NaN); // not a value
    await three;
    expect(received.map((e) => [e.name, e.timeMs, e.value])).toEqual([
      ['z', 1_000, 0.5],
      ['other', 1_100, 7],
      ['z', 2_000, 0.7],
    ]);
    const kept = (await redis.lrange(sessionIndicatorsKey(sessionId), 0, -1)).map((j) => JSON.parse(j));
    expect(kept).toEqual(received);
    sub.disconnect();
    await redis.del(sessionIndicatorsKey(sessionId));
  });
});
