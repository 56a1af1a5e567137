import { CandleBuilder, type TickCandle } from '../market/candles.js';
import { PERIOD_SECONDS, type Period } from '../market/periods.js';
import { fromTicks, toTicks } from '../market/price-ticks.js';
import { FINEST_TICK } from './bitmex-csv.js';
import type { ArchiveStore } from './store.js';
import { readTrades } from './trade-archive.js';

/** A candle built from archived trades. */
export interface ArchiveCandle {
  /** Bucket start, unix seconds UTC (weeks start Monday). */
  time: number;
  /** Prices in the quote currency. */
  open: number;
  high: number;
  low: number;
  close: number;
  /** Contracts traded in the bucket. */
  volume: number;
}

export interface ArchiveCandleQuery {
  exchange: string;
  symbol: string;
  period: Period;
  /** Earliest bucket start, unix ms (inclusive). */
  fromMs: number;
  /** Latest bucket start, unix ms (exclusive). */
  toMs: number;
}

/**
 * Candles from the archive alone: every bucket with trades whose start lies in [fromMs, toMs),
 * ascending. Reads the segments overlapping [fromMs, toMs + one period) (a bucket starting before
 * `toMs` holds trades up to one period later). Throws the reader's `CorruptSegmentError` (naming
 * the segment) when a segment fails its checksum or cannot be decoded.
 */
export async function archiveCandles(store: ArchiveStore, q: ArchiveCandleQuery): Promise<ArchiveCandle[]> {
  const { fromMs, toMs, period } = q;
  const builder = new CandleBuilder(period);
  const out: ArchiveCandle[] = [];
  // Segments may use different ticks (an hour with an off-grid price falls back to 1e-8); candles
  // are built in the finest tick so every segment converts exactly.
  const tick = FINEST_TICK;
  const emit = (c: TickCandle | null) => {
    if (c && c.time * 1000 >= fromMs && c.time * 1000 < toMs) {
      const px = (t: number) => fromTicks(t, tick);
      out.push({
        time: c.time,
        open: px(c.open),
        high: px(c.high),
        low: px(c.low),
        close: px(c.close),
        volume: c.volume,
      });
    }
  };
  for await (const batch of readTrades(store, q.exchange, q.symbol, fromMs, toMs + PERIOD_SECONDS[period] * 1000)) {
    for (let i = 0; i < batch.ids.length; i++) {
      const update = builder.apply({
        // Ids play no part in a candle: formatting one per trade would be wasted work.
        id: '',
        symbol: q.symbol,
        timeMs: Number((batch.timeNs[i] ?? 0n) / 1_000_000n),
        priceTicks: toTicks(fromTicks(batch.priceTicks[i] ?? 0, batch.tickSize), tick) ?? Number.NaN,
        size: batch.size[i] ?? 0,
        side: (batch.side[i] ?? 1) > 0 ? 'BUY' : 'SELL',
      });
      if (update?.closed) emit(update.closed);
    }
  }
  emit(builder.current());
  return out;
}
