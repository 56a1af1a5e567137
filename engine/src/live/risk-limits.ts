import { z } from 'zod';

/**
 * A session's risk limits (stored in `Session.risk`, checked by {@link RiskGuard} on every intent).
 * Money is in the session's settlement currency (XBT for XBTUSD/ETHUSD, USDT for XBTUSDT); sizes in contracts.
 * Every field is optional in storage: a missing one takes the currency's default.
 */
export const RiskLimitsInput = z
  .object({
    /** Largest |position| per market, contracts, counting orders still open on the same side. */
    maxPosition: z.number().int().positive().max(100_000_000),
    /** Largest value of one order at its price (market orders: the last trade price), settlement currency. */
    maxOrderNotional: z.number().positive(),
    /** New orders (not cancels) per rolling 60 s; more means a runaway strategy: the session halts. */
    maxOrdersPerMinute: z.number().int().positive().max(10_000),
    /**
     * Loss since 00:00 UTC (or the run's start, if later), equity including unrealised P&L,
     * settlement currency. Reaching it halts the session.
     */
    dailyLossLimit: z.number().positive(),
  })
  .partial()
  .strict();
export type RiskLimitsInput = z.infer<typeof RiskLimitsInput>;

/** Limits with every field set (units as in {@link RiskLimitsInput}). */
export interface RiskLimits {
  maxPosition: number;
  maxOrderNotional: number;
  maxOrdersPerMinute: number;
  dailyLossLimit: number;
}

/** Defaults per settlement currency (USDT amounts are ~10⁵ times XBT ones). */
export function defaultRiskLimits(currency: 'XBT' | 'USDT'): RiskLimits {
  return currency === 'USDT'
    ? { maxPosition: 1_000_000, maxOrderNotional: 100_000, maxOrdersPerMinute: 30, dailyLossLimit: 5_000 }
    : { maxPosition: 1_000, maxOrderNotional: 1, maxOrdersPerMinute: 30, dailyLossLimit: 0.05 };
}

/** `stored` (the session's JSON) over the currency's defaults; throws a ZodError naming the bad field. */
export function readRiskLimits(stored: unknown, currency: 'XBT' | 'USDT'): RiskLimits {
  const given = RiskLimitsInput.parse(stored ?? {});
  const limits = defaultRiskLimits(currency);
  for (const k of Object.keys(limits) as (keyof RiskLimits)[]) limits[k] = given[k] ?? limits[k];
  return limits;
}
