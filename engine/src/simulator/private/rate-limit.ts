/**
 * BitMEX's REST rate limit: a token bucket per API key (notes §2.5). A full bucket holds `limit`
 * requests and refills at `limit` per minute; every request takes one token, a refused one none.
 */

/** BitMEX's authenticated limit, requests per minute. */
export const DEFAULT_REQUESTS_PER_MINUTE = 120;

/** The outcome of one request against its bucket, with what the `x-ratelimit-*` headers say. */
export interface RateDecision {
  allowed: boolean;
  /** Bucket size (`x-ratelimit-limit`). */
  limit: number;
  /** Whole requests left after this one (`x-ratelimit-remaining`). */
  remaining: number;
  /** When the bucket will be full again, unix seconds (`x-ratelimit-reset`). */
  resetSec: number;
  /** Refused only: whole seconds until one token is back (`Retry-After`). */
  retryAfterSec: number;
}

interface Bucket {
  tokens: number;
  /** Wall time of the last refill, unix ms. */
  atMs: number;
}

/** One token bucket per key; runs on the wall clock (rate limits are about real requests). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Tokens per wall-clock ms. */
  private readonly ratePerMs: number;

  constructor(
    private readonly limit: number = DEFAULT_REQUESTS_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit >= 1)) throw new RangeError(`rate limit must be at least 1 request per minute, got ${limit}`);
    this.ratePerMs = limit / 60_000;
  }

  /** Takes a token for `key` if there is one. */
  take(key: string): RateDecision {
    const nowMs = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, atMs: nowMs };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (nowMs - bucket.atMs) * this.ratePerMs);
    bucket.atMs = nowMs;
    this.buckets.set(key, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const resetSec = Math.ceil((nowMs + (this.limit - bucket.tokens) / this.ratePerMs) / 1000);
    const retryAfterSec = allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000));
    return { allowed, limit: this.limit, remaining: Math.floor(bucket.tokens), resetSec, retryAfterSec };
  }
}
