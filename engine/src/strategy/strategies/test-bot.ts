import { z } from 'zod';
import type { StrategyDefinition, StrategyInstance } from '../sdk.js';
import { ALL_MODES, commonParams, market } from './common.js';

/**
 * TestBot — a verification strategy, not a trading one. Rules:
 * - `onStart` sets a timer `trade_interval` seconds after the session start.
 * - Each timer sends one market order and sets the next timer exactly `trade_interval` seconds
 *   after the previous one (no drift, whatever the callback latency).
 * - Orders alternate buy, sell, buy, sell…, each `trade_size` contracts, starting with a buy when
 *   the session starts flat or short and with a sell when it starts long (a resumed or reconciled
 *   session goes on where it was instead of doubling its position), so the position is flat after
 *   each sell. After the start TestBot does not look at positions or fills: it only alternates.
 * Defaults: `trade_interval` 60 s, `trade_size` 100, `leverage` 1. One leg (`markets[0]`).
 */
export const testBotParams = z.strictObject({
  ...commonParams,
  trade_interval: z.number().int().min(1).max(86_400).default(60).describe('Time between two orders (seconds)'),
});

/** Params of {@link testBot}, after defaults. */
export type TestBotParams = z.infer<typeof testBotParams>;

const TIMER_TAG = 'test-bot';

/** The TestBot definition. */
export const testBot: StrategyDefinition<typeof testBotParams> = {
  name: 'TestBot',
  description:
    'Alternates a market buy and a market sell of trade_size every trade_interval seconds, for verification.',
  legs: 1,
  modes: ALL_MODES,
  params: testBotParams,
  create(params: TestBotParams, markets: readonly string[]): StrategyInstance {
    const symbol = markets[0];
    if (symbol === undefined) throw new Error('TestBot needs one market');
    const intervalMs = params.trade_interval * 1000;
    let nextAtMs = 0;
    let buyNext = true;
    return {
      onStart(ctx) {
        buyNext = ctx.position(symbol) <= 0;
        nextAtMs = ctx.nowMs + intervalMs;
        return [{ kind: 'timer', atMs: nextAtMs, tag: TIMER_TAG }];
      },
      onTimer(tag) {
        if (tag !== TIMER_TAG) return undefined;
        const side = buyNext ? 'buy' : 'sell';
        buyNext = !buyNext;
        nextAtMs += intervalMs;
        return [market(symbol, side, params.trade_size, side), { kind: 'timer', atMs: nextAtMs, tag: TIMER_TAG }];
      },
    };
  },
};
