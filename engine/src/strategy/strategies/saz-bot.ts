import { z } from 'zod';
import type { BookView, Intents, StrategyContext, StrategyDefinition, StrategyInstance } from '../sdk.js';
import { ALL_MODES, closeLegs, commonParams, market, PendingGuard } from './common.js';

/**
 * SazBot — order-book imbalance on `markets[0]`. Rules, on each book event (at most once every
 * `eval_interval_ms` of book time; 0 = every event), with mid = (best bid + best ask) / 2:
 * - bidSum = sizes of bid levels priced within [mid × (1 − band_max), mid × (1 − band_min)];
 *   askSum = sizes of ask levels within [mid × (1 + band_min), mid × (1 + band_max)]
 *   (bounds inclusive; levels outside the bands are ignored); ratio = bidSum / askSum
 *   (no evaluation when either side of the book is empty or both sums are 0).
 * - Flat and ratio ≥ entry_ratio → market buy `trade_size`; flat and ratio ≤ 1 / entry_ratio →
 *   market sell `trade_size`.
 * - Long and ratio ≤ 1, or short and ratio ≥ 1 → reduce-only market order closing the position.
 * - Timeout: `timeout_s` after the first entry fill, the position is closed (a timer fires then;
 *   book events check it too).
 * - No new order while one is pending (sent, not fully filled; see `PendingGuard`).
 * The band sums are kept running: while the best bid and ask (so mid and the bands) stand, an
 * event that changes one level adds its size change when the level is in a band (integer sizes
 * only, so the sums stay exact); a snapshot, a new best or a fractional size walks the book again
 * with `OrderBook.forEachLevel` through visitors built once. No allocation per event either way.
 * Defaults: `band_min` 0.01, `band_max` 0.25, `entry_ratio` 1.5, `timeout_s` 300,
 * `eval_interval_ms` 0, `trade_size` 100, `leverage` 1.
 */
export const sazBotParams = z
  .strictObject({
    ...commonParams,
    band_min: z
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .describe('Inner edge of the bands, distance from mid (fraction of mid)'),
    band_max: z
      .number()
      .gt(0)
      .max(1)
      .default(0.25)
      .describe('Outer edge of the bands, distance from mid (fraction of mid)'),
    entry_ratio: z
      .number()
      .gt(1)
      .max(1000)
      .default(1.5)
      .describe('Bid/ask size ratio that opens a long; its inverse opens a short (ratio)'),
    timeout_s: z.number().int().positive().max(604_800).default(300).describe('Longest time in a position (seconds)'),
    eval_interval_ms: z
      .number()
      .int()
      .min(0)
      .max(3_600_000)
      .default(0)
      .describe('Minimum time between two evaluations, 0 = every book event (ms)'),
  })
  .refine((p) => p.band_min < p.band_max, { message: 'band_min must be below band_max', path: ['band_min'] });

/** Params of {@link sazBot}, after defaults. */
export type SazBotParams = z.infer<typeof sazBotParams>;

const TIMEOUT_TAG = 'saz-timeout';

/** The SazBot definition. */
export const sazBot: StrategyDefinition<typeof sazBotParams> = {
  name: 'SazBot',
  description: 'Order-book imbalance: trades the side with more resting size within a band around mid.',
  legs: 1,
  modes: ALL_MODES,
  params: sazBotParams,
  usesBook: true,
  create(params: SazBotParams, markets: readonly string[]): StrategyInstance {
    const symbol = markets[0];
    if (symbol === undefined) throw new Error('SazBot needs one market');
    const legs = [symbol];
    const timeoutMs = params.timeout_s * 1000;
    const pending = new PendingGuard();
    let lastEvalMs = Number.NEGATIVE_INFINITY;
    /** Time of the first entry fill of the open position; NaN when none. */
    let entryMs = Number.NaN;
    // Visitor state, shared by the two visitors built once below.
    let lo = 0;
    let hi = 0;
    let sum = 0;
    const visitBids = (ticks: number, size: number): boolean => {
      if (ticks < lo) return false;
      if (ticks <= hi) sum += size;
      return true;
    };
    const visitAsks = (ticks: number, size: number): boolean => {
      if (ticks > hi) return false;
      if (ticks >= lo) sum += size;
      return true;
    };

    // Running band sums (contracts) and the bands (ticks) of the best bid / ask they belong to.
    let sumsBid = Number.NaN;
    let sumsAsk = Number.NaN;
    let bidSum = 0;
    let askSum = 0;
    let bidLo = 0;
    let bidHi = 0;
    let askLo = 0;
    let askHi = 0;

    /** Brings the band sums up to date with this event's book; false when a side is empty. */
    function updateSums(view: BookView): boolean {
      const book = view.book;
      const bid = book.bestBid();
      const ask = book.bestAsk();
      if (bid === null || ask === null) {
        sumsBid = Number.NaN;
        return false;
      }
      const d = view.changeSize - view.changePrevSize;
      if (bid === sumsBid && ask === sumsAsk && view.changeSide !== 0 && Number.isInteger(d)) {
        const t = view.changeTicks;
        if (view.changeSide === 1) {
          if (t >= bidLo && t <= bidHi) bidSum += d;
        } else if (t >= askLo && t <= askHi) askSum += d;
        return true;
      }
      const mid = (bid + ask) / 2;
      bidLo = lo = mid * (1 - params.band_max);
      bidHi = hi = mid * (1 - params.band_min);
      sum = 0;
      book.forEachLevel('bid', visitBids);
      bidSum = sum;
      askLo = lo = mid * (1 + params.band_min);
      askHi = hi = mid * (1 + params.band_max);
      sum = 0;
      book.forEachLevel('ask', visitAsks);
      askSum = sum;
      // Running updates only from integer sums (exact in doubles); otherwise walk every time.
      const exact = Number.isInteger(bidSum) && Number.isInteger(askSum);
      sumsBid = exact ? bid : Number.NaN;
      sumsAsk = ask;
      return true;
    }

    function exit(ctx: StrategyContext): Intents {
      entryMs = Number.NaN;
      return closeLegs(ctx, legs, pending);
    }

    return {
      onBook(view, ctx) {
        if (view.symbol !== symbol) return undefined;
        // Every event of our book moves the sums, also those that are not evaluated.
        const sided = updateSums(view);
        if (params.eval_interval_ms > 0 && view.timeMs - lastEvalMs < params.eval_interval_ms) return undefined;
        lastEvalMs = view.timeMs;
        if (pending.active(ctx.nowMs)) return undefined;
        const pos = ctx.position(symbol);
        if (pos !== 0 && ctx.nowMs - entryMs >= timeoutMs) return exit(ctx);
        if (!sided) return undefined;
        if (bidSum === 0 && askSum === 0) return undefined;
        // ratio = bidSum / askSum, compared multiplied out: exact at the thresholds, no division by 0.
        if (pos === 0) {
          const r = params.entry_ratio;
          const side = bidSum >= r * askSum ? 'buy' : askSum >= r * bidSum ? 'sell' : null;
          if (side === null) return undefined;
          pending.arm(params.trade_size, ctx.nowMs);
          return [market(symbol, side, params.trade_size, 'entry')];
        }
        if ((pos > 0 && bidSum <= askSum) || (pos < 0 && bidSum >= askSum)) return exit(ctx);
        return undefined;
      },
      onReject(intent) {
        pending.onReject(intent);
      },
      onFill(fill) {
        pending.onFill(fill);
        if (fill.tag !== 'entry' || !Number.isNaN(entryMs)) return undefined;
        entryMs = fill.timeMs;
        return [{ kind: 'timer', atMs: entryMs + timeoutMs, tag: TIMEOUT_TAG }];
      },
      onTimer(tag, ctx) {
        // Timers cannot be cancelled: a stale one (from an earlier position) fails the age check.
        if (tag !== TIMEOUT_TAG || pending.active(ctx.nowMs) || ctx.position(symbol) === 0) return undefined;
        return ctx.nowMs - entryMs >= timeoutMs ? exit(ctx) : undefined;
      },
    };
  },
};
