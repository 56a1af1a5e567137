import { describe, expect, it } from 'vitest';
import type { CandleView, Fill, StrategyInstance, TradeView } from '../src/strategy/sdk.js';
import { divergeBot } from '../src/strategy/strategies/diverge-bot.js';
import { pairTradeBot } from '../src/strategy/strategies/pair-trade-bot.js';
import { type FakeCtx, fakeCtx } from './support/fake-strategy-context.js';

const LEGS = ['XBTUSD', 'XBTUSDT'];

function fill(symbol: string, side: 'buy' | 'sell', qty: number): Fill {
  return { orderId: 'o', tag: 'entry', symbol, side, price: 1, qty, fee: 0, liquidity: 'taker', timeMs: 0 };
}

/** Entry fills of both legs, and the positions they leave. */
function filled(bot: StrategyInstance, ctx: FakeCtx, pos0: number, qty = 100): void {
  bot.onFill?.(fill('XBTUSD', pos0 > 0 ? 'buy' : 'sell', qty), ctx);
  bot.onFill?.(fill('XBTUSDT', pos0 > 0 ? 'sell' : 'buy', qty), ctx);
  ctx.positions.set('XBTUSD', pos0);
  ctx.positions.set('XBTUSDT', -pos0);
}

const m = (symbol: string, side: 'buy' | 'sell', qty = 100) => ({ kind: 'market', symbol, side, qty, tag: 'entry' });
const x = (symbol: string, side: 'buy' | 'sell', qty = 100) => ({
  ...m(symbol, side, qty),
  reduceOnly: true,
  tag: 'exit',
});

describe('DivergeBot', () => {
  const trade: TradeView = { symbol: '', timeMs: 0, price: 0, priceTicks: 0, size: 1, side: 1 };
  const t = (bot: StrategyInstance, ctx: FakeCtx, symbol: string, price: number) => {
    trade.symbol = symbol;
    trade.price = price;
    ctx.nowMs += 1;
    return bot.onTrade?.(trade, ctx);
  };

  it('warms up for ema_period updates, then sells leg0 / buys leg1 above +threshold, exits near the EMA', () => {
    const ctx = fakeCtx(LEGS);
    const bot = divergeBot.create(divergeBot.params.parse({ ema_period: 3 }), LEGS);
    expect(t(bot, ctx, 'XBTUSD', 100)).toBeUndefined(); // leg1 has no price yet: no update
    expect(t(bot, ctx, 'XBTUSDT', 100)).toBeUndefined(); // update 1: ema = 1
    expect(t(bot, ctx, 'XBTUSD', 100)).toBeUndefined(); // update 2
    expect(t(bot, ctx, 'ETHUSD', 500)).toBeUndefined(); // not a leg: no update
    // Update 3 (warm): alpha = 0.5, ema = 1 + 0.5 × 0.01 = 1.005, divergence = 1.01/1.005 − 1 = 0.4975 %.
    expect(t(bot, ctx, 'XBTUSD', 101)).toEqual([m('XBTUSD', 'sell'), m('XBTUSDT', 'buy')]);
    expect(t(bot, ctx, 'XBTUSD', 102)).toBeUndefined(); // pending until both legs filled
    filled(bot, ctx, -100);
    // 102 (while pending) still updated the EMA: (1.005 + 1.02) / 2 = 1.0125.
    // 101.5: ema = (1.0125 + 1.015) / 2 = 1.01375, divergence = 0.123 % ≥ exit_threshold → hold.
    expect(t(bot, ctx, 'XBTUSD', 101.5)).toBeUndefined();
    // 101.375: ema = (1.01375 + 1.01375) / 2 → divergence 0 < exit_threshold → close both legs.
    expect(t(bot, ctx, 'XBTUSD', 101.375)).toEqual([x('XBTUSD', 'buy'), x('XBTUSDT', 'sell')]);
  });

  it('does not trade during warm-up, then buys leg0 / sells leg1 below −threshold', () => {
    const ctx = fakeCtx(LEGS);
    const bot = divergeBot.create(divergeBot.params.parse({ ema_period: 4, trade_size: 10 }), LEGS);
    t(bot, ctx, 'XBTUSDT', 100);
    expect(t(bot, ctx, 'XBTUSD', 100)).toBeUndefined(); // update 1
    expect(t(bot, ctx, 'XBTUSD', 90)).toBeUndefined(); // update 2: ema 0.96, divergence −6.25 % but still warming up
    expect(t(bot, ctx, 'XBTUSD', 100)).toBeUndefined(); // update 3
    // Update 3: ema = 0.96 + 0.4 × 0.04 = 0.976. Update 4: ratio 0.95 → ema 0.9656, divergence −1.6 %.
    expect(t(bot, ctx, 'XBTUSD', 95)).toEqual([m('XBTUSD', 'buy', 10), m('XBTUSDT', 'sell', 10)]);
  });
});

describe('PairTradeBot', () => {
  const candle = (symbol: string, time: number, close: number): CandleView => ({
    symbol,
    period: 'M1',
    time,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
  });
  /** Feeds one bucket (leg1 first when `reverse`), returning the intents of the second candle. */
  const bucket = (bot: StrategyInstance, ctx: FakeCtx, time: number, c0: number, c1: number, reverse = false) => {
    ctx.nowMs = time * 1000;
    const first = reverse ? candle('XBTUSDT', time, c1) : candle('XBTUSD', time, c0);
    const second = reverse ? candle('XBTUSD', time, c0) : candle('XBTUSDT', time, c1);
    expect(bot.onCandle?.(first, ctx)).toBeUndefined();
    return bot.onCandle?.(second, ctx);
  };
  // With 4 equal samples and one outlier, the outlier's population z is (n − 1)/√n = 4/√5 ≈ 1.789.
  const params = { lookback: 5, entry_z: 1.7, exit_z: 0.6 };

  it('declares candles of both legs', () => {
    expect(pairTradeBot.candles?.(pairTradeBot.params.parse({ candle_period: 'H1' }))).toEqual([
      { leg: 0, period: 'H1' },
      { leg: 1, period: 'H1' },
    ]);
  });

  it('shorts the spread at z ≥ entry_z once both legs of a bucket arrived, exits at |z| ≤ exit_z', () => {
    const ctx = fakeCtx(LEGS);
    const bot = pairTradeBot.create(pairTradeBot.params.parse(params), LEGS);
    for (let i = 1; i <= 4; i++) expect(bucket(bot, ctx, i * 60, 100, 100, i % 2 === 0)).toBeUndefined();
    // Unmatched buckets give no sample.
    expect(bot.onCandle?.(candle('XBTUSD', 300, 500), ctx)).toBeUndefined();
    expect(bot.onCandle?.(candle('XBTUSDT', 360, 100), ctx)).toBeUndefined();
    expect(bucket(bot, ctx, 420, 110, 100, true)).toEqual([m('XBTUSD', 'sell'), m('XBTUSDT', 'buy')]);
    filled(bot, ctx, -100);
    // Window [0, 0, 0, d, 0]: z of the last 0 = −0.5 → exit.
    expect(bucket(bot, ctx, 480, 100, 100)).toEqual([x('XBTUSD', 'buy'), x('XBTUSDT', 'sell')]);
  });

  it('goes long the spread at z ≤ −entry_z and holds while |z| > exit_z', () => {
    const ctx = fakeCtx(LEGS);
    const bot = pairTradeBot.create(pairTradeBot.params.parse({ ...params, exit_z: 0.4 }), LEGS);
    for (let i = 1; i <= 4; i++) bucket(bot, ctx, i * 60, 100, 100);
    expect(bucket(bot, ctx, 300, 90, 100)).toEqual([m('XBTUSD', 'buy'), m('XBTUSDT', 'sell')]);
    filled(bot, ctx, 100);
    expect(bucket(bot, ctx, 360, 100, 100)).toBeUndefined(); // z = +0.5 > 0.4
  });

  it('weights leg1 by hedge_ratio', () => {
    // Both legs +10 %: with hedge 1 the spread does not move; with hedge 0.5 it rises by ln(1.1)/2.
    for (const [hedge, expected] of [
      [1, undefined],
      [0.5, [m('XBTUSD', 'sell'), m('XBTUSDT', 'buy')]],
    ] as const) {
      const ctx = fakeCtx(LEGS);
      const bot = pairTradeBot.create(pairTradeBot.params.parse({ ...params, hedge_ratio: hedge }), LEGS);
      for (let i = 1; i <= 4; i++) bucket(bot, ctx, i * 60, 100, 100);
      expect(bucket(bot, ctx, 300, 110, 110)).toEqual(expected);
    }
  });
});
