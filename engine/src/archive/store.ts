/**
 * Where archive objects live: a local folder (default, `HM_ARCHIVE_DIR`) or any S3-compatible
 * bucket. Keys are '/'-separated, e.g. `bitmex/XBTUSD/trades/2024/01/15/13.fb`.
 */
export interface ArchiveStore {
  /** For logs and `hm archive info`, e.g. `local:/path` or `s3://bucket/prefix`. */
  readonly location: string;
  /** Writes the whole object (replacing any previous one atomically where the backend allows). */
  put(key: string, body: Uint8Array): Promise<void>;
  /** The whole object; throws {@link ArchiveObjectNotFoundError} when absent. */
  get(key: string): Promise<Uint8Array>;
  /**
   * Reads the object into `into` (a pooled buffer view, segment-buffers.ts) and hashes it, both
   * off the main thread; optional (stores without it are read with {@link get}). Returns the
   * object's size in bytes and the SHA-256 hex of its bytes, '' when it was larger than `into`
   * (then only `into.length` bytes were read). Same errors as `get`.
   */
  readHashed?(key: string, into: Uint8Array): Promise<{ size: number; sha256: string }>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<{ key: string; size: number }[]>;
  delete(key: string): Promise<void>;
}

export class ArchiveObjectNotFoundError extends Error {
  override readonly name = 'ArchiveObjectNotFoundError';
  constructor(
    readonly location: string,
    readonly key: string,
  ) {
    super(`no archive object ${key} in ${location}`);
  }
}

/** Rejects keys that could escape the store's root or are not portable across backends. */
export function assertKey(key: string): void {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split('/').some((p) => p === '..' || p === '.')) {
    throw new RangeError(`invalid archive key "${key}"`);
  }
}
