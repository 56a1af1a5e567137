import { ArchiveFormatError } from '@hm/schemas';
import type { SegmentEntry } from './layout.js';
import { recycling, type SegmentBufferPool } from './segment-buffers.js';
import { CorruptSegmentError, readAhead, readSegmentBytes, type SeriesId, segmentsIn } from './segments.js';
import type { ArchiveStore } from './store.js';

/**
 * One segment, its SHA-256 checked against the manifest, decoded by `decode` (a decoding failure is
 * a {@link CorruptSegmentError}); the bytes the columns view come along, in a pooled buffer when
 * `pool` is given.
 */
export async function readDecoded<T>(
  store: ArchiveStore,
  entry: SegmentEntry,
  decode: (bytes: Uint8Array) => T,
  pool?: SegmentBufferPool,
): Promise<{ columns: T; bytes: Uint8Array }> {
  const bytes = await readSegmentBytes(store, entry, pool);
  try {
    return { columns: decode(bytes), bytes };
  } catch (err) {
    pool?.release(bytes.buffer);
    throw new CorruptSegmentError(entry.key, err instanceof ArchiveFormatError ? err.message : String(err));
  }
}

/**
 * Every segment of a series overlapping [fromMs, toMs), in time order, checksums verified, the
 * next one read while the caller works on the current. With a `pool`, segments are read into reused
 * buffers and those `skip` says are left out: a yielded batch's columns stay valid only until two
 * more batches have been asked for ({@link recycling}).
 */
export async function* readSeries<T>(
  store: ArchiveStore,
  series: SeriesId,
  fromMs: number,
  toMs: number,
  decode: (bytes: Uint8Array) => T,
  pooled?: { pool: SegmentBufferPool; skip: (columns: T) => boolean },
): AsyncGenerator<T> {
  const entries = segmentsIn(store, series, fromMs, toMs);
  if (!pooled) {
    yield* readAhead(entries, async (entry) => (await readDecoded(store, entry, decode)).columns);
    return;
  }
  const { pool, skip } = pooled;
  yield* recycling(
    readAhead(entries, (entry) => readDecoded(store, entry, decode, pool)),
    pool,
    skip,
  );
}
