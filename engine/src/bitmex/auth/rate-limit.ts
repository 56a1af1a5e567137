/**
 * BitMEX's REST rate limit as the response headers report it (notes §2.5): a token bucket with
 * `x-ratelimit-remaining` requests left until `x-ratelimit-reset` (unix s). When the bucket is
 * empty the next request waits for the reset instead of earning a 429 (repeated 429s get the IP
 * banned for an hour).
 */
export class RateLimitGate {
  private remaining: number | null = null;
  /** Unix seconds at which the bucket refills. */
  private resetAtSec: number | null = null;

  constructor(
    private readonly nowMs: () => number,
    private readonly delayMs: (ms: number) => Promise<void>,
  ) {}

  /** Records the limit headers of a response (any status: a 4xx or 503 still costs a token). */
  observe(headers: Headers): void {
    const remaining = intHeader(headers, 'x-ratelimit-remaining');
    const reset = intHeader(headers, 'x-ratelimit-reset');
    if (remaining !== null) this.remaining = remaining;
    if (reset !== null) this.resetAtSec = reset;
  }

  /** Forgets the bucket state, e.g. after waiting out a 429's Retry-After, which supersedes it. */
  clear(): void {
    this.remaining = null;
    this.resetAtSec = null;
  }

  /** Resolves when a request may be sent: at once, or after the reset when the bucket is empty. */
  async wait(): Promise<number> {
    if (this.remaining !== 0 || this.resetAtSec === null) return 0;
    const waitMs = this.resetAtSec * 1000 - this.nowMs();
    this.clear();
    if (waitMs <= 0) return 0;
    await this.delayMs(waitMs);
    return waitMs;
  }
}

/**
 * Seconds a 429 asks us to wait: `Retry-After` (seconds, or an HTTP date), else until
 * `x-ratelimit-reset`, else 1 s. Never below 0.
 */
export function retryAfterSec(headers: Headers, nowMs: number): number {
  const raw = headers.get('retry-after');
  if (raw !== null && raw.trim() !== '') {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return Math.max(0, seconds);
    const at = Date.parse(raw);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  const reset = intHeader(headers, 'x-ratelimit-reset');
  if (reset !== null) return Math.max(0, Math.ceil(reset - nowMs / 1000));
  return 1;
}

function intHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null) return null;
  const value = Number(raw);
  return Number.isInteger(value) ? value : null;
}
