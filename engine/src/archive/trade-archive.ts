import { createHash } from 'node:crypto';
import { ArchiveFormatError, decodeTradeBatch, encodeTradeBatch, type TradeColumns } from '@hm/schemas';
import { DAY_MS, HOUR_MS, Manifest, manifestKey, type SegmentEntry, segmentKey } from './layout.js';
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

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readManifest(store: ArchiveStore, key: string): Promise<Manifest | null> {
  try {
    const text = new TextDecoder().decode(await store.get(key));
    const parsed = Manifest.safeParse(JSON.parse(text));
    if (!parsed.success) throw new CorruptSegmentError(key, `invalid manifest: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  } catch (err) {
    if (err instanceof ArchiveObjectNotFoundError) return null;
    if (err instanceof SyntaxError) throw new CorruptSegmentError(key, 'manifest is not JSON');
    throw err;
  }
}

/** Reads one segment, checking its SHA-256 against the manifest before decoding it. */
export async function readSegment(store: ArchiveStore, entry: SegmentEntry): Promise<TradeColumns> {
  const bytes = await store.get(entry.key);
  if (bytes.length !== entry.bytes) {
    throw new CorruptSegmentError(entry.key, `size ${bytes.length} B, manifest says ${entry.bytes} B (truncated?)`);
  }
  if (sha256(bytes) !== entry.sha256) throw new CorruptSegmentError(entry.key, 'SHA-256 mismatch');
  try {
    return decodeTradeBatch(bytes);
  } catch (err) {
    throw new CorruptSegmentError(entry.key, err instanceof ArchiveFormatError ? err.message : String(err));
  }
}

/**
 * Writes one hour of one market's trades (time-ordered), merged with what the hour already holds
 * (de-duplicated by trade id, so importing a file twice changes nothing), and records the segment
 * with its checksum in the day's manifest.
 */
export async function writeTradeHour(store: ArchiveStore, batch: TradeColumns, hourMs: number): Promise<SegmentEntry> {
  const mKey = manifestKey(batch.exchange, batch.symbol, 'trades', Math.floor(hourMs / DAY_MS) * DAY_MS);
  const manifest = (await readManifest(store, mKey)) ?? {
    schemaVersion: 1 as const,
    exchange: batch.exchange,
    symbol: batch.symbol,
    kind: 'trades' as const,
    dayMs: Math.floor(hourMs / DAY_MS) * DAY_MS,
    segments: [],
  };
  const existing = manifest.segments.find((s) => s.hourMs === hourMs);
  // Always merged (also with nothing): a file listing a print twice still stores it once.
  const merged = mergeBatches(
    existing
      ? await readSegment(store, existing)
      : {
          ...batch,
          timeNs: new BigInt64Array(0),
          priceTicks: new Float64Array(0),
          size: new Float64Array(0),
          side: new Int8Array(0),
          ids: [],
        },
    batch,
  );
  const bytes = encodeTradeBatch(merged);
  const key = segmentKey(batch.exchange, batch.symbol, 'trades', hourMs);
  await store.put(key, bytes);
  const entry: SegmentEntry = {
    key,
    hourMs,
    fromNs: String(merged.timeNs[0] ?? 0n),
    toNs: String(merged.timeNs[merged.timeNs.length - 1] ?? 0n),
    count: merged.ids.length,
    bytes: bytes.length,
    sha256: sha256(bytes),
    compression: 'none',
  };
  manifest.segments = [...manifest.segments.filter((s) => s.hourMs !== hourMs), entry].sort(
    (a, b) => a.hourMs - b.hourMs,
  );
  await store.put(mKey, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return entry;
}

/** The union of two batches of one market, by trade id, time-ordered (stable for equal times). */
function mergeBatches(a: TradeColumns, b: TradeColumns): TradeColumns {
  if (a.tickSize !== b.tickSize)
    throw new RangeError(`cannot merge batches with ticks ${a.tickSize} and ${b.tickSize}`);
  const seen = new Set<string>();
  const order: { src: TradeColumns; i: number }[] = [];
  for (const src of [a, b]) {
    src.ids.forEach((id, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      order.push({ src, i });
    });
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
    ids: order.map((r) => r.src.ids[r.i] ?? ''),
  };
}

/** Every segment of a market overlapping [fromMs, toMs), in time order, checksums verified. */
export async function* readTrades(
  store: ArchiveStore,
  exchange: string,
  symbol: string,
  fromMs: number,
  toMs: number,
): AsyncGenerator<TradeColumns> {
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
    const manifest = await readManifest(store, manifestKey(exchange, symbol, 'trades', day));
    for (const entry of manifest?.segments ?? []) {
      if (entry.hourMs + HOUR_MS <= fromMs || entry.hourMs >= toMs) continue;
      yield await readSegment(store, entry);
    }
  }
}

/** Checks every segment listed in every manifest; returns the problems (empty = all good). */
export async function verifyArchive(
  store: ArchiveStore,
): Promise<{ checked: number; problems: CorruptSegmentError[] }> {
  const problems: CorruptSegmentError[] = [];
  let checked = 0;
  for (const { key } of (await store.list('')).filter((o) => o.key.endsWith('/manifest.json'))) {
    let manifest: Manifest | null;
    try {
      manifest = await readManifest(store, key);
    } catch (err) {
      if (err instanceof CorruptSegmentError) problems.push(err);
      continue;
    }
    for (const entry of manifest?.segments ?? []) {
      checked += 1;
      try {
        await readSegment(store, entry);
      } catch (err) {
        if (err instanceof CorruptSegmentError) problems.push(err);
        else if (err instanceof ArchiveObjectNotFoundError)
          problems.push(new CorruptSegmentError(entry.key, 'missing'));
        else throw err;
      }
    }
  }
  return { checked, problems };
}
