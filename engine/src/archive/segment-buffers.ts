/**
 * Reusable segment buffers for replays that stream the archive segment after segment (backtests).
 *
 * Why: a fresh 16 MB `ArrayBuffer` per hourly segment is zeroed and page-faulted in on first
 * touch, which made reading from the page cache ~0.3–0.8 GB/s; a reused buffer reads at memcpy
 * speed (11–14 GB/s measured here). The buffers are `SharedArrayBuffer`s, so the checksum worker
 * (off-thread-sha256.ts) hashes them in place, without a transfer that would detach them.
 *
 * A buffer is handed out by {@link SegmentBufferPool.acquire} and comes back with
 * {@link SegmentBufferPool.release} once nothing reads the columns decoded from it
 * ({@link recycling}). A buffer never released (a run abandoned mid-read) goes with its pool.
 */
export class SegmentBufferPool {
  private readonly free: SharedArrayBuffer[] = [];
  private readonly lent = new Set<SharedArrayBuffer>();

  /** @param keepFree How many returned buffers are kept for reuse; more are left to the GC. */
  constructor(private readonly keepFree = 4) {}

  /** A view of exactly `bytes` bytes at offset 0 (8-byte aligned, as decoding needs) of a pooled buffer. */
  acquire(bytes: number): Uint8Array {
    let k = this.free.findIndex((b) => b.byteLength >= bytes);
    if (k < 0 && this.free.length > 0) k = 0; // too small: replaced below by a larger one
    let buffer = k >= 0 ? this.free.splice(k, 1)[0] : undefined;
    // Round up to 1 MiB so segments of a similar size share buffers.
    if (!buffer || buffer.byteLength < bytes) buffer = new SharedArrayBuffer(Math.ceil(bytes / 2 ** 20) * 2 ** 20 || 8);
    this.lent.add(buffer);
    return new Uint8Array(buffer, 0, bytes);
  }

  /** Gives a buffer back (any view of it); buffers this pool did not lend are ignored. */
  release(buffer: ArrayBufferLike): void {
    if (!(buffer instanceof SharedArrayBuffer) || !this.lent.delete(buffer)) return;
    if (this.free.length < this.keepFree) this.free.push(buffer);
  }

  /** Buffers handed out and not yet released (for tests and leak checks). */
  get outstanding(): number {
    return this.lent.size;
  }
}

/**
 * The columns of each segment `loaded` yields, skipping (and releasing) those `skip` says, with
 * their buffers given back to `pool` two steps later: a yielded value stays valid until the
 * consumer has asked for two more (when it asks for the value after `v`, everything before `v` is
 * released), so a consumer may hold one value ahead, as the kernel's batch source does.
 */
export async function* recycling<T>(
  loaded: AsyncIterable<{ columns: T; bytes: Uint8Array }>,
  pool: SegmentBufferPool,
  skip: (columns: T) => boolean,
): AsyncGenerator<T> {
  const held: Uint8Array[] = [];
  try {
    for await (const s of loaded) {
      if (skip(s.columns)) {
        pool.release(s.bytes.buffer);
        continue;
      }
      // The consumer asked for the value after the last one handed: older ones are done with.
      while (held.length > 1) pool.release((held.shift() as Uint8Array).buffer);
      held.push(s.bytes);
      yield s.columns;
    }
  } finally {
    for (const b of held.splice(0)) pool.release(b.buffer);
  }
}
