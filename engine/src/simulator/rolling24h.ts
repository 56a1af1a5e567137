/** One minute of trading. Prices in integer ticks; volume in contracts; turnover in settle minor units. */
export interface MinuteBucket {
  /** Start of the minute, unix ms. */
  readonly startMs: number;
  readonly open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
  /** Underlying units (BitMEX homeNotional). */
  home: number;
  /** Quote currency (BitMEX foreignNotional). */
  foreign: number;
}

/** One minute, ms. */
export const MINUTE_MS = 60_000;
/** One day, ms. */
export const DAY_MS = 86_400_000;

/**
 * Rolling 24 h statistics from one-minute buckets: high, low, the price 24 h ago, volume, turnover
 * and notionals, plus the volume since 00:00 UTC. A minute stays in the window until it ended
 * 24 h ago, so `high` is never below any price recorded in the last 24 h.
 */
export class Rolling24h {
  private readonly buckets: MinuteBucket[];
  /** Aggregates over every bucket but the newest (recomputed when the set of buckets changes). */
  private closed = { high: -Infinity, low: Infinity, volume: 0, turnover: 0, home: 0, foreign: 0 };
  private dayStartMs: number;
  private dayVolume: number;

  /**
   * @param history minute buckets oldest first (synthetic history is fine); at least one
   * @param nowMs the current simulated time, unix ms
   */
  constructor(history: readonly MinuteBucket[], nowMs: number) {
    if (history.length === 0) throw new RangeError('Rolling24h needs at least one bucket');
    this.buckets = history.map((b) => ({ ...b }));
    this.dayStartMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    this.dayVolume = this.buckets.reduce((sum, b) => (b.startMs >= this.dayStartMs ? sum + b.volume : sum), 0);
    this.recompute();
  }

  /** Records a print (or, with zero size, an index sample). */
  record(timeMs: number, ticks: number, size: number, turnover: number, home: number, foreign: number): void {
    const startMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
    let last = this.newest();
    if (startMs > last.startMs) {
      last = {
        startMs,
        open: ticks,
        high: ticks,
        low: ticks,
        close: ticks,
        volume: 0,
        turnover: 0,
        home: 0,
        foreign: 0,
      };
      this.buckets.push(last);
      this.recompute();
    }
    last.high = Math.max(last.high, ticks);
    last.low = Math.min(last.low, ticks);
    last.close = ticks;
    last.volume += size;
    last.turnover += turnover;
    last.home += home;
    last.foreign += foreign;
    const day = Math.floor(timeMs / DAY_MS) * DAY_MS;
    if (day > this.dayStartMs) {
      this.dayStartMs = day;
      this.dayVolume = 0;
    }
    this.dayVolume += size;
  }

  /** Drops the minutes that ended 24 h or more before `nowMs` (always keeps the newest). */
  roll(nowMs: number): void {
    let dropped = 0;
    while (this.buckets.length - dropped > 1 && (this.buckets[dropped]?.startMs ?? 0) + MINUTE_MS <= nowMs - DAY_MS) {
      dropped++;
    }
    if (dropped === 0) return;
    this.buckets.splice(0, dropped);
    this.recompute();
  }

  /** Highest price in the window, ticks. */
  get high(): number {
    return Math.max(this.closed.high, this.newest().high);
  }

  /** Lowest price in the window, ticks. */
  get low(): number {
    return Math.min(this.closed.low, this.newest().low);
  }

  /** The first price of the window (BitMEX prevPrice24h), ticks. */
  get open(): number {
    return this.oldest().open;
  }

  /** Contracts traded in the window. */
  get volume(): number {
    return this.closed.volume + this.newest().volume;
  }

  /** Settle-currency minor units traded in the window. */
  get turnover(): number {
    return this.closed.turnover + this.newest().turnover;
  }

  /** Underlying units traded in the window (homeNotional24h). */
  get home(): number {
    return this.closed.home + this.newest().home;
  }

  /** Quote currency traded in the window (foreignNotional24h). */
  get foreign(): number {
    return this.closed.foreign + this.newest().foreign;
  }

  /** Contracts traded since 00:00 UTC of `nowMs`'s day (BitMEX `volume`). */
  volumeToday(nowMs: number): number {
    return Math.floor(nowMs / DAY_MS) * DAY_MS === this.dayStartMs ? this.dayVolume : 0;
  }

  private newest(): MinuteBucket {
    return this.buckets[this.buckets.length - 1] as MinuteBucket;
  }

  private oldest(): MinuteBucket {
    return this.buckets[0] as MinuteBucket;
  }

  private recompute(): void {
    const c = { high: -Infinity, low: Infinity, volume: 0, turnover: 0, home: 0, foreign: 0 };
    for (let i = 0; i < this.buckets.length - 1; i++) {
      const b = this.buckets[i] as MinuteBucket;
      c.high = Math.max(c.high, b.high);
      c.low = Math.min(c.low, b.low);
      c.volume += b.volume;
      c.turnover += b.turnover;
      c.home += b.home;
      c.foreign += b.foreign;
    }
    this.closed = c;
  }
}
