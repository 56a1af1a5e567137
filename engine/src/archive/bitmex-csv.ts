import type { TradeColumns } from '@hm/schemas';
import { findInstrument } from '../market/instruments.js';
import { toTicks } from '../market/price-ticks.js';
import { csvLines, type ImportProgress } from './csv-lines.js';
import { HOUR_MS } from './layout.js';

export type { ImportProgress } from './csv-lines.js';

/** One parsed CSV trade. */
interface Row {
  timeNs: bigint;
  price: number;
  size: number;
  side: 1 | -1;
  id: string;
}

const TIME = /^(\d{4}-\d{2}-\d{2})D(\d{2}:\d{2}:\d{2})\.(\d{9})$/;
/** The finest price precision BitMEX prints (1 satoshi): every price is a whole number of these. */
export const FINEST_TICK = 1e-8;

/** `2024-01-15D00:00:00.451986388` (UTC) → unix nanoseconds. */
export function parseBitmexTime(text: string): bigint | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(ms) ? null : BigInt(ms) * 1_000_000n + BigInt(m[3] ?? '0');
}

/**
 * Streams a BitMEX public trade file (`.csv` or `.csv.gz`, all symbols) and hands over one batch per
 * symbol and UTC hour as soon as that hour is complete (files are time-ordered), so memory holds at
 * most one hour per symbol. Bad lines are counted, never guessed.
 */
export async function importBitmexTradesCsv(
  file: string,
  onHour: (batch: TradeColumns, hourMs: number) => Promise<void>,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportProgress> {
  const progress: ImportProgress = { rows: 0, skipped: 0, bytes: 0 };
  const open = new Map<string, { hourMs: number; rows: Row[] }>();
  let header: string[] | null = null;
  const flush = async (symbol: string) => {
    const h = open.get(symbol);
    open.delete(symbol);
    if (h && h.rows.length > 0) await onHour(toColumns(symbol, h.rows), h.hourMs);
  };
  for await (const line of csvLines(file, progress)) {
    if (header === null) {
      header = line.split(',');
      if (header[0] !== 'timestamp' || header[6] !== 'trdMatchID')
        throw new Error(`${file}: not a BitMEX trade file (header: ${line.slice(0, 80)})`);
      continue;
    }
    const f = line.split(',');
    const timeNs = parseBitmexTime(f[0] ?? '');
    const symbol = f[1] ?? '';
    const size = Number(f[3]);
    const price = Number(f[4]);
    const id = f[6] ?? '';
    if (timeNs === null || !symbol || !(size > 0) || !(price > 0) || (f[2] !== 'Buy' && f[2] !== 'Sell') || !id) {
      progress.skipped += 1;
      continue;
    }
    const hourMs = Math.floor(Number(timeNs / 1_000_000n) / HOUR_MS) * HOUR_MS;
    const current = open.get(symbol);
    if (current && current.hourMs !== hourMs) await flush(symbol);
    const bucket = open.get(symbol) ?? { hourMs, rows: [] };
    open.set(symbol, bucket);
    bucket.rows.push({ timeNs, price, size, side: f[2] === 'Buy' ? 1 : -1, id });
    progress.rows += 1;
    if (progress.rows % 50_000 === 0) onProgress?.(progress);
  }
  for (const symbol of [...open.keys()]) await flush(symbol);
  onProgress?.(progress);
  return progress;
}

/** Columns in integer ticks of {@link chooseTick}. */
/** The instrument's tick when every price is on it, else 1e-8 (exact for any BitMEX price). */
export function chooseTick(symbol: string, prices: number[]): number {
  const catalogueTick = findInstrument(symbol)?.tickSize;
  return catalogueTick !== undefined && prices.every((p) => toTicks(p, catalogueTick) !== null)
    ? catalogueTick
    : FINEST_TICK;
}

function toColumns(symbol: string, rows: Row[]): TradeColumns {
  rows.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  const tickSize = chooseTick(
    symbol,
    rows.map((r) => r.price),
  );
  return {
    exchange: 'bitmex',
    symbol,
    tickSize,
    timeNs: BigInt64Array.from(rows, (r) => r.timeNs),
    priceTicks: Float64Array.from(rows, (r) => toTicks(r.price, tickSize) ?? Number.NaN),
    size: Float64Array.from(rows, (r) => r.size),
    side: Int8Array.from(rows, (r) => r.side),
    ids: rows.map((r) => r.id),
  };
}
