import { z } from 'zod';
import type { StrategyDefinition, StrategyInstance } from '../sdk.js';
import { ALL_MODES, closeLegs, commonParams, market, PendingGuard } from './common.js';

/**
 * DivergeBot — two-leg ratio divergence (e.g. `markets[0]` XBTUSD, `markets[1]` XBTUSDT). Rules,
 * on every trade of either leg once both legs have traded:
 * - ratio = last price(leg0) / last price(leg1) (last prices tracked from the trades themselves).
 * - ema: the first ratio seeds it, then ema += alpha × (ratio − ema), alpha = 2 / (ema_period + 1),
 *   one update per trade event of either leg; divergence = ratio / ema − 1 (ema AFTER the update).
 * - Warm-up: no order before `ema_period` updates.
 * - Both legs flat and divergence > threshold → sell leg0 and buy leg1, `trade_size` each;
 *   divergence < −threshold → buy leg0 and sell leg1.
 * - Any leg open and |divergence| < exit_threshold → reduce-only market orders closing both legs.
 * - No new order while any is pending (sent, not fully filled; see `PendingGuard`).
 * Defaults: `ema_period` 100, `threshold` 0.003 (0.3 %), `exit_threshold` 0.0005, `trade_size`
 * 100, `leverage` 1.
 */
export const divergeBotParams = z
  .strictObject({
    ...commonParams,
    ema_period: z.number().int().min(1).max(1_000_000).default(100).describe('EMA length, alpha = 2/(n+1) (trades)'),
    threshold: z
      .number()
      .gt(0)
      .max(1)
      .default(0.003)
      .describe('Divergence from the EMA that opens a position (fraction)'),
    exit_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.0005)
      .describe('Divergence below which both legs close (fraction)'),
  })
  .refine((p) => p.exit_threshold < p.threshold, {
    message: 'exit_threshold must be below threshold',
    path: ['exit_threshold'],
  });

/** Params of {@link divergeBot}, after defaults. */
export type DivergeBotParams = z.infer<typeof divergeBotParams>;

/** The DivergeBot definition. */
export const divergeBot: StrategyDefinition<typeof divergeBotParams> = {
  name: 'DivergeBot',
  description: 'Two legs: trades the price ratio back towards its EMA when it diverges by more than threshold.',
  legs: 2,
  modes: ALL_MODES,
  indicators: [{ name: 'divergence', description: 'Price ratio / its EMA − 1 (fraction)', leg: 0, overlay: false }],
  params: divergeBotParams,
  create(params: DivergeBotParams, markets: readonly string[]): StrategyInstance {
    const leg0 = markets[0];
    const leg1 = markets[1];
    if (leg0 === undefined || leg1 === undefined) throw new Error('DivergeBot needs two markets');
    const legs = [leg0, leg1];
    const alpha = 2 / (params.ema_period + 1);
    const qty = params.trade_size;
    const pending = new PendingGuard();
    let p0 = 0;
    let p1 = 0;
    let ema = 0;
    let updates = 0;

    return {
      onTrade(trade, ctx) {
        if (trade.symbol === leg0) p0 = trade.price;
        else if (trade.symbol === leg1) p1 = trade.price;
        else return undefined;
        if (p0 <= 0 || p1 <= 0) return undefined;
        const ratio = p0 / p1;
        if (updates === 0) ema = ratio;
        else ema += alpha * (ratio - ema);
        updates++;
        if (updates < params.ema_period) return undefined;
        const divergence = ratio / ema - 1;
        ctx.plot('divergence', divergence);
        if (pending.active(ctx.nowMs)) return undefined;
        const flat = ctx.position(leg0) === 0 && ctx.position(leg1) === 0;
        if (!flat) return Math.abs(divergence) < params.exit_threshold ? closeLegs(ctx, legs, pending) : undefined;
        if (divergence > params.threshold) {
          pending.arm(2 * qty, ctx.nowMs);
          return [market(leg0, 'sell', qty, 'entry'), market(leg1, 'buy', qty, 'entry')];
        }
        if (divergence < -params.threshold) {
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
