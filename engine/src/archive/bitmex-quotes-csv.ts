import type { BookColumns } from '@hm/schemas';
import { toTicks } from '../market/price-ticks.js';
import { chooseTick, parseBitmexTime } from './bitmex-csv.js';
import { csvLines, type ImportProgress } from './csv-lines.js';
import { HOUR_MS } from './layout.js';

/** One parsed quote: best bid and ask (either may be absent when that side was empty). */
interface Quote {
  timeNs: bigint;
  bid: { price: number; size: number } | null;
  ask: { price: number; size: number } | null;
}

const HEADER = 'timestamp,symbol,bidSize,bidPrice,askPrice,askSize';

/**
 * Streams a BitMEX public quote file (`.csv`/`.csv.gz`, header `timestamp,symbol,bidSize,bidPrice,
 * askPrice,askSize`, all symbols) into book batches of depth 1: each quote is a snapshot of the
 * touch. One batch per symbol and UTC hour, handed over as soon as the hour is complete. Bad lines
 * (bad time, negative size, crossed quote) are counted, never guessed.
 */
export async function importBitmexQuotesCsv(
  file: string,
  onHour: (batch: BookColumns, hourMs: number) => Promise<void>,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportProgress> {
  const progress: ImportProgress = { rows: 0, skipped: 0, bytes: 0 };
  const open = new Map<string, { hourMs: number; quotes: Quote[] }>();
  let header = false;
  const flush = async (symbol: string) => {
    const h = open.get(symbol);
    open.delete(symbol);
    if (h && h.quotes.length > 0) await onHour(toBook(symbol, h.quotes), h.hourMs);
  };
  for await (const line of csvLines(file, progress)) {
    if (!header) {
      if (!line.startsWith(HEADER)) throw new Error(`${file}: not a BitMEX quote file (header: ${line.slice(0, 80)})`);
      header = true;
      continue;
    }
    const f = line.split(',');
    const timeNs = parseBitmexTime(f[0] ?? '');
    const symbol = f[1] ?? '';
    const side = (size?: string, price?: string) =>
      size && price && Number(size) > 0 && Number(price) > 0 ? { price: Number(price), size: Number(size) } : null;
    const bid = side(f[2], f[3]);
    const ask = side(f[5], f[4]);
    const bad =
      timeNs === null ||
      !symbol ||
      (bid === null && ask === null) ||
      [f[2], f[3], f[4], f[5]].some((v) => v !== '' && !(Number(v) >= 0)) ||
      (bid !== null && ask !== null && bid.price >= ask.price);
    if (bad) {
      progress.skipped += 1;
      continue;
    }
    const hourMs = Math.floor(Number(timeNs / 1_000_000n) / HOUR_MS) * HOUR_MS;
    if (open.get(symbol)?.hourMs !== hourMs && open.has(symbol)) await flush(symbol);
    const bucket = open.get(symbol) ?? { hourMs, quotes: [] };
    open.set(symbol, bucket);
    bucket.quotes.push({ timeNs, bid, ask });
    progress.rows += 1;
    if (progress.rows % 50_000 === 0) onProgress?.(progress);
  }
  for (const symbol of [...open.keys()]) await flush(symbol);
  onProgress?.(progress);
  return progress;
}

function toBook(symbol: string, quotes: Quote[]): BookColumns {
  quotes.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  const prices = quotes.flatMap((q) => [q.bid?.price, q.ask?.price].filter((p): p is number => p !== undefined));
  const tickSize = chooseTick(symbol, prices);
  const offsets = [0];
  const price: number[] = [];
  const size: number[] = [];
  const sides: number[] = [];
  for (const q of quotes) {
    for (const [level, s] of [
      [q.bid, 1],
      [q.ask, -1],
    ] as const) {
      if (!level) continue;
      price.push(toTicks(level.price, tickSize) ?? Number.NaN);
      size.push(level.size);
      sides.push(s);
    }
    offsets.push(price.length);
  }
  return {
    exchange: 'bitmex',
    symbol,
    tickSize,
    depth: 1,
    snapshotTimeNs: BigInt64Array.from(quotes, (q) => q.timeNs),
    snapshotOffset: Uint32Array.from(offsets),
    levelPriceTicks: Float64Array.from(price),
    levelSize: Float64Array.from(size),
    levelSide: Int8Array.from(sides),
    deltaTimeNs: new BigInt64Array(0),
    deltaPriceTicks: new Float64Array(0),
    deltaSize: new Float64Array(0),
    deltaSide: new Int8Array(0),
  };
}
