import { bucketStart, PERIOD_SECONDS, type Period } from '../market/periods.js';

/**
 * One market's candles of one period, built trade by trade without allocating: the kernel's
 * hot-path twin of market/candles.ts (same buckets, Monday weeks). Prices in integer ticks.
 */
export class CandleSeries {
  /** Forming bucket start, unix s; NaN before the first trade. */
  time = Number.NaN;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  /** The candle the last {@link add} closed (valid when it returned true). */
  readonly closed = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  private nextMs = Number.NEGATIVE_INFINITY;
  private readonly lenMs: number;

  constructor(
    readonly leg: number,
    readonly period: Period,
  ) {
    this.lenMs = PERIOD_SECONDS[period] * 1000;
  }

  /** End of the forming bucket, unix ms (−∞ before the first trade): a trade before it only folds in. */
  get endMs(): number {
    return this.nextMs;
  }

  /** Folds in a trade known to fall inside the forming bucket (at or after its start, before {@link endMs}). */
  fold(ticks: number, size: number): void {
    if (ticks > this.high) this.high = ticks;
    if (ticks < this.low) this.low = ticks;
    this.close = ticks;
    this.volume += size;
  }

  /** Folds a trade in; true when it opened a new bucket after an earlier one (see {@link closed}). */
  add(timeMs: number, ticks: number, size: number): boolean {
    if (timeMs < this.nextMs) {
      if (timeMs < this.time * 1000) return false; // a late print never reopens a bar
      if (ticks > this.high) this.high = ticks;
      if (ticks < this.low) this.low = ticks;
      this.close = ticks;
      this.volume += size;
      return false;
    }
    const hadOne = !Number.isNaN(this.time);
    if (hadOne) {
      const c = this.closed;
      c.time = this.time;
      c.open = this.open;
      c.high = this.high;
      c.low = this.low;
      c.close = this.close;
      c.volume = this.volume;
    }
    this.time = bucketStart(Math.floor(timeMs / 1000), this.period);
    this.nextMs = this.time * 1000 + this.lenMs;
    this.open = ticks;
    this.high = ticks;
    this.low = ticks;
    this.close = ticks;
    this.volume = size;
    return hadOne;
  }
}
