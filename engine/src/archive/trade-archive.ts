import { decodeTradeBatch, encodeTradeBatch, type TradeColumns } from '@hm/schemas';
import { type Compression, DAY_MS, manifestKey, type SegmentEntry } from './layout.js';
import type { SegmentBufferPool } from './segment-buffers.js';
import { readManifest, writeSegment } from './segments.js';
import { readDecoded, readSeries } from './series-reader.js';
import type { ArchiveStore } from './store.js';

export { CorruptSegmentError } from './segments.js';

/** Reads one trade segment, checking its SHA-256 against the manifest before decoding it. */
export async function readSegment(store: ArchiveStore, entry: SegmentEntry): Promise<TradeColumns> {
  return (await readDecoded(store, entry, decodeTradeBatch)).columns;
}

/**
 * Writes one hour of one market's trades (time-ordered), merged with what the hour already holds
 * (de-duplicated by trade id, so importing a file twice changes nothing), and records the segment
 * with its checksum in the day's manifest.
 */
export async function writeTradeHour(
  store: ArchiveStore,
  batch: TradeColumns,
  hourMs: number,
  compression: Compression = 'none',
): Promise<SegmentEntry> {
  const mKey = manifestKey(batch.exchange, batch.symbol, 'trades', Math.floor(hourMs / DAY_MS) * DAY_MS);
  const existing = (await readManifest(store, mKey))?.segments.find((s) => s.hourMs === hourMs);
  // Always merged (also with nothing): a file listing a print twice still stores it once.
  const merged = mergeBatches(existing ? await readSegment(store, existing) : { ...batch, ...EMPTY }, batch);
  return writeSegment(
    store,
    { exchange: batch.exchange, symbol: batch.symbol, kind: 'trades' },
    hourMs,
    encodeTradeBatch(merged),
    { fromNs: merged.timeNs[0] ?? 0n, toNs: merged.timeNs[merged.timeNs.length - 1] ?? 0n, count: merged.ids.length },
    compression,
  );
}

const EMPTY = {
  timeNs: new BigInt64Array(0),
  priceTicks: new Float64Array(0),
  size: new Float64Array(0),
  side: new Int8Array(0),
  ids: [],
} satisfies Partial<TradeColumns>;

/** The union of two batches of one market, by trade id, time-ordered (stable for equal times). */
function mergeBatches(a: TradeColumns, b: TradeColumns): TradeColumns {
  if (a.tickSize !== b.tickSize)
    throw new RangeError(`cannot merge batches with ticks ${a.tickSize} and ${b.tickSize}`);
  const seen = new Set<string>();
  const order: { src: TradeColumns; i: number }[] = [];
  for (const src of [a, b]) {
    for (let i = 0; i < src.ids.length; i++) {
      const id = src.ids.at(i) ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      order.push({ src, i });
    }
  }
  order.sort((x, y) => {
    const tx = x.src.timeNs[x.i] ?? 0n;
    const ty = y.src.timeNs[y.i] ?? 0n;
    return tx < ty ? -1 : tx > ty ? 1 : 0;
  });
  return {
    exchange: a.exchange,
    symbol: a.symbol,
    tickSize: a.tickSize,
    timeNs: BigInt64Array.from(order, (r) => r.src.timeNs[r.i] ?? 0n),
    priceTicks: Float64Array.from(order, (r) => r.src.priceTicks[r.i] ?? 0),
    size: Float64Array.from(order, (r) => r.src.size[r.i] ?? 0),
    side: Int8Array.from(order, (r) => r.src.side[r.i] ?? 0),
    ids: order.map((r) => r.src.ids.at(r.i) ?? ''),
  };
}

/**
 * Every trade segment of a market overlapping [fromMs, toMs), in time order, checksums verified.
 * With a `pool`, segments are read into reused buffers and empty ones are skipped: a yielded
 * batch's columns stay valid only until two more batches have been asked for (`recycling`).
 */
export function readTrades(
  store: ArchiveStore,
  exchange: string,
  symbol: string,
  fromMs: number,
  toMs: number,
  pool?: SegmentBufferPool,
): AsyncGenerator<TradeColumns> {
  const series = { exchange, symbol, kind: 'trades' as const };
  return readSeries(
    store,
    series,
    fromMs,
    toMs,
    decodeTradeBatch,
    pool && { pool, skip: (c) => c.timeNs.length === 0 },
  );
}
