import { z } from 'zod';
import { PERIODS } from '../../market/periods.js';
import type { Fill, Intents, Mode, OrderIntent, StrategyContext } from '../sdk.js';

/**
 * Pieces shared by the built-in strategies: the common zod params, the period enum, the
 * pending-order guard and the close-a-position intent.
 */

/** Every mode: the built-in strategies run the same way everywhere. */
export const ALL_MODES: readonly Mode[] = ['backtest', 'test', 'live', 'market'];

/**
 * Zod shape of the SDK's `CommonParams`; spread it into each strategy's `z.strictObject` (strict, so
 * a misspelt parameter is an error rather than silently ignored).
 */
export const commonParams = {
  trade_size: z.number().int().positive().default(100).describe('Size of each order (contracts)'),
  leverage: z.number().min(1).max(100).default(1).describe('Leverage used for margin, 1 = fully margined (x)'),
};

/** A candle period (`M1` … `W1`). */
export const periodParam = z.enum(PERIODS);

/**
 * If an order was sent but no fill came back after this long (simulated ms), the guard lets the
 * strategy act again: the SDK has no reject/cancel callback, so a rejected order would otherwise
 * block the strategy forever.
 */
export const PENDING_TIMEOUT_MS = 60_000;

/**
 * Guards against duplicate orders while latency delays fills: `arm` when intents go out with the
 * total quantity sent, `onFill` counts fills down; `active` is true until everything filled (or
 * {@link PENDING_TIMEOUT_MS} passed). Liquidation fills are not the strategy's orders and are ignored.
 */
export class PendingGuard {
  private remaining = 0;
  private sinceMs = 0;

  /** Marks `qty` contracts (all legs summed) as sent at `nowMs`. */
  arm(qty: number, nowMs: number): void {
    this.remaining = qty;
    this.sinceMs = nowMs;
  }

  /** Counts a fill down. */
  onFill(fill: Fill): void {
    if (fill.liquidation === true || this.remaining <= 0) return;
    this.remaining -= fill.qty;
  }

  /** The venue refused an order: its quantity will never fill. */
  onReject(intent: OrderIntent): void {
    if ((intent.kind === 'market' || intent.kind === 'limit') && this.remaining > 0) this.remaining -= intent.qty;
  }

  /** Whether orders are still in flight at `nowMs`. */
  active(nowMs: number): boolean {
    if (this.remaining <= 0) return false;
    if (nowMs - this.sinceMs < PENDING_TIMEOUT_MS) return true;
    this.remaining = 0;
    return false;
  }
}

/** A market order of `qty` contracts. */
export function market(symbol: string, side: 'buy' | 'sell', qty: number, tag: string): OrderIntent {
  return { kind: 'market', symbol, side, qty, tag };
}

/**
 * Reduce-only market orders flattening every leg of `legs` that is open, arming `pending` with
 * their total quantity; undefined when all legs are flat.
 */
export function closeLegs(ctx: StrategyContext, legs: readonly string[], pending: PendingGuard): Intents {
  let out: OrderIntent[] | undefined;
  let total = 0;
  for (const leg of legs) {
    const pos = ctx.position(leg);
    if (pos === 0) continue;
    out ??= [];
    out.push({
      kind: 'market',
      symbol: leg,
      side: pos > 0 ? 'sell' : 'buy',
      qty: Math.abs(pos),
      reduceOnly: true,
      tag: 'exit',
    });
    total += Math.abs(pos);
  }
  if (out !== undefined) pending.arm(total, ctx.nowMs);
  return out;
}

/** Population mean and standard deviation (divide by n) of `buf[0..n)`. */
export function meanStd(buf: Float64Array, n: number): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += buf[i] ?? 0;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = (buf[i] ?? 0) - mean;
    sq += d * d;
  }
  return { mean, std: Math.sqrt(sq / n) };
}
