import { z } from 'zod';

/** A backtest as the CLI and the `backtest` queue describe it; validated before any work. */
export const BacktestRequest = z
  .object({
    strategy: z.string().min(1),
    /** One market, or two legs in order. */
    markets: z.array(z.string().min(1)).min(1).max(2),
    /** Unix ms UTC, [fromMs, toMs). */
    fromMs: z.number().int(),
    toMs: z.number().int(),
    /** Strategy parameters (validated by the strategy's own schema). */
    params: z.record(z.string(), z.unknown()).default({}),
    /** Starting balance in the session currency (the first leg's settlement currency). Default 1 XBT / 100,000 USDT. */
    initialBalance: z.number().positive().optional(),
    /** Order latency, ms. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Fee rates (fractions of contract value; negative maker = rebate); default from the instrument. */
    makerFee: z.number().min(-0.01).max(0.01).optional(),
    takerFee: z.number().min(-0.01).max(0.01).optional(),
    /** Funding rate per 8 h (archives carry no funding history). */
    fundingRate: z.number().min(-0.01).max(0.01).default(0.0001),
    exchange: z.string().default('bitmex'),
  })
  .refine((r) => r.toMs > r.fromMs, { message: 'to must be after from' });
export type BacktestRequest = z.input<typeof BacktestRequest>;
