/**
 * What every archive batch shares: the schema version written into each file, the error a reader
 * throws on a file it cannot use, and telling the batch kinds apart by their file identifier.
 */

/** Current archive schema version, written into every batch; readers accept only this one. */
export const ARCHIVE_SCHEMA_VERSION = 2;

/** A file that is not a readable batch of the expected kind and a supported version; says why. */
export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
}

/** The kinds of batch the archive stores. */
export type BatchKind = 'trades' | 'book' | 'candles';

/** FlatBuffers file identifier (bytes 4..7 of a file) of each kind. */
export const BATCH_IDENTIFIERS: Readonly<Record<BatchKind, string>> = {
  trades: 'HMTB',
  book: 'HMBB',
  candles: 'HMCB',
};

/** The kind of batch `bytes` holds, by its file identifier; null when it is none of them. */
export function batchKindOf(bytes: Uint8Array): BatchKind | null {
  if (bytes.length < 8) return null;
  const id = String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0, bytes[6] ?? 0, bytes[7] ?? 0);
  for (const [kind, identifier] of Object.entries(BATCH_IDENTIFIERS)) {
    if (identifier === id) return kind as BatchKind;
  }
  return null;
}
