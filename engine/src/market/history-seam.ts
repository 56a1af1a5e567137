import type { CandleBuilder, TickCandle } from './candles.js';
import { bucketStart, type Period } from './periods.js';

/** What joining history to a running market changed: candles to publish again. */
export interface SeamUpdate {
  period: Period;
  /** The builder's forming candle after the join. */
  forming: TickCandle;
  /** The first live bucket, completed with history, when it has already closed. */
  closed: TickCandle | null;
}

/**
 * Joins archived history to one market's live candles without a gap or a double count. Live
 * trades start at `firstLiveMs`; history is read strictly before it (see history-seed.ts), so the
 * two never share a trade. The bucket holding `firstLiveMs` gets the history's part prepended:
 * open and volume from before, close from live, high/low over both. History may arrive before the
 * first live trade (a restart on an existing archive) or later (history generated in the
 * background), even after that first bucket closed: its candle is then re-published, corrected.
 */
export class HistorySeam {
  /** Time of the first live trade, unix ms; null before it. */
  firstLiveMs: number | null = null;
  /** The live candle of the bucket holding `firstLiveMs`, per period (frozen once it closes). */
  private readonly firstBuckets = new Map<Period, TickCandle>();
  private joined = false;

  /** Follows the live candles: call with every builder update. */
  onLive(period: Period, timeMs: number, forming: TickCandle): void {
    this.firstLiveMs ??= timeMs;
    if (forming.time === bucketStart(Math.floor(this.firstLiveMs / 1000), period)) {
      this.firstBuckets.set(period, { ...forming });
    }
  }

  /**
   * Joins history once: `history` holds, per period, the candle of the archive's trades in the
   * bucket of {@link firstLiveMs} (or of now, before any live trade), strictly before it.
   * Returns the candles to publish; empty when history was already joined or is empty.
   */
  join(history: ReadonlyMap<Period, TickCandle>, builders: readonly CandleBuilder[]): SeamUpdate[] {
    if (this.joined || history.size === 0) return [];
    this.joined = true;
    const out: SeamUpdate[] = [];
    for (const builder of builders) {
      const past = history.get(builder.period);
      if (!past) continue;
      const current = builder.current();
      if (this.firstLiveMs === null || !current) {
        builder.seed(past);
        out.push({ period: builder.period, forming: past, closed: null });
        continue;
      }
      const live = this.firstBuckets.get(builder.period);
      if (!live || live.time !== past.time) continue;
      const merge = (l: TickCandle): TickCandle => ({
        time: l.time,
        open: past.open,
        high: Math.max(past.high, l.high),
        low: Math.min(past.low, l.low),
        close: l.close,
        volume: past.volume + l.volume,
      });
      if (current.time === past.time) {
        const forming = merge(current);
        builder.seed(forming);
        out.push({ period: builder.period, forming, closed: null });
      } else {
        out.push({ period: builder.period, forming: current, closed: merge(live) });
      }
    }
    return out;
  }
}
