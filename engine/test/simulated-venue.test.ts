import { describe, expect, it } from 'vitest';
import { getInstrument } from '../src/market/instruments.js';
import { OrderBook } from '../src/market/order-book.js';
import type { OrderIntent, TradeView } from '../src/strategy/sdk.js';
import { DEFAULT_FEE_RATES, defaultFees, SimulatedVenue } from '../src/venue/simulated-venue.js';

/** XBTUSD: inverse, tick 0.1 USD (1 tick = 0.1), lot 100 contracts; fee base = qty / price XBT. */
const XBT = getInstrument('XBTUSD');
const FEES = { maker: -0.00025, taker: 0.00075 };

function setup(opts: { latencyMs?: number; position?: number } = {}) {
  const pos = { value: opts.position ?? 0 };
  const venue = new SimulatedVenue({
    instruments: [XBT, getInstrument('XBTUSDT')],
    fees: { XBTUSD: FEES },
    latencyMs: opts.latencyMs ?? 0,
    positionOf: (symbol) => (symbol === 'XBTUSD' ? pos.value : 0),
    idPrefix: 'o',
  });
  const book = new OrderBook('XBTUSD');
  return { venue, book, pos };
}

/** Price 10000.0 is 100000 ticks. */
const T = (price: number) => Math.round(price * 10);

function trade(timeMs: number, price: number, size: number, side: 1 | -1): TradeView {
  return { symbol: 'XBTUSD', timeMs, price, priceTicks: T(price), size, side };
}

function standardBook(book: OrderBook) {
  book.set('bid', T(9999.5), 400);
  book.set('bid', T(9999), 1000);
  book.set('ask', T(10000), 300);
  book.set('ask', T(10000.5), 200);
  book.set('ask', T(10001), 1000);
}

describe('SimulatedVenue', () => {
  it('walks the asks level by level for a market buy, one taker fill per level with its fee', () => {
    const { venue, book } = setup();
    standardBook(book);
    venue.onBook('XBTUSD', book, 1000);
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 700, tag: 'entry' }, 1000);
    venue.advance(1000);
    const fills = venue.drainFills();
    expect(fills.map((f) => [f.price, f.qty, f.liquidity, f.orderId, f.tag, f.side])).toEqual([
      [10000, 300, 'taker', 'o1', 'entry', 'buy'],
      [10000.5, 200, 'taker', 'o1', 'entry', 'buy'],
      [10001, 200, 'taker', 'o1', 'entry', 'buy'],
    ]);
    expect(fills[0]?.fee).toBeCloseTo((300 / 10000) * 0.00075, 15);
    expect(fills[1]?.fee).toBeCloseTo((200 / 10000.5) * 0.00075, 15);
    expect(fills[2]?.fee).toBeCloseTo((200 / 10001) * 0.00075, 15);
    // The market's book is read, never consumed.
    expect(book.sizeAt('ask', T(10000))).toBe(300);
    expect(venue.drainFills()).toEqual([]);
    expect(venue.drainRejects()).toEqual([]);
  });

  it('market sell walks the bids; beyond the depth the rest is rejected; empty side uses the last trade or rejects', () => {
    const { venue, book } = setup();
    standardBook(book);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 1600, tag: 'x' }, 0);
    venue.advance(0);
    expect(venue.drainFills().map((f) => [f.price, f.qty])).toEqual([
      [9999.5, 400],
      [9999, 1000],
    ]);
    expect(venue.drainRejects().map((r) => r.reason)).toEqual([
      "no liquidity: 200 of 1600 contracts beyond the book's depth",
    ]);

    const empty = new OrderBook('XBTUSD');
    venue.onBook('XBTUSD', empty, 1);
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100 }, 1);
    venue.advance(1);
    expect(venue.drainFills()).toEqual([]);
    expect(venue.drainRejects()[0]?.reason).toMatch(/^no liquidity/);

    venue.onTrade(trade(2, 10002.5, 100, 1));
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100 }, 2);
    venue.advance(2);
    expect(venue.drainFills().map((f) => [f.price, f.qty, f.liquidity])).toEqual([[10002.5, 100, 'taker']]);
  });

  it('rejects a post-only limit that would cross, and rests one that would not', () => {
    const { venue, book } = setup();
    standardBook(book);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 10000, postOnly: true }, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'sell', qty: 100, price: 9999.5, postOnly: true }, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9999.9, postOnly: true }, 0);
    venue.advance(0);
    expect(venue.drainRejects().map((r) => r.reason)).toEqual([
      'post-only order would cross the book',
      'post-only order would cross the book',
    ]);
    expect(venue.openOrders()).toEqual([
      { orderId: 'o3', clientId: undefined, symbol: 'XBTUSD', side: 'buy', price: 9999.9, leavesQty: 100 },
    ]);
  });

  it('a crossing limit takes up to its price and rests the remainder', () => {
    const { venue, book } = setup();
    standardBook(book);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 800, price: 10000.5, clientId: 'a' }, 0);
    venue.advance(0);
    expect(venue.drainFills().map((f) => [f.price, f.qty, f.liquidity])).toEqual([
      [10000, 300, 'taker'],
      [10000.5, 200, 'taker'],
    ]);
    expect(venue.openOrders('XBTUSD')).toEqual([
      { orderId: 'o1', clientId: 'a', symbol: 'XBTUSD', side: 'buy', price: 10000.5, leavesQty: 300 },
    ]);
  });

  it('a resting buy fills only after the 500 contracts queued ahead traded at its price, then partially', () => {
    const { venue, book } = setup();
    standardBook(book);
    book.set('bid', T(9999.5), 500);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 300, price: 9999.5, clientId: 'q' }, 0);
    venue.advance(0);
    venue.onTrade(trade(1, 9999.5, 300, -1));
    venue.onTrade(trade(2, 9999.5, 200, -1));
    // A buy aggressor or a print above our price never fills a resting buy.
    venue.onTrade(trade(3, 10000, 1000, 1));
    venue.onTrade(trade(3, 10000, 1000, -1));
    expect(venue.drainFills()).toEqual([]);
    venue.onTrade(trade(4, 9999.5, 100, -1));
    const fills = venue.drainFills();
    expect(fills.map((f) => [f.price, f.qty, f.liquidity, f.timeMs])).toEqual([[9999.5, 100, 'maker', 4]]);
    expect(fills[0]?.fee).toBeCloseTo((100 / 9999.5) * -0.00025, 15);
    expect(venue.openOrders()[0]?.leavesQty).toBe(200);
    // The queue is gone: the next print at the price fills the rest (capped at our leaves).
    venue.onTrade(trade(5, 9999.5, 1000, -1));
    expect(venue.drainFills().map((f) => f.qty)).toEqual([200]);
    expect(venue.openOrders()).toEqual([]);
  });

  it('a print through a resting order fills it without queue, up to the print size', () => {
    const { venue, book } = setup();
    standardBook(book);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'sell', qty: 500, price: 10000.5 }, 0);
    venue.advance(0);
    venue.onTrade(trade(1, 10001, 300, 1));
    expect(venue.drainFills().map((f) => [f.side, f.price, f.qty, f.liquidity])).toEqual([
      ['sell', 10000.5, 300, 'maker'],
    ]);
    venue.onTrade(trade(2, 10001, 1000, 1));
    expect(venue.drainFills().map((f) => f.qty)).toEqual([200]);
    expect(venue.openOrders()).toEqual([]);
  });

  it('two own orders share one print: price priority, and the queue shrinks by what we did not take', () => {
    const { venue, book } = setup();
    book.set('bid', T(9999.5), 300);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9999.5 }, 0);
    venue.advance(0);
    book.set('bid', T(9999.5), 500);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9999.5 }, 1);
    venue.advance(1);
    // 300 queue, then our first 100, then 50 of the 500 ahead of the second order.
    venue.onTrade(trade(2, 9999.5, 450, -1));
    expect(venue.drainFills().map((f) => [f.orderId, f.qty])).toEqual([['o1', 100]]);
    venue.onTrade(trade(3, 9999.5, 150, -1));
    expect(venue.drainFills()).toEqual([]);
    venue.onTrade(trade(4, 9999.5, 60, -1));
    expect(venue.drainFills().map((f) => [f.orderId, f.qty])).toEqual([['o2', 60]]);
  });

  it('latency: an order acts at submit + latency, not a millisecond earlier', () => {
    const { venue, book } = setup({ latencyMs: 50 });
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9990, clientId: 'l' }, 100);
    venue.onTrade(trade(149, 9980, 1000, -1));
    expect(venue.drainFills()).toEqual([]);
    expect(venue.openOrders()).toEqual([]);
    venue.onTrade(trade(150, 9980, 1000, -1));
    expect(venue.drainFills().map((f) => [f.price, f.qty, f.timeMs])).toEqual([[9990, 100, 150]]);

    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 100 }, 200);
    venue.advance(249);
    expect(venue.drainFills()).toEqual([]);
    venue.advance(260);
    expect(venue.drainFills().map((f) => [f.price, f.qty, f.timeMs])).toEqual([[9980, 100, 260]]);
  });

  it('cancel and cancelAll act after the latency; unknown orders are rejected', () => {
    const { venue, book } = setup({ latencyMs: 10 });
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9990, clientId: 'c' }, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'sell', qty: 100, price: 10010 }, 0);
    venue.advance(10);
    venue.submit({ kind: 'cancel', clientId: 'c' }, 20);
    venue.onTrade(trade(29, 9990, 100, -1));
    expect(venue.drainFills().map((f) => f.orderId)).toEqual(['o1']);

    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9990, clientId: 'd' }, 30);
    venue.advance(40);
    venue.submit({ kind: 'cancel', clientId: 'd' }, 40);
    venue.advance(49);
    expect(venue.openOrders().map((o) => o.orderId)).toEqual(['o2', 'o3']);
    venue.onTrade(trade(50, 9990, 100, -1));
    expect(venue.drainFills()).toEqual([]);
    expect(venue.openOrders().map((o) => o.orderId)).toEqual(['o2']);

    venue.submit({ kind: 'cancel', clientId: 'nope' }, 60);
    venue.submit({ kind: 'cancelAll', symbol: 'XBTUSD' }, 60);
    venue.advance(69);
    expect(venue.openOrders()).toHaveLength(1);
    venue.advance(70);
    expect(venue.openOrders()).toEqual([]);
    // `c` had filled before its cancel arrived; `nope` never existed. Rejects carry the time they were processed.
    expect(venue.drainRejects().map((r) => [r.reason, r.timeMs])).toEqual([
      ['unknown order', 40],
      ['unknown order', 70],
    ]);
  });

  it('reduce-only: rejects growing the position, cuts a flip to the position, counts undrained fills', () => {
    const { venue, book, pos } = setup({ position: 300 });
    standardBook(book);
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100, reduceOnly: true }, 0);
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 1000, reduceOnly: true }, 0);
    // The 300 sold above are not drained yet: this one would open a short.
    venue.submit({ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 100, reduceOnly: true }, 0);
    venue.advance(0);
    expect(venue.drainFills().map((f) => [f.side, f.qty])).toEqual([['sell', 300]]);
    expect(venue.drainRejects().map((r) => r.reason)).toEqual([
      'reduce-only order would increase the position',
      'reduce-only order would increase the position',
    ]);

    // A resting reduce-only order is clamped when it fills, and cancelled once the position is flat.
    pos.value = -200;
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 200, price: 9990, reduceOnly: true }, 1);
    venue.advance(1);
    pos.value = -100;
    venue.onTrade(trade(2, 9980, 1000, -1));
    expect(venue.drainFills().map((f) => f.qty)).toEqual([100]);
    expect(venue.openOrders()[0]?.leavesQty).toBe(100);
    pos.value = 0;
    venue.onTrade(trade(3, 9980, 1000, -1));
    expect(venue.drainFills()).toEqual([]);
    expect(venue.drainRejects().map((r) => r.reason)).toEqual([
      'reduce-only order cancelled: it would increase the position',
    ]);
    expect(venue.openOrders()).toEqual([]);
  });

  it('rejects bad lots, off-tick prices, unknown markets and timers at submit', () => {
    const { venue } = setup();
    const bad: OrderIntent[] = [
      { kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 150 },
      { kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 0, price: 10000 },
      { kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 10000.05 },
      { kind: 'limit', symbol: 'XBTUSDT', side: 'sell', qty: 1000, price: 10000.25 },
      { kind: 'market', symbol: 'DOGEUSD', side: 'buy', qty: 1 },
      { kind: 'timer', atMs: 5, tag: 't' },
    ];
    for (const i of bad) venue.submit(i, 7);
    expect(venue.drainRejects().map((r) => [r.reason, r.timeMs])).toEqual([
      ['qty 150 must be a positive multiple of the lot size 100', 7],
      ['qty 0 must be a positive multiple of the lot size 100', 7],
      ['price 10000.05 is not a positive multiple of the tick size 0.1', 7],
      ['price 10000.25 is not a positive multiple of the tick size 0.5', 7],
      ['unknown market DOGEUSD', 7],
      ['timer intents are handled by the kernel, not the venue', 7],
    ]);
    expect(venue.openOrders()).toEqual([]);
  });

  it('uses the documented default fees for symbols without a schedule', () => {
    expect(defaultFees(XBT)).toEqual({ maker: 0.0002, taker: 0.00075 });
    expect(DEFAULT_FEE_RATES).toEqual({ maker: 0.0002, taker: 0.00075 });
    const venue = new SimulatedVenue({ instruments: [getInstrument('XBTUSDT')], latencyMs: 0, positionOf: () => 0 });
    const book = new OrderBook('XBTUSDT');
    book.set('ask', 2 * 50_000, 5000);
    venue.onBook('XBTUSDT', book, 0);
    venue.submit({ kind: 'market', symbol: 'XBTUSDT', side: 'buy', qty: 2000 }, 0);
    venue.advance(0);
    const [fill] = venue.drainFills();
    expect(fill?.orderId).toBe('sim-1');
    // Linear: 2000 contracts = 0.002 XBT at 50000 USDT = 100 USDT notional.
    expect(fill?.fee).toBeCloseTo(100 * 0.00075, 12);
  });

  it('rejects a second live order with the same clientId', () => {
    const { venue, book } = setup();
    venue.onBook('XBTUSD', book, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9990, clientId: 'x' }, 0);
    venue.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9980, clientId: 'x' }, 0);
    venue.advance(0);
    expect(venue.drainRejects().map((r) => r.reason)).toEqual(['duplicate clientId x']);
    expect(venue.openOrders().map((o) => o.price)).toEqual([9990]);
  });

  it('does nothing on trades when no order rests or waits (speed is measured by npm run bench)', () => {
    const { venue } = setup();
    const t = trade(0, 10000, 100, 1);
    for (let i = 0; i < 10_000; i++) {
      t.timeMs = i;
      t.side = i & 1 ? 1 : -1;
      venue.onTrade(t);
    }
    expect(venue.drainFills()).toEqual([]);
    expect(venue.drainRejects()).toEqual([]);
  });

  it('is deterministic: the same calls give the same fills and rejects', () => {
    const run = () => {
      const { venue, book } = setup({ latencyMs: 7 });
      const out: unknown[] = [];
      let seed = 1;
      const next = () => {
        seed = (seed * 48271) % 2147483647;
        return seed / 2147483647;
      };
      for (let t = 0; t < 2000; t++) {
        const mid = 10000 + Math.round((next() - 0.5) * 20) / 10;
        book.clear();
        book.set('bid', T(mid - 0.5), 100 * Math.ceil(next() * 10));
        book.set('ask', T(mid + 0.5), 100 * Math.ceil(next() * 10));
        venue.onBook('XBTUSD', book, t);
        venue.onTrade(trade(t, mid, 100 * Math.ceil(next() * 5), next() < 0.5 ? 1 : -1));
        const r = next();
        const side = next() < 0.5 ? 'buy' : 'sell';
        if (r < 0.05) venue.submit({ kind: 'market', symbol: 'XBTUSD', side, qty: 100 }, t);
        else if (r < 0.3)
          venue.submit(
            { kind: 'limit', symbol: 'XBTUSD', side, qty: 200, price: mid + (side === 'buy' ? -0.5 : 0.5) },
            t,
          );
        else if (r < 0.35) venue.submit({ kind: 'cancelAll' }, t);
        out.push(venue.drainFills(), venue.drainRejects());
      }
      return out;
    };
    const a = run();
    expect(a.flat().length).toBeGreaterThan(100);
    expect(run()).toEqual(a);
  });
});
