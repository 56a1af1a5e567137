import {
  type BookEvent,
  type CandleEvent,
  MdKey,
  type Period,
  type TickerEvent,
  type TradeEvent,
} from '@hm/engine/contracts';
import type { Redis } from 'ioredis';

/**
 * Reads the market-data snapshots the engine keeps in Redis (engine/src/adapters/redis-publisher.ts
 * writes them). The one place the API knows those keys' layout.
 */
export class MarketStore {
  constructor(private readonly redis: Redis) {}

  async ticker(market: string): Promise<TickerEvent | null> {
    return parse<TickerEvent>(await this.redis.get(MdKey.ticker(market)));
  }

  async book(market: string): Promise<BookEvent | null> {
    return parse<BookEvent>(await this.redis.get(MdKey.book(market)));
  }

  /** Newest first, at most `limit`. */
  async recentTrades(market: string, limit: number): Promise<TradeEvent[]> {
    const rows = await this.redis.lrange(MdKey.trades(market), 0, limit - 1);
    return rows.map((r) => JSON.parse(r) as TradeEvent);
  }

  async formingCandle(market: string, period: Period): Promise<CandleEvent | null> {
    return parse<CandleEvent>(await this.redis.get(MdKey.lastCandle(market, period)));
  }

  /**
   * Start (unix s) of the earliest candle Redis holds for the market and period, closed or forming:
   * where the live history begins (older buckets come from the archive). Null when there is none.
   */
  async firstCandleTime(market: string, period: Period): Promise<number | null> {
    const [first, forming] = await Promise.all([
      this.redis.zrange(MdKey.candles(market, period), 0, 0, 'WITHSCORES'),
      this.formingCandle(market, period),
    ]);
    const times = [first[1] === undefined ? null : Number(first[1]), forming?.time ?? null].filter(
      (t): t is number => t !== null && Number.isFinite(t),
    );
    return times.length ? Math.min(...times) : null;
  }

  /** Closed candles with `from ≤ time ≤ to` (unix s), the newest `limit`, ascending by time. */
  async closedCandles(market: string, period: Period, from: number, to: number, limit: number): Promise<CandleEvent[]> {
    const max = Number.isFinite(to) ? to : '+inf';
    const rows = await this.redis.zrevrangebyscore(MdKey.candles(market, period), max, from, 'LIMIT', 0, limit);
    return rows.map((r) => JSON.parse(r) as CandleEvent).reverse();
  }
}

function parse<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
