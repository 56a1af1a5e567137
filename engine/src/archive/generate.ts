import { z } from 'zod';
import { getInstrument, type Instrument } from '../market/instruments.js';
import { MarketModel } from '../simulator/model.js';
import { writeBookHour } from './book-archive.js';
import { Compression, HOUR_MS } from './layout.js';
import { simulatePaths } from './price-paths.js';
import type { ArchiveStore } from './store.js';
import { synthesizeHours } from './synthesis.js';
import { writeTradeHour } from './trade-archive.js';

/** What to synthesize: validated at every boundary (CLI flags, `archive` job payloads). */
export const GenerateRequest = z
  .object({
    markets: z.array(z.string().min(1)).min(1),
    /** Unix ms UTC. */
    fromMs: z.number().int(),
    toMs: z.number().int(),
    seed: z.number().int().default(1),
    /** Mean taker trades per minute at base volatility. */
    tradesPerMinute: z.number().positive().max(6_000).default(12),
    /** Levels per book side; 0 = no book. */
    bookDepth: z.number().int().min(0).max(500).default(25),
    /** Book snapshot interval, ms. */
    snapshotEveryMs: z.number().int().min(1_000).default(60_000),
    /** Book only from this time (unix ms); default: the whole range. */
    bookFromMs: z.number().int().optional(),
    bookCompression: Compression.default('gzip'),
    exchange: z.string().default('bitmex'),
  })
  .refine((r) => r.toMs > r.fromMs, { message: '--to must be after --from' })
  .refine((r) => r.toMs - r.fromMs <= 400 * 86_400_000, { message: 'at most 400 days at a time' });
export type GenerateRequest = z.input<typeof GenerateRequest>;

/** Totals of a generation run. */
export interface GenerateResult {
  hours: number;
  trades: number;
  bookRecords: number;
  bytes: number;
}

/**
 * Writes synthetic history (trades, and book when `bookDepth` > 0) for each market into the
 * archive, hour by hour, from the simulator's price process (see synthesis.ts). Hours already in
 * the archive are merged by trade id, so a rerun with the same seed changes nothing.
 */
export async function generateHistory(
  store: ArchiveStore,
  input: GenerateRequest,
  onHour?: (p: { market: string; hoursDone: number; hoursTotal: number; trades: number }) => void,
): Promise<GenerateResult> {
  const req = GenerateRequest.parse(input);
  const instruments = req.markets.map(getInstrument);
  const paths = simulatePaths(req.seed, req.fromMs, req.toMs, [...new Set(instruments.map((i) => i.underlying))]);
  const volume = calibrateVolume(instruments, req.seed, req.toMs);
  const hoursPerMarket = Math.ceil(req.toMs / HOUR_MS) - Math.floor(req.fromMs / HOUR_MS);
  const hoursTotal = hoursPerMarket * instruments.length;
  const result: GenerateResult = { hours: 0, trades: 0, bookRecords: 0, bytes: 0 };
  for (const instrument of instruments) {
    for (const hour of synthesizeHours({
      ...req,
      instrument,
      paths,
      volumePerMinute: volume.get(instrument.symbol),
    })) {
      if (hour.trades.timeNs.length > 0) {
        result.bytes += (await writeTradeHour(store, hour.trades, hour.hourMs)).bytes;
        result.trades += hour.trades.timeNs.length;
      }
      if (hour.book) {
        result.bytes += (await writeBookHour(store, hour.book, hour.hourMs, req.bookCompression)).bytes;
        result.bookRecords += hour.book.snapshotTimeNs.length + hour.book.deltaTimeNs.length;
      }
      result.hours += 1;
      onHour?.({ market: instrument.symbol, hoursDone: result.hours, hoursTotal, trades: result.trades });
    }
  }
  return result;
}

/** Simulated minutes {@link calibrateVolume} runs the live model for. */
const CALIBRATION_MINUTES = 10;

/**
 * Mean contracts per minute each market trades in the live simulator (its model run for
 * {@link CALIBRATION_MINUTES} simulated minutes), so history and the live tail look alike on a
 * volume chart.
 */
export function calibrateVolume(instruments: readonly Instrument[], seed: number, atMs: number): Map<string, number> {
  const model = new MarketModel({ seed, startMs: atMs, instruments });
  const volume = new Map(instruments.map((i) => [i.symbol, 0]));
  for (const t of model.step(CALIBRATION_MINUTES * 60_000)) volume.set(t.symbol, (volume.get(t.symbol) ?? 0) + t.size);
  return new Map([...volume].map(([s, v]) => [s, v / CALIBRATION_MINUTES]));
}
