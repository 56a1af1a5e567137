import type { BookColumns, TradeColumns } from '@hm/schemas';
import { readBook } from './book-archive.js';
import { HOUR_MS } from './layout.js';
import type { ArchiveStore } from './store.js';
import { readTrades } from './trade-archive.js';

/** One archived market event. Prices are integer ticks of `tickSize`; sides 1 = buy/bid, -1 = sell/ask. */
export type MarketEvent =
  | {
      type: 'trade';
      /** Unix ns UTC. */
      timeNs: bigint;
      tickSize: number;
      priceTicks: number;
      /** Contracts. */
      size: number;
      /** Aggressor side. */
      side: 1 | -1;
      id: string;
    }
  | {
      type: 'snapshot';
      timeNs: bigint;
      tickSize: number;
      /** The whole book: bids best first, then asks best first. */
      levels: { priceTicks: number; size: number; side: 1 | -1 }[];
    }
  | {
      type: 'delta';
      timeNs: bigint;
      tickSize: number;
      priceTicks: number;
      /** New size at the price, contracts; 0 = level removed. */
      size: number;
      side: 1 | -1;
    };

/** What {@link readMarket} reads. */
export interface MarketQuery {
  exchange: string;
  symbol: string;
  /** Unix ms UTC, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  trades?: boolean;
  book?: boolean;
}

/**
 * The archive's events of one market in [fromMs, toMs), in time order: trades, book snapshots and
 * deltas merged (at equal times: snapshot, then deltas, then trades, so a trade sees the book it
 * hit). Reads hour by hour, so memory holds one hour. A corrupt segment throws its
 * `CorruptSegmentError` (named, with the reason) instead of yielding anything from it.
 * Note: a book snapshot before `fromMs` is not replayed; start on an hour to get the hour's first snapshot.
 */
export async function* readMarket(store: ArchiveStore, q: MarketQuery): AsyncGenerator<MarketEvent> {
  const fromNs = BigInt(q.fromMs) * 1_000_000n;
  const toNs = BigInt(q.toMs) * 1_000_000n;
  const trades = q.trades === false ? null : readTrades(store, q.exchange, q.symbol, q.fromMs, q.toMs);
  const books = q.book === false ? null : readBook(store, q.exchange, q.symbol, q.fromMs, q.toMs);
  let nextTrades = await trades?.next();
  let nextBook = await books?.next();
  while ((nextTrades && !nextTrades.done) || (nextBook && !nextBook.done)) {
    const t = nextTrades && !nextTrades.done ? nextTrades.value : null;
    const b = nextBook && !nextBook.done ? nextBook.value : null;
    const hourOf = (c: TradeColumns | BookColumns | null) => {
      const first = c && 'ids' in c ? c.timeNs[0] : c?.snapshotTimeNs[0];
      return first === undefined ? Number.POSITIVE_INFINITY : Math.floor(Number(first / 1_000_000n) / HOUR_MS);
    };
    const hour = Math.min(hourOf(t), hourOf(b));
    const takeT = t && hourOf(t) === hour ? t : null;
    const takeB = b && hourOf(b) === hour ? b : null;
    for (const e of mergeHour(takeT, takeB)) {
      if (e.timeNs >= fromNs && e.timeNs < toNs) yield e;
    }
    if (takeT || !t) nextTrades = await trades?.next();
    if (takeB || !b) nextBook = await books?.next();
  }
}

/** One hour's trades and book records merged in time order. */
function* mergeHour(t: TradeColumns | null, b: BookColumns | null): Generator<MarketEvent> {
  let it = 0;
  let is = 0;
  let id = 0;
  const nT = t?.timeNs.length ?? 0;
  const nS = b?.snapshotTimeNs.length ?? 0;
  const nD = b?.deltaTimeNs.length ?? 0;
  const never = BigInt(Number.MAX_SAFE_INTEGER) ** 2n;
  while (it < nT || is < nS || id < nD) {
    const tt = t && it < nT ? (t.timeNs[it] ?? never) : never;
    const ts = b && is < nS ? (b.snapshotTimeNs[is] ?? never) : never;
    const td = b && id < nD ? (b.deltaTimeNs[id] ?? never) : never;
    if (b && ts <= td && ts <= tt && is < nS) {
      const levels: { priceTicks: number; size: number; side: 1 | -1 }[] = [];
      for (let k = b.snapshotOffset[is] ?? 0; k < (b.snapshotOffset[is + 1] ?? 0); k++) {
        levels.push({
          priceTicks: b.levelPriceTicks[k] ?? 0,
          size: b.levelSize[k] ?? 0,
          side: (b.levelSide[k] ?? 1) > 0 ? 1 : -1,
        });
      }
      yield { type: 'snapshot', timeNs: ts, tickSize: b.tickSize, levels };
      is += 1;
    } else if (b && td <= tt && id < nD) {
      yield {
        type: 'delta',
        timeNs: td,
        tickSize: b.tickSize,
        priceTicks: b.deltaPriceTicks[id] ?? 0,
        size: b.deltaSize[id] ?? 0,
        side: (b.deltaSide[id] ?? 1) > 0 ? 1 : -1,
      };
      id += 1;
    } else if (t) {
      yield {
        type: 'trade',
        timeNs: tt,
        tickSize: t.tickSize,
        priceTicks: t.priceTicks[it] ?? 0,
        size: t.size[it] ?? 0,
        side: (t.side[it] ?? 1) > 0 ? 1 : -1,
        id: t.ids.at(it) ?? '',
      };
      it += 1;
    }
  }
}
