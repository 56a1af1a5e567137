import type { BookColumns, TradeColumns } from '@hm/schemas';
import { readBook } from '../archive/book-archive.js';
import { HOUR_MS } from '../archive/layout.js';
import { SegmentBufferPool } from '../archive/segment-buffers.js';
import type { ArchiveStore } from '../archive/store.js';
import { readTrades } from '../archive/trade-archive.js';

/** One leg's columns of a batch (either may be absent). */
export interface LegBatch {
  trades: TradeColumns | null;
  book: BookColumns | null;
}

/** A slice of time for every session market, legs in session order (null = nothing for that leg). */
export interface MarketBatch {
  legs: (LegBatch | null)[];
  /**
   * Wall clock of a live source, unix ms: after the batch's events the kernel moves its time here,
   * so timers, funding and equity samples fall due without market events. Never before the
   * batch's own events. Archive replays leave it out (time is the events' time).
   */
  clockMs?: number;
}

/**
 * Where a session's market data comes from, as columnar batches in time order (the kernel merges
 * legs and kinds inside a batch): the archive, hour by hour ({@link ArchiveBatchSource}), or the
 * live feed, a few events at a time (`LiveBatchSource`, live-source.ts).
 */
export interface MarketDataSource {
  batches(): AsyncIterable<MarketBatch>;
}

/** What {@link ArchiveBatchSource} replays. */
export interface ArchiveReplay {
  store: ArchiveStore;
  exchange: string;
  markets: readonly string[];
  /** Unix ms UTC, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Replay the L2 book too (strategies that read it). */
  book: boolean;
}

/**
 * Replays the archive one hour at a time: each leg's trade (and book) segment of the hour, decoded
 * zero-copy. A corrupt segment stops the replay with its `CorruptSegmentError`, never with garbage.
 */
export class ArchiveBatchSource implements MarketDataSource {
  constructor(private readonly r: ArchiveReplay) {}

  async *batches(): AsyncIterable<MarketBatch> {
    const { r } = this;
    const hourOf = (c: TradeColumns | BookColumns) => {
      const t = 'ids' in c ? c.timeNs[0] : c.snapshotTimeNs[0];
      return t === undefined ? Number.POSITIVE_INFINITY : Math.floor(Number(t / 1_000_000n) / HOUR_MS) * HOUR_MS;
    };
    // Reused segment buffers, a pool per stream (its segments are of a similar size): the kernel is
    // done with a batch before it asks for the next one, and a stream holds at most three (the
    // batch in use, its head below, the reader's read-ahead).
    const streams = r.markets.map((symbol) => ({
      trades: readTrades(r.store, r.exchange, symbol, r.fromMs, r.toMs, new SegmentBufferPool(3))[
        Symbol.asyncIterator
      ](),
      book: r.book
        ? readBook(r.store, r.exchange, symbol, r.fromMs, r.toMs, new SegmentBufferPool(3))[Symbol.asyncIterator]()
        : null,
    }));
    type Head<T> = { value: T; hour: number } | null;
    const next = async <T extends TradeColumns | BookColumns>(it: AsyncIterator<T> | null): Promise<Head<T>> => {
      if (!it) return null;
      for (;;) {
        const n = await it.next();
        if (n.done) return null;
        const hour = hourOf(n.value);
        if (Number.isFinite(hour)) return { value: n.value, hour };
      }
    };
    const heads = await Promise.all(
      streams.map(async (s) => ({ trades: await next(s.trades), book: await next(s.book) })),
    );
    for (;;) {
      let hour = Number.POSITIVE_INFINITY;
      for (const h of heads) hour = Math.min(hour, h.trades?.hour ?? hour, h.book?.hour ?? hour);
      if (!Number.isFinite(hour)) return;
      const legs: (LegBatch | null)[] = [];
      for (const h of heads) {
        const trades = h.trades?.hour === hour ? h.trades.value : null;
        const book = h.book?.hour === hour ? h.book.value : null;
        legs.push(trades || book ? { trades, book } : null);
      }
      // Hand the hour over first and advance afterwards: the readers already load the next
      // segments while the kernel runs this hour, and the first hour waits for one read, not two.
      yield { legs };
      for (let l = 0; l < heads.length; l++) {
        const h = heads[l];
        const s = streams[l];
        const leg = legs[l];
        if (!h || !s || !leg) continue;
        if (leg.trades) h.trades = await next(s.trades);
        if (leg.book) h.book = await next(s.book);
      }
    }
  }
}

/**
 * A unix-ns column as Uint32 words (little-endian hosts: low word first), so the kernel reads
 * times exactly without the BigInt a BigInt64Array read allocates: with 2^32 ns = 4294 ms +
 * 967,296 ns, ms = hi × 4294 + ⌊(hi × 967,296 + lo) / 10^6⌋, all in exact doubles.
 */
export const u32View = (column: BigInt64Array): Uint32Array =>
  new Uint32Array(column.buffer, column.byteOffset, column.length * 2);
