import { describe, expect, it } from 'vitest';
import { type BookSide, OrderBook } from '../src/market/order-book.js';

/** A naive reference: plain Maps, sorted on demand. */
function reference() {
  const sides: Record<BookSide, Map<number, number>> = { bid: new Map(), ask: new Map() };
  return {
    set(side: BookSide, ticks: number, size: number) {
      if (size > 0) sides[side].set(ticks, size);
      else sides[side].delete(ticks);
    },
    levels(side: BookSide): [number, number][] {
      return [...sides[side]].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
    },
  };
}

/** Deterministic PRNG (mulberry32) so the randomized test is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('OrderBook', () => {
  it('keeps both sides best first and tracks best bid/ask', () => {
    const book = new OrderBook('XBTUSD');
    expect(book.bestBid()).toBeNull();
    expect(book.bestAsk()).toBeNull();
    for (const t of [100, 102, 99, 101]) book.set('bid', t, t);
    for (const t of [110, 105, 107]) book.set('ask', t, t);
    expect(book.levels('bid')).toEqual([
      [102, 102],
      [101, 101],
      [100, 100],
      [99, 99],
    ]);
    expect(book.levels('ask')).toEqual([
      [105, 105],
      [107, 107],
      [110, 110],
    ]);
    expect(book.bestBid()).toBe(102);
    expect(book.bestAsk()).toBe(105);
    expect(book.depth('bid')).toBe(4);
    expect(book.depth('ask')).toBe(3);
    expect(book.symbol).toBe('XBTUSD');
  });

  it('sets absolute sizes, and a size <= 0 or remove() deletes the level', () => {
    const book = new OrderBook('X');
    book.set('bid', 10, 5);
    book.set('bid', 10, 7);
    expect(book.levels('bid')).toEqual([[10, 7]]);
    expect(book.sizeAt('bid', 10)).toBe(7);
    book.set('bid', 10, 0);
    expect(book.depth('bid')).toBe(0);
    book.set('ask', 20, 1);
    book.set('ask', 20, -3);
    expect(book.bestAsk()).toBeNull();
    book.set('ask', 21, 1);
    book.remove('ask', 21);
    book.remove('ask', 99); // absent: no-op
    expect(book.depth('ask')).toBe(0);
    expect(book.sizeAt('ask', 21)).toBe(0);
  });

  it('clear() empties both sides', () => {
    const book = new OrderBook('X');
    book.set('bid', 1, 1);
    book.set('ask', 2, 1);
    book.clear();
    expect([book.depth('bid'), book.depth('ask'), book.bestBid(), book.bestAsk()]).toEqual([0, 0, null, null]);
  });

  it('reports crossed (bid >= ask) only when both sides exist', () => {
    const book = new OrderBook('X');
    book.set('bid', 100, 1);
    expect(book.isCrossed()).toBe(false);
    book.set('ask', 101, 1);
    expect(book.isCrossed()).toBe(false);
    book.set('bid', 101, 1);
    expect(book.isCrossed()).toBe(true);
    book.remove('bid', 101);
    book.set('bid', 102, 1);
    expect(book.isCrossed()).toBe(true);
  });

  it('rejects non-integer tick keys and NaN sizes', () => {
    const book = new OrderBook('X');
    expect(() => book.set('bid', 100.5, 1)).toThrow(RangeError);
    expect(() => book.set('bid', Number.NaN, 1)).toThrow(RangeError);
    expect(() => book.set('bid', 100, Number.NaN)).toThrow(RangeError);
    expect(() => book.remove('ask', 0.1)).toThrow(RangeError);
  });

  it('snapshot: top levels with cumulative totals', () => {
    const book = new OrderBook('X');
    book.set('bid', 100, 1);
    book.set('bid', 99, 2);
    book.set('bid', 98, 3);
    book.set('ask', 101, 4);
    book.set('ask', 102, 5);
    expect(book.snapshot(2)).toEqual({
      bids: [
        { priceTicks: 100, size: 1, total: 1 },
        { priceTicks: 99, size: 2, total: 3 },
      ],
      asks: [
        { priceTicks: 101, size: 4, total: 4 },
        { priceTicks: 102, size: 5, total: 9 },
      ],
    });
    expect(book.snapshot(0)).toEqual({ bids: [], asks: [] });
    expect(book.snapshot(10).bids).toHaveLength(3);
  });

  it('snapshot grouping floors bids and ceils asks, so it never looks tighter or crossed', () => {
    const book = new OrderBook('X');
    // bids 1009, 1007, 1004, 999 ; asks 1011, 1012, 1020, 1021
    for (const [t, s] of [
      [1009, 1],
      [1007, 2],
      [1004, 3],
      [999, 4],
    ] as const)
      book.set('bid', t, s);
    for (const [t, s] of [
      [1011, 10],
      [1012, 20],
      [1020, 30],
      [1021, 40],
    ] as const)
      book.set('ask', t, s);
    expect(book.snapshot(2, 5)).toEqual({
      bids: [
        { priceTicks: 1005, size: 3, total: 3 }, // 1009 + 1007 floor to 1005
        { priceTicks: 1000, size: 3, total: 6 }, // 1004 floors to 1000; 999 (→ 995) is beyond depth 2
      ],
      asks: [
        { priceTicks: 1015, size: 30, total: 30 }, // 1011 + 1012 ceil to 1015
        { priceTicks: 1020, size: 30, total: 60 }, // exactly on a multiple: stays
      ],
    });
    // Grouping a tight book (bid 1009 / ask 1011) by 10 keeps bid bucket < ask bucket.
    const snap = book.snapshot(1, 10);
    expect(snap.bids[0]?.priceTicks).toBe(1000);
    expect(snap.asks[0]?.priceTicks).toBe(1020);
  });

  it('snapshot rejects a negative depth and a grouping that is not a whole number >= 1', () => {
    const book = new OrderBook('X');
    expect(() => book.snapshot(-1)).toThrow(RangeError);
    expect(() => book.snapshot(5, 0)).toThrow(RangeError);
    expect(() => book.snapshot(5, 2.5)).toThrow(RangeError);
  });

  it('matches a naive reference over 20,000 random updates on a 2,000-tick book', () => {
    const next = rng(7);
    const book = new OrderBook('X');
    const ref = reference();
    for (let i = 0; i < 20_000; i++) {
      const side: BookSide = next() < 0.5 ? 'bid' : 'ask';
      const ticks = Math.floor(next() * 2_000) + (side === 'ask' ? 1_000 : 0);
      const size = next() < 0.3 ? 0 : Math.floor(next() * 1_000);
      book.set(side, ticks, size);
      ref.set(side, ticks, size);
      if (i % 1_000 === 0) {
        expect(book.levels('bid')).toEqual(ref.levels('bid'));
        expect(book.levels('ask')).toEqual(ref.levels('ask'));
      }
    }
    expect(book.levels('bid')).toEqual(ref.levels('bid'));
    expect(book.levels('ask')).toEqual(ref.levels('ask'));
    expect(book.bestBid()).toBe(ref.levels('bid')[0]?.[0] ?? null);
    expect(book.bestAsk()).toBe(ref.levels('ask')[0]?.[0] ?? null);
    expect(book.depth('bid')).toBe(ref.levels('bid').length);
  });
});
