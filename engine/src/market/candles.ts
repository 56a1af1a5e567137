import { bucketStart, type Period } from './periods.js';
import type { Trade } from './trade.js';

/** An OHLCV bar in integer ticks; `time` is the bucket start in unix seconds (UTC). */
export interface TickCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Contracts traded in the bucket. */
  volume: number;
}

/** What one trade did to a period's candles. */
export interface CandleUpdate {
  /** The forming candle after the trade. */
  forming: TickCandle;
  /** The previous candle, final now that a trade opened a later bucket. */
  closed: TickCandle | null;
}

/**
 * Builds candles of one period from a time-ordered, de-duplicated trade stream. `apply` returns the
 * forming candle after the trade (so every trade's effect can be published at once) and the candle
 * it just closed, if any.
 */
export class CandleBuilder {
  private forming: TickCandle | null = null;

  constructor(readonly period: Period) {}

  /** The candle being built, or null before the first trade. */
  current(): TickCandle | null {
    return this.forming ? { ...this.forming } : null;
  }

  /** Seeds the forming candle, e.g. from a snapshot, so later trades continue it. */
  seed(candle: TickCandle): void {
    this.forming = { ...candle };
  }

  /**
   * Folds one trade in. Returns null when the trade belongs to a bucket older than the forming one
   * (a late print must not reopen a closed bar).
   */
  apply(trade: Trade): CandleUpdate | null {
    const time = bucketStart(Math.floor(trade.timeMs / 1000), this.period);
    const c = this.forming;
    if (c === null || time > c.time) {
      const next: TickCandle = {
        time,
        open: trade.priceTicks,
        high: trade.priceTicks,
        low: trade.priceTicks,
        close: trade.priceTicks,
        volume: trade.size,
      };
      this.forming = next;
      return { forming: { ...next }, closed: c };
    }
    if (time === c.time) {
      if (trade.priceTicks > c.high) c.high = trade.priceTicks;
      if (trade.priceTicks < c.low) c.low = trade.priceTicks;
      c.close = trade.priceTicks;
      c.volume += trade.size;
      return { forming: { ...c }, closed: null };
    }
    return null;
  }
}
