import type { BookEvent } from '@hm/engine/contracts';
import { ticksToPrice } from '@hm/engine/contracts';
import { OrderBook } from '@hm/engine/order-book';

export interface BookLevelView {
  price: number;
  size: number;
  total: number;
}

export interface OrderBookView {
  market: string;
  timeMs: number;
  seq: number;
  grouping: number;
  bids: BookLevelView[];
  asks: BookLevelView[];
}

const cache = new Map<string, OrderBookView>();
const CACHE_LIMIT = 256;

/**
 * The book as one subscriber asked for it (depth, grouping in ticks), with cumulative totals.
 * Memoised per (market, seq, depth, grouping): every subscriber with the same arguments shares one
 * computation per published snapshot.
 */
export function bookView(event: BookEvent, depth: number, groupTicks: number): OrderBookView {
  const key = `${event.market}|${event.seq}|${depth}|${groupTicks}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const book = new OrderBook(event.market);
  for (const [ticks, size] of event.bids) book.set('bid', ticks, size);
  for (const [ticks, size] of event.asks) book.set('ask', ticks, size);
  const snap = book.snapshot(depth, groupTicks);
  const px = (ticks: number) => ticksToPrice(ticks, event.tickSize);
  const view: OrderBookView = {
    market: event.market,
    timeMs: event.timeMs,
    seq: event.seq,
    grouping: px(groupTicks),
    bids: snap.bids.map((l) => ({ price: px(l.priceTicks), size: l.size, total: l.total })),
    asks: snap.asks.map((l) => ({ price: px(l.priceTicks), size: l.size, total: l.total })),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, view);
  return view;
}
