import { type MarketEvent, readMarket } from '../archive/market-reader.js';
import type { ArchiveStore } from '../archive/store.js';

/** A market event of one session market. */
export type SessionEvent = MarketEvent & { symbol: string };

/**
 * Where a session's market events come from, in time order across its markets: the archive
 * (backtests) or the live feed (test, live and market modes).
 */
export interface MarketDataSource {
  events(): AsyncIterable<SessionEvent>;
}

/** What {@link ArchiveReplaySource} replays. */
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
 * Replays the archive: each market's trades (and book) in time order, the markets merged by
 * time (ties: market order of the session). A corrupt segment stops the replay with its
 * `CorruptSegmentError`, never with garbage.
 */
export class ArchiveReplaySource implements MarketDataSource {
  constructor(private readonly r: ArchiveReplay) {}

  async *events(): AsyncIterable<SessionEvent> {
    const streams = this.r.markets.map((symbol) => ({
      symbol,
      it: readMarket(this.r.store, {
        exchange: this.r.exchange,
        symbol,
        fromMs: this.r.fromMs,
        toMs: this.r.toMs,
        trades: true,
        book: this.r.book,
      })[Symbol.asyncIterator](),
    }));
    const heads = await Promise.all(streams.map((s) => s.it.next()));
    if (streams.length === 1) {
      const only = streams[0];
      let head = heads[0];
      while (only && head && !head.done) {
        yield Object.assign(head.value, { symbol: only.symbol });
        head = await only.it.next();
      }
      return;
    }
    for (;;) {
      let pick = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (!h || h.done) continue;
        const best = pick >= 0 ? heads[pick] : undefined;
        if (!best || best.done || h.value.timeNs < best.value.timeNs) pick = i;
      }
      if (pick < 0) return;
      const h = heads[pick];
      const s = streams[pick];
      if (!h || h.done || !s) return;
      yield Object.assign(h.value, { symbol: s.symbol });
      heads[pick] = await s.it.next();
    }
  }
}
