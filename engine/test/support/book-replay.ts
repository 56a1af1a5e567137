import type { MarketEvent } from '../../src/archive/market-reader.js';

/** A book rebuilt from archived snapshots and deltas: price ticks → size, per side. */
export interface ReplayedBook {
  bids: Map<number, number>;
  asks: Map<number, number>;
}

export const emptyBook = (): ReplayedBook => ({ bids: new Map(), asks: new Map() });

/** Applies a snapshot or delta to `book`; false for any other event (a trade). */
export function applyBookEvent(book: ReplayedBook, e: MarketEvent): boolean {
  if (e.type === 'snapshot') {
    book.bids.clear();
    book.asks.clear();
    for (const l of e.levels) (l.side === 1 ? book.bids : book.asks).set(l.priceTicks, l.size);
    return true;
  }
  if (e.type === 'delta') {
    const side = e.side === 1 ? book.bids : book.asks;
    if (e.size === 0) side.delete(e.priceTicks);
    else side.set(e.priceTicks, e.size);
    return true;
  }
  return false;
}
