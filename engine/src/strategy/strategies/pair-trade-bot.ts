import { z } from 'zod';
import type { StrategyDefinition, StrategyInstance } from '../sdk.js';
import { ALL_MODES, closeLegs, commonParams, market, meanStd, PendingGuard, periodParam } from './common.js';

/**
 * PairTradeBot — two-leg log-spread z-score (e.g. `markets[0]` XBTUSD, `markets[1]` XBTUSDT).
 * Rules, on closed candles of `candle_period`:
 * - A spread sample is taken once the candles of BOTH legs for the same bucket time have arrived
 *   (either order): spread = ln(close0) − hedge_ratio × ln(close1). A bucket where one leg has no
 *   candle (no trades) gives no sample.
 * - mean and std = POPULATION standard deviation of the last `lookback` samples, the current one
 *   included; z = (spread − mean) / std. Nothing happens before `lookback` samples or when std = 0.
 * - Both legs flat and z ≥ entry_z → short the spread: sell leg0, buy leg1 (`trade_size` each);
 *   z ≤ −entry_z → long the spread: buy leg0, sell leg1.
 * - Any leg open and |z| ≤ exit_z → reduce-only market orders closing both legs.
 * - No new order while any is pending (sent, not fully filled; see `PendingGuard`).
 * Defaults: `candle_period` M1, `hedge_ratio` 1, `lookback` 100, `entry_z` 2.0, `exit_z` 0.5,
 * `trade_size` 100, `leverage` 1.
 */
export const pairTradeBotParams = z
  .strictObject({
    ...commonParams,
    candle_period: periodParam.default('M1').describe('Candle period the spread is sampled on (period)'),
    hedge_ratio: z.number().gt(0).max(100).default(1).describe('Weight of ln(leg1 price) in the spread (ratio)'),
    lookback: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(100)
      .describe('Spread samples in the rolling window (candles)'),
    entry_z: z.number().gt(0).max(20).default(2).describe('|z| that opens a position (standard deviations)'),
    exit_z: z
      .number()
      .min(0)
      .max(20)
      .default(0.5)
      .describe('|z| at or below which both legs close (standard deviations)'),
  })
  .refine((p) => p.exit_z < p.entry_z, { message: 'exit_z must be below entry_z', path: ['exit_z'] });

/** Params of {@link pairTradeBot}, after defaults. */
export type PairTradeBotParams = z.infer<typeof pairTradeBotParams>;

/** The PairTradeBot definition. */
export const pairTradeBot: StrategyDefinition<typeof pairTradeBotParams> = {
  name: 'PairTradeBot',
  description: 'Two legs: trades the z-score of the log-price spread back to its rolling mean.',
  legs: 2,
  modes: ALL_MODES,
  params: pairTradeBotParams,
  indicators: [
    { name: 'zscore', description: 'z-score of the log spread (standard deviations)', leg: 0, overlay: false },
  ],
  candles: (params) => [
    { leg: 0, period: params.candle_period },
    { leg: 1, period: params.candle_period },
  ],
  create(params: PairTradeBotParams, markets: readonly string[]): StrategyInstance {
    const leg0 = markets[0];
    const leg1 = markets[1];
    if (leg0 === undefined || leg1 === undefined) throw new Error('PairTradeBot needs two markets');
    const legs = [leg0, leg1];
    const qty = params.trade_size;
    const n = params.lookback;
    const window = new Float64Array(n);
    const pending = new PendingGuard();
    let count = 0;
    let close0 = 0;
    let close1 = 0;
    let time0 = Number.NaN;
    let time1 = Number.NaN;
    return {
      onCandle(candle, ctx) {
        if (candle.period !== params.candle_period) return undefined;
        if (candle.symbol === leg0) {
          close0 = candle.close;
          time0 = candle.time;
        } else if (candle.symbol === leg1) {
          close1 = candle.close;
          time1 = candle.time;
        } else return undefined;
        if (time0 !== time1) return undefined;
        time0 = time1 = Number.NaN; // one sample per bucket, even if a candle is delivered twice
        window[count % n] = Math.log(close0) - params.hedge_ratio * Math.log(close1);
        const spread = window[count % n] ?? 0;
        count++;
        if (count < n) return undefined;
        const { mean, std } = meanStd(window, n);
        if (!(std > 0)) return undefined;
        const z = (spread - mean) / std;
        ctx.plot('zscore', z);
        if (pending.active(ctx.nowMs)) return undefined;
        const flat = ctx.position(leg0) === 0 && ctx.position(leg1) === 0;
        if (!flat) return Math.abs(z) <= params.exit_z ? closeLegs(ctx, legs, pending) : undefined;
        if (z >= params.entry_z) {
          pending.arm(2 * qty, ctx.nowMs);
          return [market(leg0, 'sell', qty, 'entry'), market(leg1, 'buy', qty, 'entry')];
        }
        if (z <= -params.entry_z) {
          pending.arm(2 * qty, ctx.nowMs);
          return [market(leg0, 'buy', qty, 'entry'), market(leg1, 'sell', qty, 'entry')];
        }
        return undefined;
      },
      onReject(intent) {
        pending.onReject(intent);
      },
      onFill(fill) {
        pending.onFill(fill);
        return undefined;
      },
    };
  },
};
