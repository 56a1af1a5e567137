import { type BookColumns, decodeBookBatch, encodeBookBatch } from '@hm/schemas';
import { type Compression, DAY_MS, manifestKey, type SegmentEntry } from './layout.js';
import type { SegmentBufferPool } from './segment-buffers.js';
import { readManifest, writeSegment } from './segments.js';
import { readDecoded, readSeries } from './series-reader.js';
import type { ArchiveStore } from './store.js';

/** Reads one book segment, checking its SHA-256 against the manifest before decoding it. */
export async function readBookSegment(store: ArchiveStore, entry: SegmentEntry): Promise<BookColumns> {
  return (await readDecoded(store, entry, decodeBookBatch)).columns;
}

/**
 * Writes one hour of one market's book. When the hour already holds book data (a collector
 * restarted mid-hour), the earlier records up to the new batch's first snapshot are kept: the
 * new part starts with a full snapshot, so replaying the merged hour is consistent.
 * Book deltas compress well, hence gzip by default.
 */
export async function writeBookHour(
  store: ArchiveStore,
  batch: BookColumns,
  hourMs: number,
  compression: Compression = 'gzip',
): Promise<SegmentEntry> {
  const mKey = manifestKey(batch.exchange, batch.symbol, 'book', Math.floor(hourMs / DAY_MS) * DAY_MS);
  const existing = (await readManifest(store, mKey))?.segments.find((s) => s.hourMs === hourMs);
  const merged = existing ? spliceBook(await readBookSegment(store, existing), batch) : batch;
  // A book hour starts with a snapshot; its last record is a snapshot or a delta, whichever is later.
  const lastSnap = merged.snapshotTimeNs.at(-1) ?? 0n;
  const lastDelta = merged.deltaTimeNs.at(-1) ?? 0n;
  return writeSegment(
    store,
    { exchange: batch.exchange, symbol: batch.symbol, kind: 'book' },
    hourMs,
    encodeBookBatch(merged),
    {
      fromNs: merged.snapshotTimeNs[0] ?? 0n,
      toNs: lastDelta > lastSnap ? lastDelta : lastSnap,
      count: merged.snapshotTimeNs.length + merged.deltaTimeNs.length,
    },
    compression,
  );
}

/** `older`'s records before `newer`'s first snapshot, then all of `newer`. */
function spliceBook(older: BookColumns, newer: BookColumns): BookColumns {
  const cut = newer.snapshotTimeNs[0];
  if (cut === undefined) throw new RangeError('a book batch to append must start with a snapshot');
  const snaps = older.snapshotTimeNs.findIndex((t) => t >= cut);
  const keepSnaps = snaps < 0 ? older.snapshotTimeNs.length : snaps;
  const keepLevels = older.snapshotOffset[keepSnaps] ?? 0;
  const d = older.deltaTimeNs.findIndex((t) => t >= cut);
  const keepDeltas = d < 0 ? older.deltaTimeNs.length : d;
  const cat = <T extends Float64Array | Int8Array | BigInt64Array>(a: T, n: number, b: T): T => {
    const out = new (a.constructor as new (len: number) => T)(n + b.length);
    out.set(a.subarray(0, n) as never);
    out.set(b as never, n);
    return out;
  };
  const offsets = new Uint32Array(keepSnaps + newer.snapshotOffset.length);
  offsets.set(older.snapshotOffset.subarray(0, keepSnaps));
  offsets.set(
    newer.snapshotOffset.map((o) => o + keepLevels),
    keepSnaps,
  );
  return {
    ...newer,
    snapshotTimeNs: cat(older.snapshotTimeNs, keepSnaps, newer.snapshotTimeNs),
    snapshotOffset: offsets,
    levelPriceTicks: cat(older.levelPriceTicks, keepLevels, newer.levelPriceTicks),
    levelSize: cat(older.levelSize, keepLevels, newer.levelSize),
    levelSide: cat(older.levelSide, keepLevels, newer.levelSide),
    deltaTimeNs: cat(older.deltaTimeNs, keepDeltas, newer.deltaTimeNs),
    deltaPriceTicks: cat(older.deltaPriceTicks, keepDeltas, newer.deltaPriceTicks),
    deltaSize: cat(older.deltaSize, keepDeltas, newer.deltaSize),
    deltaSide: cat(older.deltaSide, keepDeltas, newer.deltaSide),
  };
}

/**
 * Every book segment of a market overlapping [fromMs, toMs), in time order, checksums verified.
 * With a `pool`, segments are read into reused buffers and those without a snapshot are skipped (as the kernel's batch source, which times a book batch by its snapshot): a yielded
 * batch's columns stay valid only until two more batches have been asked for (`recycling`).
 */
export function readBook(
  store: ArchiveStore,
  exchange: string,
  symbol: string,
  fromMs: number,
  toMs: number,
  pool?: SegmentBufferPool,
): AsyncGenerator<BookColumns> {
  const series = { exchange, symbol, kind: 'book' as const };
  return readSeries(
    store,
    series,
    fromMs,
    toMs,
    decodeBookBatch,
    pool && { pool, skip: (c) => c.snapshotTimeNs.length === 0 },
  );
}
