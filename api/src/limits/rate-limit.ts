import type { Logger } from '@hm/engine/log';
import type { Redis } from 'ioredis';

/** INCR the window's counter; the first hit starts the window (PEXPIRE). Returns [count, ms left]. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/** One hit on a subject's counter: how many in the current window, and when the window ends. */
export interface RateHit {
  count: number;
  resetInMs: number;
}

/**
 * Fixed-window counters in Redis, shared by every API process: a subject's window starts with its
 * first operation and lasts `windowMs`; each operation adds one (one atomic script call). When
 * Redis does not answer the operation is let through (the API keeps serving; a warning is logged
 * at most once a minute).
 */
export class RateLimiter {
  private lastWarnMs = 0;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly prefix = 'hm:ratelimit',
    readonly windowMs = 60_000,
  ) {}

  /** Counts one operation of `subject` (e.g. `key:<id>`, `ip:<address>`); null when Redis is unavailable. */
  async hit(subject: string): Promise<RateHit | null> {
    try {
      const reply = await this.redis.eval(HIT, 1, `${this.prefix}:${subject}`, this.windowMs);
      if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
        throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
      }
      return { count: reply[0], resetInMs: reply[1] };
    } catch (err) {
      if (Date.now() - this.lastWarnMs > 60_000) {
        this.lastWarnMs = Date.now();
        this.log.warn('rate limit not checked: redis unavailable', { error: err });
      }
      return null;
    }
  }
}
