import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from '@hm/engine/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisPublisher } from '../src/adapters/redis-publisher.js';
import { ArchiveCollector, collectorCheckpointKey } from '../src/archive/collector.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { readMarket } from '../src/archive/market-reader.js';
import { type BookEvent, channel, MdKey, Topic, type TradeEvent } from '../src/contracts/topics.js';
import { createLogger } from '../src/log.js';
import { applyBookEvent, emptyBook } from './support/book-replay.js';

// The collector against the real Redis of the test run, on a market no other test publishes.
const SYMBOL = `TCOL${process.pid}`;
const TICK = 1e-8; // not in the catalogue: the finest tick
const H = Date.UTC(2026, 10, 30, 12, 0, 0);
const dir = mkdtempSync(path.join(tmpdir(), 'hm-collector-'));
const store = new LocalArchiveStore(dir);
const redisUrl = inject('redisUrl');
const admin = new Redis(redisUrl);
afterAll(async () => {
  await admin.del(MdKey.tradeStream(SYMBOL), collectorCheckpointKey('bitmex', SYMBOL));
  admin.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
const trade = (timeMs: number, price: number): TradeEvent => ({
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  market: SYMBOL,
  seq,
  timeMs,
  price,
  size: 100 * seq,
  side: seq % 2 ? 'BUY' : 'SELL',
  tickDirection: null,
});
const book = (timeMs: number, bids: [number, number][], asks: [number, number][]): BookEvent => ({
  market: SYMBOL,
  seq: ++seq,
  timeMs,
  tickSize: TICK,
  bids,
  asks,
});

async function publishTrades(trades: TradeEvent[]): Promise<void> {
  const publisher = new RedisPublisher(admin);
  for (const t of trades) publisher.trade(t);
  await publisher.close();
}

/** Runs a collector until `during` is done and one more flush of the market has happened. */
async function collect(
  during: (flushed: () => Promise<void>, bookEvents: (n: number) => Promise<void>) => Promise<void>,
): Promise<ArchiveCollector> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
  let waiters: (() => void)[] = [];
  let books = 0;
  let bookWaiter: { n: number; resolve: () => void } | null = null;
  const collector = new ArchiveCollector({
    store,
    redis,
    subscriber,
    exchange: 'bitmex',
    symbols: [SYMBOL],
    flushEveryMs: 1_000,
    log: createLogger('collector-test', 'error'),
    onFlush: () => {
      for (const w of waiters) w();
      waiters = [];
    },
    onBookEvent: () => {
      books += 1;
      if (bookWaiter && books >= bookWaiter.n) bookWaiter.resolve();
    },
  });
  const bookEvents = (n: number) =>
    new Promise<void>((resolve) => {
      if (books >= n) resolve();
      else bookWaiter = { n, resolve };
    });
  const flushed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const stop = new AbortController();
  const running = collector.run(stop.signal);
  try {
    await during(flushed, bookEvents);
  } finally {
    stop.abort();
    await running;
    redis.disconnect();
    subscriber.disconnect();
  }
  return collector;
}

async function archivedTrades() {
  const out: { id: string; timeMs: number; price: number; size: number; side: number }[] = [];
  for await (const e of readMarket(store, {
    exchange: 'bitmex',
    symbol: SYMBOL,
    fromMs: H - 3_600_000,
    toMs: H + 3_600_000,
    book: false,
  })) {
    if (e.type === 'trade')
      out.push({
        id: e.id,
        timeMs: Number(e.timeNs / 1_000_000n),
        price: Number((e.priceTicks * e.tickSize).toFixed(8)),
        size: e.size,
        side: e.side,
      });
  }
  return out;
}
const expected = (ts: TradeEvent[]) =>
  ts.map((t) => ({ id: t.id, timeMs: t.timeMs, price: t.price, size: t.size, side: t.side === 'BUY' ? 1 : -1 }));

describe('archive collector (market mode)', { shuffle: false }, () => {
  const first = [trade(H - 60_000, 90_000.5), trade(H - 1_000, 90_001), trade(H + 5_000, 90_002.25)];
  const second = [trade(H + 10_000, 90_003), trade(H + 20_000, 90_001.75)];

  it('writes streamed trades into their hours and the book as snapshot + deltas; a stop flushes', async () => {
    await publishTrades(first);
    const collector = await collect(async (flushed, bookEvents) => {
      await flushed();
      await admin.xadd(MdKey.tradeStream(SYMBOL), '*', 'e', '{"not":"a trade"}');
      const events = [
        book(H + 6_000, [[9_000_000_000_000, 5]], [[9_000_010_000_000, 7]]),
        book(
          H + 7_000,
          [[9_000_000_000_000, 8]],
          [
            [9_000_010_000_000, 7],
            [9_000_020_000_000, 1],
          ],
        ),
        book(H + 8_000, [[8_999_990_000_000, 2]], [[9_000_020_000_000, 1]]),
      ];
      for (const e of events) await admin.publish(channel(Topic.book, SYMBOL), JSON.stringify(e));
      await bookEvents(events.length); // the stop's flush then writes them
    });
    expect(collector.stats.skipped).toBe(1);
    expect(await archivedTrades()).toEqual(expected(first));
    // Replaying the archived book gives the last published book.
    const replayed = emptyBook();
    for await (const e of readMarket(store, {
      exchange: 'bitmex',
      symbol: SYMBOL,
      fromMs: H,
      toMs: H + 3_600_000,
      trades: false,
    }))
      applyBookEvent(replayed, e);
    expect([...replayed.bids]).toEqual([[8_999_990_000_000, 2]]);
    expect([...replayed.asks]).toEqual([[9_000_020_000_000, 1]]);
  });

  it('resumes from its checkpoint after a restart: nothing lost, nothing twice', async () => {
    await publishTrades(second); // the feed went on while no collector ran
    await collect(async (flushed) => {
      await flushed();
    });
    const all = await archivedTrades();
    expect(all).toEqual(expected([...first, ...second]));
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  });
});
