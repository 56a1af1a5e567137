import { ArchiveFormatError, decodeBookBatch, decodeCandleBatch, decodeTradeBatch } from '@hm/schemas';
import type { SegmentEntry, SegmentKind } from './layout.js';
import { CorruptSegmentError, listManifests, readSegmentBytes } from './segments.js';
import type { ArchiveStore } from './store.js';

const DECODE: Record<SegmentKind, (bytes: Uint8Array) => unknown> = {
  trades: decodeTradeBatch,
  book: decodeBookBatch,
  candles: decodeCandleBatch,
};

/** Checks one segment as a reader would: size, SHA-256, decompression and decoding. */
export async function checkSegment(store: ArchiveStore, kind: SegmentKind, entry: SegmentEntry): Promise<void> {
  const bytes = await readSegmentBytes(store, entry);
  try {
    DECODE[kind](bytes);
  } catch (err) {
    throw new CorruptSegmentError(entry.key, err instanceof ArchiveFormatError ? err.message : String(err));
  }
}

/**
 * Checks every segment listed in every manifest, of every kind; returns the problems, each naming
 * its object and the reason (empty = all good).
 */
export async function verifyArchive(
  store: ArchiveStore,
  onProgress?: (checked: number, total: number) => void,
): Promise<{ checked: number; problems: CorruptSegmentError[] }> {
  const problems: CorruptSegmentError[] = [];
  const manifests = await listManifests(store);
  const total = manifests.reduce((n, m) => n + (m instanceof CorruptSegmentError ? 0 : m.segments.length), 0);
  let checked = 0;
  for (const manifest of manifests) {
    if (manifest instanceof CorruptSegmentError) {
      problems.push(manifest);
      continue;
    }
    for (const entry of manifest.segments) {
      checked += 1;
      try {
        await checkSegment(store, manifest.kind, entry);
      } catch (err) {
        if (err instanceof CorruptSegmentError) problems.push(err);
        else throw err;
      }
      onProgress?.(checked, total);
    }
  }
  return { checked, problems };
}
