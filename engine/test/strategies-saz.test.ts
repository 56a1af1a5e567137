import { describe, expect, it } from 'vitest';
import { OrderBook } from '../src/market/order-book.js';
import type { BookView, Fill } from '../src/strategy/sdk.js';
import { sazBot } from '../src/strategy/strategies/saz-bot.js';
import { fakeCtx } from './support/fake-strategy-context.js';

function fill(side: 'buy' | 'sell', tag: string, timeMs: number): Fill {
  return { orderId: 'o', tag, symbol: 'XBTUSD', side, price: 10_000, qty: 100, fee: 0, liquidity: 'taker', timeMs };
}

/**
 * Best bid 20000, best ask 20002 ticks → mid 20001. Default bands: bids in [15000.75, 19800.99],
 * asks in [20201.01, 25001.25]. The best levels (inside band_min) and the far levels (beyond
 * band_max) are huge, so counting any of them would swamp the ratio.
 */
function makeBook(inBandBid: number, inBandAsk: number): OrderBook {
  const book = new OrderBook('XBTUSD');
  book.set('bid', 20_000, 5_000);
  book.set('bid', 19_801, 5_000); // just inside band_min
  book.set('bid', 19_700, inBandBid);
  book.set('bid', 15_001, 0.5);
  book.set('bid', 15_000, 9_000); // just beyond band_max
  book.set('ask', 20_002, 1);
  book.set('ask', 20_201, 7_000); // just inside band_min
  book.set('ask', 20_300, inBandAsk);
  book.set('ask', 25_002, 9_000); // just beyond band_max
  return book;
}

function view(book: OrderBook, timeMs: number): BookView {
  return {
    symbol: 'XBTUSD',
    timeMs,
    tickSize: 0.5,
    book,
    changeSide: 0,
    changeTicks: 0,
    changeSize: 0,
    changePrevSize: 0,
  };
}

describe('SazBot', () => {
  it('reads the book only', () => {
    expect(sazBot.usesBook).toBe(true);
  });

  it('enters long at ratio ≥ 1.5 counting only levels within the bands', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({}), ctx.markets);
    // 299.5 + 0.5 = 300 vs 200: exactly 1.5.
    expect(bot.onBook?.(view(makeBook(299.5, 200), 0), ctx)).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100, tag: 'entry' },
    ]);
    const below = sazBot.create(sazBot.params.parse({}), ctx.markets);
    expect(below.onBook?.(view(makeBook(299.5, 201), 0), ctx)).toBeUndefined();
  });

  it('enters short at ratio ≤ 1/1.5 and covers when the ratio reverts to ≥ 1', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({ trade_size: 3 }), ctx.markets);
    expect(bot.onBook?.(view(makeBook(199.5, 299), 0), ctx)).toBeUndefined(); // 200/299 > 1/1.5
    expect(bot.onBook?.(view(makeBook(199.5, 300), 1), ctx)).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 3, tag: 'entry' },
    ]);
    bot.onFill?.({ ...fill('sell', 'entry', 1), qty: 3 }, ctx);
    ctx.positions.set('XBTUSD', -3);
    expect(bot.onBook?.(view(makeBook(249.5, 300), 2), ctx)).toBeUndefined();
    expect(bot.onBook?.(view(makeBook(299.5, 300), 3), ctx)).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 3, reduceOnly: true, tag: 'exit' },
    ]);
  });

  it('sends no duplicate while the entry is pending, exits a long when the ratio falls to 1', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({}), ctx.markets);
    const strong = makeBook(999.5, 200);
    expect(bot.onBook?.(view(strong, 0), ctx)).toHaveLength(1);
    ctx.nowMs = 5;
    expect(bot.onBook?.(view(strong, 5), ctx)).toBeUndefined();
    bot.onFill?.(fill('buy', 'entry', 10), ctx);
    ctx.positions.set('XBTUSD', 100);
    ctx.nowMs = 20;
    expect(bot.onBook?.(view(makeBook(250.5, 200), 20), ctx)).toBeUndefined(); // 1.25: hold
    expect(bot.onBook?.(view(makeBook(199.5, 200), 21), ctx)).toEqual([
      { kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 100, reduceOnly: true, tag: 'exit' },
    ]);
  });

  it('exits after timeout_s in the position, by timer or on the next book event', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({ timeout_s: 300 }), ctx.markets);
    const strong = makeBook(999.5, 200);
    bot.onBook?.(view(strong, 0), ctx);
    ctx.positions.set('XBTUSD', 100);
    expect(bot.onFill?.(fill('buy', 'entry', 1_000), ctx)).toEqual([
      { kind: 'timer', atMs: 301_000, tag: 'saz-timeout' },
    ]);
    ctx.nowMs = 300_999;
    expect(bot.onBook?.(view(strong, ctx.nowMs), ctx)).toBeUndefined();
    expect(bot.onTimer?.('saz-timeout', ctx)).toBeUndefined();
    ctx.nowMs = 301_000;
    const exit = [{ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 100, reduceOnly: true, tag: 'exit' }];
    expect(bot.onTimer?.('saz-timeout', ctx)).toEqual(exit);

    const viaBook = sazBot.create(sazBot.params.parse({}), ctx.markets);
    ctx.nowMs = 0;
    viaBook.onBook?.(view(strong, 0), ctx);
    viaBook.onFill?.(fill('buy', 'entry', 1_000), ctx);
    ctx.nowMs = 301_500;
    expect(viaBook.onBook?.(view(strong, ctx.nowMs), ctx)).toEqual(exit);
  });

  it('evaluates at most every eval_interval_ms of book time', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({ eval_interval_ms: 1_000 }), ctx.markets);
    expect(bot.onBook?.(view(makeBook(100, 100), 0), ctx)).toBeUndefined();
    expect(bot.onBook?.(view(makeBook(999.5, 200), 999), ctx)).toBeUndefined(); // skipped
    expect(bot.onBook?.(view(makeBook(999.5, 200), 1_000), ctx)).toHaveLength(1);
  });

  it('ignores other symbols, one-sided books and empty bands', () => {
    const ctx = fakeCtx(['XBTUSD']);
    const bot = sazBot.create(sazBot.params.parse({}), ctx.markets);
    expect(bot.onBook?.({ ...view(makeBook(999, 1), 0), symbol: 'ETHUSD' }, ctx)).toBeUndefined();
    const oneSided = new OrderBook('XBTUSD');
    oneSided.set('bid', 19_700, 1_000);
    expect(bot.onBook?.(view(oneSided, 0), ctx)).toBeUndefined();
    const empty = new OrderBook('XBTUSD');
    empty.set('bid', 20_000, 1_000);
    empty.set('ask', 20_002, 1);
    expect(bot.onBook?.(view(empty, 0), ctx)).toBeUndefined();
  });
});

describe('SazBot running band sums', () => {
  it('decides on every event exactly as walking the whole book would, through level changes, new bests and removals', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const params = sazBot.params.parse({ band_min: 0.001, band_max: 0.01, entry_ratio: 1.05 });
    const ctxA = fakeCtx(['XBTUSD']);
    const ctxB = fakeCtx(['XBTUSD']);
    const running = sazBot.create(params, ctxA.markets);
    const walking = sazBot.create(params, ctxB.markets);
    const book = new OrderBook('XBTUSD');
    for (let k = 1; k <= 40; k++) {
      book.set('bid', 20_000 - k * 5, 100 * k);
      book.set('ask', 20_000 + k * 5, 100 * k);
    }
    let entries = 0;
    let exits = 0;
    for (let e = 0; e < 5_000; e++) {
      const bid = rnd() < 0.5;
      // Mostly changes inside the book, sometimes a new best or a removal (size 0).
      const ticks = bid ? 20_000 - Math.floor(rnd() * 220) : 20_000 + 1 + Math.floor(rnd() * 220);
      const size = rnd() < 0.15 ? 0 : 100 * (1 + Math.floor(rnd() * 60));
      if (bid && ticks >= (book.bestAsk() ?? Number.POSITIVE_INFINITY)) continue;
      if (!bid && ticks <= (book.bestBid() ?? Number.NEGATIVE_INFINITY)) continue;
      const prev = book.set(bid ? 'bid' : 'ask', ticks, size);
      const base = { symbol: 'XBTUSD', timeMs: e, tickSize: 0.5, book };
      const a = running.onBook?.(
        { ...base, changeSide: bid ? 1 : -1, changeTicks: ticks, changeSize: size, changePrevSize: prev },
        ctxA,
      );
      const b = walking.onBook?.({ ...base, changeSide: 0, changeTicks: 0, changeSize: 0, changePrevSize: 0 }, ctxB);
      expect(a, `event ${e}`).toEqual(b);
      // Fill whatever was sent at once, on both, so positions move and both entries and exits happen.
      for (const [bot, ctx] of [
        [running, ctxA],
        [walking, ctxB],
      ] as const) {
        const intent = (bot === running ? a : b)?.[0];
        if (intent?.kind !== 'market') continue;
        ctx.nowMs = e;
        bot.onFill?.({ ...fill(intent.side, intent.tag ?? '', e), qty: intent.qty }, ctx);
        const pos = ctx.positions.get('XBTUSD') ?? 0;
        ctx.positions.set('XBTUSD', pos + (intent.side === 'buy' ? intent.qty : -intent.qty));
        if (bot === running) intent.tag === 'entry' ? entries++ : exits++;
      }
    }
    expect(entries, 'the sequence exercises entries').toBeGreaterThan(5);
    expect(exits, 'and exits').toBeGreaterThan(5);
  });
});
