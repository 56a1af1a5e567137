import type {} from '@hm/engine/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type BookEvent, channel, MdKey, Topic, type TradeEvent } from '../src/contracts/topics.js';
import type { MarketBatch } from '../src/kernel/batch-source.js';
import { LiveBatchSource } from '../src/kernel/live-source.js';
import { createLogger } from '../src/log.js';
import type { Instrument } from '../src/market/instruments.js';

// The live source against the test run's Redis, each test on a market no other test publishes.
const redis = new Redis(inject('redisUrl'));
const log = createLogger('live-source-test', 'error');
const used: string[] = [];
afterAll(async () => {
  if (used.length > 0) await redis.del(...used.flatMap((s) => [MdKey.tradeStream(s), MdKey.book(s)]));
  redis.disconnect();
});

let n = 0;
function market(): Instrument {
  const symbol = `TLIVE${process.pid}X${++n}`;
  used.push(symbol);
  return {
    symbol,
    kind: 'inverse',
    tickSize: 0.5,
    lotSize: 100,
    multiplier: -100_000_000,
    underlyingToPositionMultiplier: null,
    settleCurrency: 'XBT',
    quoteCurrency: 'USD',
    underlying: 'XBT',
    referenceSymbol: '.BXBT',
  };
}

const trade = (symbol: string, seq: number, timeMs: number, price: number, side: 'BUY' | 'SELL'): TradeEvent => ({
  id: `id-${seq}`,
  market: symbol,
  seq,
  timeMs,
  price,
  size: 100 * seq,
  side,
  tickDirection: null,
});

/** What one batch held, copied out (the source reuses its buffers between batches). */
interface Seen {
  clockMs: number | undefined;
  trades: { timeMs: number; ticks: number; size: number; side: number; id: string }[];
  book: { timeMs: number; bids: [number, number][]; asks: [number, number][] } | null;
}

function copy(b: MarketBatch): Seen {
  const leg = b.legs[0];
  const t = leg?.trades;
  const bk = leg?.book;
  const trades = [];
  for (let i = 0; t && i < t.timeNs.length; i++) {
    trades.push({
      timeMs: Number((t.timeNs[i] ?? 0n) / 1_000_000n),
      ticks: t.priceTicks[i] ?? 0,
      size: t.size[i] ?? 0,
      side: t.side[i] ?? 0,
      id: t.ids.at(i) ?? '',
    });
  }
  let book: Seen['book'] = null;
  if (bk) {
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    for (let j = bk.snapshotOffset[0] ?? 0; j < (bk.snapshotOffset[1] ?? 0); j++)
      ((bk.levelSide[j] ?? 0) > 0 ? bids : asks).push([bk.levelPriceTicks[j] ?? 0, bk.levelSize[j] ?? 0]);
    book = { timeMs: Number((bk.snapshotTimeNs[0] ?? 0n) / 1_000_000n), bids, asks };
  }
  return { clockMs: b.clockMs, trades, book };
}

/** Pulls batches until `done` says enough (returns them all, copied). */
async function pull(it: AsyncIterator<MarketBatch>, done: (seen: Seen[]) => boolean): Promise<Seen[]> {
  const seen: Seen[] = [];
  while (!done(seen)) {
    const r = await it.next();
    if (r.done) break;
    seen.push(copy(r.value));
  }
  return seen;
}

describe('the live market-data source', () => {
  it('delivers the trades added to the stream after it starts, as columns in order, skipping malformed entries', async () => {
    const m = market();
    const startMs = Date.now();
    const source = new LiveBatchSource({ redis, exchange: 'bitmex', markets: [m], book: false, startMs, log });
    await redis.xadd(MdKey.tradeStream(m.symbol), '*', 'e', JSON.stringify(trade(m.symbol, 99, startMs, 1, 'BUY')));
    const it = source.batches()[Symbol.asyncIterator]();
    const first = it.next(); // starts reading
    await source.ready;
    const key = MdKey.tradeStream(m.symbol);
    // Stamped ahead of the wall clock: an event older than a clock already delivered would be
    // delivered at that clock instead.
    const t0 = Date.now() + 60_000;
    // In one transaction, so one read takes them all (a later read would deliver them at its clock).
    await redis
      .multi()
      .xadd(key, '*', 'e', JSON.stringify(trade(m.symbol, 1, t0, 50_000, 'BUY')))
      .xadd(key, '*', 'e', 'not json')
      .xadd(key, '*', 'e', JSON.stringify({ id: 'x', price: -1 }))
      .xadd(key, '*', 'e', JSON.stringify(trade(m.symbol, 2, t0 + 1, 50_000.5, 'SELL')))
      .xadd(key, '*', 'e', JSON.stringify(trade(m.symbol, 3, t0 + 2, 49_999, 'BUY')))
      .exec();
    const seen = [copy((await first).value as MarketBatch)];
    const total = () => seen.reduce((a, b) => a + b.trades.length, 0);
    while (total() < 3) seen.push(...(await pull(it, (s) => s.length >= 1)));
    const trades = seen.flatMap((s) => s.trades);
    expect(trades).toEqual([
      { timeMs: t0, ticks: 100_000, size: 100, side: 1, id: 'id-1' },
      { timeMs: t0 + 1, ticks: 100_001, size: 200, side: -1, id: 'id-2' },
      { timeMs: t0 + 2, ticks: 99_998, size: 300, side: 1, id: 'id-3' },
    ]);
    expect(source.stats).toMatchObject({ trades: 3, malformed: 2 });
    // Every batch carries the clock, never behind its trades.
    for (const s of seen) expect(s.clockMs).toBeGreaterThanOrEqual(Math.max(startMs, ...s.trades.map((t) => t.timeMs)));
    source.stop();
    await pull(it, () => false);
  });

  it('sends clock batches without market events, and stop() ends the iteration with a last clock', async () => {
    const m = market();
    const startMs = Date.now();
    const source = new LiveBatchSource({
      redis,
      exchange: 'bitmex',
      markets: [m],
      book: false,
      startMs,
      clockEveryMs: 100,
      log,
    });
    const it = source.batches()[Symbol.asyncIterator]();
    const ticks = await pull(it, (s) => s.length >= 3);
    expect(ticks.every((s) => s.trades.length === 0 && s.book === null)).toBe(true);
    const clocks = ticks.map((s) => s.clockMs ?? 0);
    expect(clocks[0]).toBeGreaterThanOrEqual(startMs);
    expect([...clocks].sort((a, b) => a - b)).toEqual(clocks);
    const stoppedAt = Date.now();
    source.stop();
    const rest = await pull(it, () => false); // returns: the iteration ended
    expect(rest.at(-1)?.clockMs).toBeGreaterThanOrEqual(stoppedAt);
    expect((await it.next()).done).toBe(true);
  });

  it('ends when its signal aborts, even while a read is blocked', async () => {
    const m = market();
    const abort = new AbortController();
    const source = new LiveBatchSource({
      redis,
      exchange: 'bitmex',
      markets: [m],
      book: false,
      startMs: Date.now(),
      clockEveryMs: 60_000,
      log,
      signal: abort.signal,
    });
    const it = source.batches()[Symbol.asyncIterator]();
    const first = it.next();
    await source.ready;
    abort.abort();
    const seen = [copy((await first).value as MarketBatch), ...(await pull(it, () => false))];
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect((await it.next()).done).toBe(true);
  });

  it('stopped while it sets up (stop requested as the session starts): ends cleanly', async () => {
    const m = market();
    const source = new LiveBatchSource({
      redis,
      exchange: 'bitmex',
      markets: [m],
      book: true,
      startMs: Date.now(),
      log,
    });
    const it = source.batches()[Symbol.asyncIterator]();
    const first = it.next(); // the reader connects and resolves the stream ids…
    source.stop(); // … and is closed under it
    expect((await first).value?.legs).toEqual([null]);
    expect((await it.next()).done).toBe(true);
  });

  it('with the book: the latest snapshot at start, then each published one', async () => {
    const m = market();
    const book = (seq: number, timeMs: number, bid: number): BookEvent => ({
      market: m.symbol,
      seq,
      timeMs,
      tickSize: 0.5,
      bids: [
        [bid, 10],
        [bid - 1, 20],
      ],
      asks: [[bid + 1, 30]],
    });
    const startMs = Date.now();
    await redis.set(MdKey.book(m.symbol), JSON.stringify(book(1, startMs - 5_000, 100_000)));
    const source = new LiveBatchSource({
      redis,
      exchange: 'bitmex',
      markets: [m],
      book: true,
      startMs,
      clockEveryMs: 100,
      log,
    });
    const it = source.batches()[Symbol.asyncIterator]();
    const first = await pull(it, (s) => s.some((b) => b.book !== null));
    const snap = first.find((b) => b.book !== null)?.book;
    // An older snapshot is delivered at the run's start (time never goes backwards).
    expect(snap).toEqual({
      timeMs: startMs,
      bids: [
        [100_000, 10],
        [99_999, 20],
      ],
      asks: [[100_001, 30]],
    });
    await redis.publish(channel(Topic.book, m.symbol), 'garbage');
    await redis.publish(channel(Topic.book, m.symbol), JSON.stringify(book(2, Date.now(), 100_010)));
    const next = await pull(it, (s) => s.some((b) => b.book !== null));
    expect(next.find((b) => b.book !== null)?.book?.bids[0]).toEqual([100_010, 10]);
    expect(source.stats.malformed).toBe(1);
    source.stop();
    await pull(it, () => false);
  });
});
