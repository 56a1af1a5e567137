import type { Redis } from 'ioredis';
import { RedisPublisher } from '../../src/adapters/redis-publisher.js';
import type { TradeEvent } from '../../src/contracts/topics.js';

/**
 * A stand-in for the market-data job in session tests: publishes a trade of `symbol` every
 * `everyMs` (stream, recent-trades list and channel, as the real publisher does), the price
 * stepping around `basePrice` by whole dollars. Stop it with `stop()`.
 */
export function liveMarket(redis: Redis, symbol: string, basePrice: number, everyMs = 100) {
  const publisher = new RedisPublisher(redis);
  let seq = 0;
  const publish = () => {
    seq += 1;
    const event: TradeEvent = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      market: symbol,
      seq,
      timeMs: Date.now(),
      price: basePrice + (seq % 7) - 3,
      size: 100,
      side: seq % 2 ? 'BUY' : 'SELL',
      tickDirection: null,
    };
    publisher.trade(event);
  };
  publish();
  const timer = setInterval(publish, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await publisher.close();
    },
  };
}
