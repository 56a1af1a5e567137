/**
 * Snapshot first, then live, with no gap and no duplicate. The live iterator is started before the
 * snapshot is read (so nothing published meanwhile is missed); live events the snapshot already
 * covers are dropped by `seq`; for incremental streams (trades) a jump in `seq` is filled from the
 * engine's recent list before the live event is passed on.
 */
export async function* snapshotThenLive<T extends { seq: number }>(opts: {
  live: AsyncIterable<T>;
  /** Current state, ascending by seq. */
  snapshot: () => Promise<T[]>;
  /** Events after `seq`, ascending; given for streams whose events are increments. */
  fill?: (afterSeq: number) => Promise<T[]>;
}): AsyncGenerator<T> {
  const iterator = opts.live[Symbol.asyncIterator]();
  let next = iterator.next(); // subscribes now; resolves with the first live event later
  let last = Number.NEGATIVE_INFINITY;
  try {
    for (const event of await opts.snapshot()) {
      if (event.seq <= last) continue;
      last = event.seq;
      yield event;
    }
    for (;;) {
      const result = await next;
      if (result.done) return;
      const event = result.value;
      if (event.seq > last) {
        if (opts.fill && Number.isFinite(last) && event.seq > last + 1) {
          for (const missed of await opts.fill(last)) {
            if (missed.seq <= last || missed.seq >= event.seq) continue;
            last = missed.seq;
            yield missed;
          }
        }
        last = event.seq;
        yield event;
      }
      next = iterator.next();
    }
  } finally {
    await iterator.return?.();
  }
}
