import { z } from 'zod';
import type { StrategyDefinition, StrategyInstance } from '../sdk.js';
import { ALL_MODES, closeLegs, commonParams, market, meanStd, PendingGuard, periodParam } from './common.js';

/**
 * SDBot — Bollinger-band mean reversion on closed candles of `markets[0]`. Rules, evaluated on
 * each closed candle of `candle_period` once `period` closes are in the window:
 * - middle = SMA of the last `period` closes (the current close included);
 *   std = POPULATION standard deviation of the same closes (divide by n, as Bollinger does);
 *   lower = middle − num_std × std, upper = middle + num_std × std.
 * - Flat and close < lower → market buy `trade_size` (long).
 * - Flat and close > upper → market sell `trade_size` (short).
 * - Long and close ≥ middle, or short and close ≤ middle → reduce-only market order closing the
 *   whole position.
 * - At most one action per candle; no new action while an order is pending (sent, not yet fully
 *   filled — fills may lag with latency; see `PendingGuard`).
 * Defaults: `candle_period` M1, `period` 20, `num_std` 2.0, `trade_size` 100, `leverage` 1.
 */
export const sdBotParams = z.strictObject({
  ...commonParams,
  candle_period: periodParam.default('M1').describe('Candle period the bands are computed on (period)'),
  period: z.number().int().min(2).max(10_000).default(20).describe('Closes in the moving window (candles)'),
  num_std: z.number().positive().max(10).default(2).describe('Band half-width (population standard deviations)'),
});

/** Params of {@link sdBot}, after defaults. */
export type SDBotParams = z.infer<typeof sdBotParams>;

/** The SDBot definition. */
export const sdBot: StrategyDefinition<typeof sdBotParams> = {
  name: 'SDBot',
  description: 'Bollinger-band mean reversion: enters outside the bands, exits at the moving average.',
  legs: 1,
  modes: ALL_MODES,
  params: sdBotParams,
  candles: (params) => [{ leg: 0, period: params.candle_period }],
  indicators: [
    { name: 'bb_mid', description: 'Moving average of the closes (quote currency)', leg: 0, overlay: true },
    { name: 'bb_upper', description: 'Mean + num_std × std (quote currency)', leg: 0, overlay: true },
    { name: 'bb_lower', description: 'Mean − num_std × std (quote currency)', leg: 0, overlay: true },
  ],
  create(params: SDBotParams, markets: readonly string[]): StrategyInstance {
    const symbol = markets[0];
    if (symbol === undefined) throw new Error('SDBot needs one market');
    const legs = [symbol];
    const n = params.period;
    const window = new Float64Array(n);
    let count = 0;
    const pending = new PendingGuard();
    return {
      onCandle(candle, ctx) {
        if (candle.symbol !== symbol || candle.period !== params.candle_period) return undefined;
        const close = candle.close;
        window[count % n] = close;
        count++;
        if (count < n) return undefined;
        const { mean, std } = meanStd(window, n);
        ctx.plot('bb_mid', mean);
        ctx.plot('bb_upper', mean + params.num_std * std);
        ctx.plot('bb_lower', mean - params.num_std * std);
        if (pending.active(ctx.nowMs)) return undefined;
        const pos = ctx.position(symbol);
        if (pos === 0) {
          const side =
            close < mean - params.num_std * std ? 'buy' : close > mean + params.num_std * std ? 'sell' : null;
          if (side === null) return undefined;
          pending.arm(params.trade_size, ctx.nowMs);
          return [market(symbol, side, params.trade_size, 'entry')];
        }
        if ((pos > 0 && close >= mean) || (pos < 0 && close <= mean)) {
          return closeLegs(ctx, legs, pending);
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
