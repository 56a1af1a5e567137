import type { TickCandle } from '../market/candles.js';
import type { Instrument } from '../market/instruments.js';
import { bucketStart, PERIODS, type Period } from '../market/periods.js';
import { fromTicks, toTicks } from '../market/price-ticks.js';
import type { ArchiveStore } from './store.js';
import { readTrades } from './trade-archive.js';

/** What the live pipeline continues from: forming candles and the ids of the latest archived trades. */
export interface HistorySeed {
  /** The archive's part of each period's current bucket, in the instrument's ticks. */
  forming: Map<Period, TickCandle>;
  /** Ids of the archived trades of the last `recentMs`, so a re-sent print is not counted again. */
  recentIds: string[];
}

/**
 * Reads the archive from the start of the week holding `untilMs` (the longest bucket) to just
 * before `untilMs`, in one pass, and folds each trade into every period whose bucket of `untilMs`
 * it falls in. A live feed that starts mid-bucket then publishes whole candles (history + live),
 * so the chart has no seam; `untilMs` = the first live trade keeps the two apart.
 */
export async function seedFromArchive(
  store: ArchiveStore,
  exchange: string,
  instrument: Instrument,
  untilMs: number,
  recentMs = 10 * 60_000,
): Promise<HistorySeed> {
  const nowSec = Math.floor(untilMs / 1000);
  const starts = new Map(PERIODS.map((p) => [p, bucketStart(nowSec, p)]));
  const fromMs = Math.min(...starts.values()) * 1000;
  const forming = new Map<Period, TickCandle>();
  const recentIds: string[] = [];
  for await (const batch of readTrades(store, exchange, instrument.symbol, fromMs, untilMs + 1)) {
    for (let i = 0; i < batch.timeNs.length; i++) {
      const timeMs = Number((batch.timeNs[i] ?? 0n) / 1_000_000n);
      if (timeMs < fromMs || timeMs >= untilMs) continue;
      const ticks = toTicks(fromTicks(batch.priceTicks[i] ?? 0, batch.tickSize), instrument.tickSize);
      if (ticks === null) continue;
      const size = batch.size[i] ?? 0;
      for (const [period, start] of starts) {
        if (timeMs < start * 1000) continue;
        const c = forming.get(period);
        if (!c) forming.set(period, { time: start, open: ticks, high: ticks, low: ticks, close: ticks, volume: size });
        else {
          c.high = Math.max(c.high, ticks);
          c.low = Math.min(c.low, ticks);
          c.close = ticks;
          c.volume += size;
        }
      }
      if (timeMs >= untilMs - recentMs) recentIds.push(batch.ids.at(i) ?? '');
    }
  }
  return { forming, recentIds };
}
