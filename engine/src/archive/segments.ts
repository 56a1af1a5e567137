import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, gunzip, gzip } from 'node:zlib';
import {
  type Compression,
  DAY_MS,
  HOUR_MS,
  Manifest,
  manifestKey,
  type SegmentEntry,
  type SegmentKind,
  segmentKey,
} from './layout.js';
import { sha256Keeping } from './off-thread-sha256.js';
import type { SegmentBufferPool } from './segment-buffers.js';
import { ArchiveObjectNotFoundError, type ArchiveStore } from './store.js';

/** A segment that fails its checksum or cannot be decoded: named, with the reason. */
export class CorruptSegmentError extends Error {
  override readonly name = 'CorruptSegmentError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`corrupt archive segment ${key}: ${reason}`);
  }
}

/** Which series a segment belongs to. */
export interface SeriesId {
  exchange: string;
  symbol: string;
  kind: SegmentKind;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The values of `items` mapped by `load`, in order, with the next load already running while the
 * consumer works on the current value (one ahead: I/O, checksum and decompression overlap compute).
 */
export async function* readAhead<E, T>(items: AsyncIterable<E>, load: (item: E) => Promise<T>): AsyncGenerator<T> {
  let pending: Promise<T> | null = null;
  for await (const item of items) {
    const next = load(item);
    next.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    if (pending) yield await pending;
    pending = next;
  }
  if (pending) yield await pending;
}
const pack: Record<Compression, (b: Uint8Array) => Promise<Uint8Array>> = {
  none: async (b) => b,
  gzip: promisify(gzip),
  brotli: promisify(brotliCompress),
};
const unpack: Record<Compression, (b: Uint8Array) => Promise<Uint8Array>> = {
  none: async (b) => b,
  gzip: promisify(gunzip),
  brotli: promisify(brotliDecompress),
};

/** The day's manifest, or null when the day has none; a damaged manifest is a {@link CorruptSegmentError}. */
export async function readManifest(store: ArchiveStore, key: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = new TextDecoder().decode(await store.get(key));
  } catch (err) {
    if (err instanceof ArchiveObjectNotFoundError) return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptSegmentError(key, 'manifest is not JSON');
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new CorruptSegmentError(key, `invalid manifest: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * A segment's decoded (decompressed) bytes, after checking size and SHA-256 against the manifest.
 * With a `pool` (and a store that can read into it off the main thread) the bytes may live in a
 * pooled buffer: the caller gives it back with `pool.release(bytes.buffer)` once done with
 * everything decoded from it.
 */
export async function readSegmentBytes(
  store: ArchiveStore,
  entry: SegmentEntry,
  pool?: SegmentBufferPool,
): Promise<Uint8Array> {
  if (pool && store.readHashed) return readPooled(entry, pool, store.readHashed.bind(store));
  let stored: Uint8Array;
  try {
    stored = await store.get(entry.key);
  } catch (err) {
    throw missingOr(entry, err);
  }
  checkSize(entry, stored.length);
  const checked = await sha256Keeping(stored);
  stored = checked.bytes;
  checkHash(entry, checked.hex);
  return unpackSegment(entry, stored);
}

/** Read and hashed into a pooled buffer off the main thread (one worker round trip). */
async function readPooled(
  entry: SegmentEntry,
  pool: SegmentBufferPool,
  readHashed: NonNullable<ArchiveStore['readHashed']>,
): Promise<Uint8Array> {
  const into = pool.acquire(entry.bytes);
  try {
    let r: { size: number; sha256: string };
    try {
      r = await readHashed(entry.key, into);
    } catch (err) {
      throw missingOr(entry, err);
    }
    checkSize(entry, r.size);
    checkHash(entry, r.sha256);
    const bytes = await unpackSegment(entry, into);
    if (bytes !== into) pool.release(into.buffer); // decompressed into a buffer of its own
    return bytes;
  } catch (err) {
    pool.release(into.buffer);
    throw err;
  }
}

const missingOr = (entry: SegmentEntry, err: unknown) =>
  err instanceof ArchiveObjectNotFoundError ? new CorruptSegmentError(entry.key, 'missing') : err;

function checkSize(entry: SegmentEntry, size: number): void {
  if (size !== entry.bytes)
    throw new CorruptSegmentError(entry.key, `size ${size} B, manifest says ${entry.bytes} B (truncated?)`);
}

function checkHash(entry: SegmentEntry, hex: string): void {
  if (hex !== entry.sha256) throw new CorruptSegmentError(entry.key, 'SHA-256 mismatch');
}

async function unpackSegment(entry: SegmentEntry, stored: Uint8Array): Promise<Uint8Array> {
  if (entry.compression === 'none') return stored;
  try {
    return await unpack[entry.compression](stored);
  } catch (err) {
    throw new CorruptSegmentError(entry.key, `cannot ${entry.compression}-decompress: ${(err as Error).message}`);
  }
}

/**
 * Stores one hour of a series (already encoded) and records it, with its checksum, in the day's
 * manifest, replacing the hour's previous segment. One writer per series at a time: the manifest
 * is read, changed and written back.
 */
export async function writeSegment(
  store: ArchiveStore,
  series: SeriesId,
  hourMs: number,
  encoded: Uint8Array,
  stats: { fromNs: bigint; toNs: bigint; count: number },
  compression: Compression = 'none',
): Promise<SegmentEntry> {
  const dayMs = Math.floor(hourMs / DAY_MS) * DAY_MS;
  const mKey = manifestKey(series.exchange, series.symbol, series.kind, dayMs);
  const manifest: Manifest = (await readManifest(store, mKey)) ?? {
    schemaVersion: 1,
    exchange: series.exchange,
    symbol: series.symbol,
    kind: series.kind,
    dayMs,
    segments: [],
  };
  const bytes = await pack[compression](encoded);
  const key = segmentKey(series.exchange, series.symbol, series.kind, hourMs, compression);
  await store.put(key, bytes);
  const entry: SegmentEntry = {
    key,
    hourMs,
    fromNs: String(stats.fromNs),
    toNs: String(stats.toNs),
    count: stats.count,
    bytes: bytes.length,
    sha256: sha256(bytes),
    compression,
  };
  const previous = manifest.segments.find((s) => s.hourMs === hourMs);
  manifest.segments = [...manifest.segments.filter((s) => s.hourMs !== hourMs), entry].sort(
    (a, b) => a.hourMs - b.hourMs,
  );
  await store.put(mKey, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  // A recompressed hour changes extension: drop the old object only once the manifest no longer names it.
  if (previous && previous.key !== key) await store.delete(previous.key);
  return entry;
}

/** The series' segment entries overlapping [fromMs, toMs), in time order. */
export async function* segmentsIn(
  store: ArchiveStore,
  series: SeriesId,
  fromMs: number,
  toMs: number,
): AsyncGenerator<SegmentEntry> {
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
    const manifest = await readManifest(store, manifestKey(series.exchange, series.symbol, series.kind, day));
    for (const entry of manifest?.segments ?? []) {
      if (entry.hourMs + HOUR_MS <= fromMs || entry.hourMs >= toMs) continue;
      yield entry;
    }
  }
}

/** Every manifest in the store (any exchange, symbol, kind), parsed; damaged ones are returned as errors. */
export async function listManifests(store: ArchiveStore): Promise<(Manifest | CorruptSegmentError)[]> {
  const out: (Manifest | CorruptSegmentError)[] = [];
  for (const { key } of (await store.list('')).filter((o) => o.key.endsWith('/manifest.json'))) {
    try {
      const m = await readManifest(store, key);
      if (m) out.push(m);
    } catch (err) {
      if (err instanceof CorruptSegmentError) out.push(err);
      else throw err;
    }
  }
  return out;
}
