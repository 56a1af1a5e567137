import { describe, expect, it } from 'vitest';
import type { CandleView, Fill, OrderIntent, StrategyInstance } from '../src/strategy/sdk.js';
import { sdBot } from '../src/strategy/strategies/sd-bot.js';
import { testBot } from '../src/strategy/strategies/test-bot.js';
import { type FakeCtx, fakeCtx } from './support/fake-strategy-context.js';

function fill(symbol: string, side: 'buy' | 'sell', qty: number, tag: string, timeMs = 0): Fill {
  return { orderId: 'o', tag, symbol, side, price: 100, qty, fee: 0, liquidity: 'taker', timeMs };
}

describe('TestBot', () => {
  it('sets a first timer at start, then alternates buy/sell every trade_interval seconds', () => {
    const ctx = fakeCtx(['XBTUSD']);
    ctx.nowMs = 1_000_000;
    const bot = testBot.create(testBot.params.parse({ trade_interval: 30, trade_size: 5 }), ctx.markets);
    expect(bot.onStart?.(ctx)).toEqual([{ kind: 'timer', atMs: 1_030_000, tag: 'test-bot' }]);
    const sides: string[] = [];
    const timers: number[] = [];
    for (let i = 1; i <= 4; i++) {
      ctx.nowMs = 1_000_000 + i * 30_000 + 7; // late callbacks do not make the cadence drift
      for (const intent of bot.onTimer?.('test-bot', ctx) ?? []) {
        if (intent.kind === 'market') {
          expect(intent).toMatchObject({ symbol: 'XBTUSD', qty: 5 });
          sides.push(intent.side);
        } else if (intent.kind === 'timer') timers.push(intent.atMs);
      }
    }
    expect(sides).toEqual(['buy', 'sell', 'buy', 'sell']);
    expect(timers).toEqual([1_060_000, 1_090_000, 1_120_000, 1_150_000]);
    expect(bot.onTimer?.('someone-else', ctx)).toBeUndefined();
  });

  it('defaults to 60 s and 100 contracts', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = testBot.create(testBot.params.parse({}), ctx.markets);
    expect(bot.onStart?.(ctx)).toEqual([{ kind: 'timer', atMs: 60_000, tag: 'test-bot' }]);
    expect(bot.onTimer?.('test-bot', ctx)?.[0]).toMatchObject({ kind: 'market', side: 'buy', qty: 100 });
  });
});

describe('SDBot', () => {
  const candle: CandleView = { symbol: 'XBTUSD', period: 'M1', time: 0, open: 0, high: 0, low: 0, close: 0, volume: 1 };
  function feed(bot: StrategyInstance, ctx: FakeCtx, closes: number[]): (OrderIntent[] | undefined)[] {
    return closes.map((close) => {
      candle.time += 60;
      candle.close = close;
      ctx.nowMs = candle.time * 1000;
      const out = bot.onCandle?.(candle, ctx);
      return out ? [...out] : undefined;
    });
  }
  const flat19 = Array.from({ length: 19 }, () => 100);

  it('declares its candles', () => {
    expect(sdBot.candles?.(sdBot.params.parse({ candle_period: 'M5' }))).toEqual([{ leg: 0, period: 'M5' }]);
  });

  it('uses the POPULATION std: 19 closes of 100 then 90 is √19 ≈ 4.359 std below the SMA', () => {
    // Hand computation: d = 10, mean = 100 − d/20 = 99.5, population var = 0.0475·d² → std = 2.1794,
    // so (90 − 99.5) / 2.1794 = −4.359 (the sample std would give −4.249).
    for (const [numStd, enters] of [
      [4.3, true],
      [4.4, false],
    ] as const) {
      const ctx = fakeCtx(['XBTUSD']);
      const bot = sdBot.create(sdBot.params.parse({ num_std: numStd }), ctx.markets);
      const out = feed(bot, ctx, [...flat19, 90]);
      expect(out.slice(0, 19).every((o) => o === undefined)).toBe(true);
      expect(out[19]).toEqual(
        enters ? [{ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100, tag: 'entry' }] : undefined,
      );
    }
  });

  it('enters long below the lower band, holds below the SMA, exits at the middle band', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sdBot.create(sdBot.params.parse({}), ctx.markets);
    expect(feed(bot, ctx, [...flat19, 90])[19]?.[0]).toMatchObject({ side: 'buy', qty: 100 });
    ctx.nowMs += 1_000; // the fill has not come back yet: no duplicate order
    expect(bot.onCandle?.({ ...candle, close: 80 }, ctx)).toBeUndefined();
    bot.onFill?.(fill('XBTUSD', 'buy', 100, 'entry'), ctx);
    ctx.positions.set('XBTUSD', 100);
    // Window now 17×100, 90, 80, then 95: SMA = (1700 + 265) / 20 = 98.25 > 95 → hold.
    expect(feed(bot, ctx, [95])[0]).toBeUndefined();
    // Window 16×100, 90, 80, 95, 99: SMA = 98.2 ≤ 99 → exit.
    expect(feed(bot, ctx, [99])[0]).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 100, reduceOnly: true, tag: 'exit' },
    ]);
  });

  it('shorts above the upper band and ignores other symbols and periods', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sdBot.create(sdBot.params.parse({ trade_size: 7 }), ctx.markets);
    feed(bot, ctx, flat19);
    expect(bot.onCandle?.({ ...candle, symbol: 'ETHUSD', close: 200 }, ctx)).toBeUndefined();
    expect(bot.onCandle?.({ ...candle, period: 'M5', close: 200 }, ctx)).toBeUndefined();
    expect(feed(bot, ctx, [110])[0]).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 7, tag: 'entry' },
    ]);
    bot.onFill?.(fill('XBTUSD', 'sell', 7, 'entry'), ctx);
    ctx.positions.set('XBTUSD', -7);
    expect(feed(bot, ctx, [100])[0]).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 7, reduceOnly: true, tag: 'exit' },
    ]);
  });
});
