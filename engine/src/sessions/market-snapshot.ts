import type { Redis } from 'ioredis';
import { z } from 'zod';
import { MdKey } from '../contracts/topics.js';

const LastTrade = z.object({ price: z.number().positive() });
const LastTicker = z.object({ fundingRate: z.number().nullable().optional() });

const parse = <T>(schema: z.ZodType<T>, text: string | null): T | null => {
  if (text === null) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
};

/** Each market's latest trade price (quote currency) from its recent-trades list; markets without one are left out. */
export async function latestPrices(redis: Redis, symbols: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const texts = await Promise.all(symbols.map((s) => redis.lindex(MdKey.trades(s), 0)));
  symbols.forEach((s, i) => {
    const t = parse(LastTrade, texts[i] ?? null);
    if (t) out[s] = t.price;
  });
  return out;
}

/** Each market's current funding rate per 8 h from its latest ticker; markets without one are left out. */
export async function fundingRates(redis: Redis, symbols: readonly string[]): Promise<Map<string, number>> {
  const texts = symbols.length > 0 ? await redis.mget(...symbols.map((s) => MdKey.ticker(s))) : [];
  const out = new Map<string, number>();
  symbols.forEach((s, i) => {
    const rate = parse(LastTicker, texts[i] ?? null)?.fundingRate;
    if (typeof rate === 'number' && Number.isFinite(rate)) out.set(s, rate);
  });
  return out;
}
