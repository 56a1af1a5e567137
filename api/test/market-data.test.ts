import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedisPublisher } from '@hm/engine/adapters/redis-publisher';
import { connectFeed, type FeedClient } from '@hm/engine/bitmex/feed-client';
import { listInstruments } from '@hm/engine/contracts';
import { createLogger } from '@hm/engine/log';
import { feedTopics, MarketDataPipeline } from '@hm/engine/market-data';
import { ensureRedis, type RunningRedis } from '@hm/engine/services';
import { type RunningSimulator, startSimulator } from '@hm/engine/simulator';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { gql, startTestApp, wsClient } from './support.js';

// The whole live path on real parts: simulator → feed client → pipeline → Redis → API → graphql-ws.
// A Redis of its own, so no other test's XBTUSD events reach these subscriptions.
let dir: string;
let redisServer: RunningRedis;
let redis: Redis;
let sim: RunningSimulator;
let feed: FeedClient;
let publisher: RedisPublisher;
let app: App;
let client: Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-md-'));
  redisServer = await ensureRedis({ preferLocalDefault: false, dataDir: dir });
  redis = new Redis(redisServer.url);
  sim = await startSimulator({ port: 0, seed: 21, speed: 30, instruments: listInstruments() });
  publisher = new RedisPublisher(redis);
  const log = createLogger('test', 'error');
  let live: FeedClient | null = null;
  const pipeline = new MarketDataPipeline(['XBTUSD', 'ETHUSD'], publisher, log, (t) => live?.resubscribe(t));
  live = connectFeed({
    url: sim.url,
    topics: feedTopics(['XBTUSD', 'ETHUSD'], 'orderBookL2_25'),
    log,
    onMessage: (m) => pipeline.handle(m),
    onReconnect: () => pipeline.reset(),
  });
  feed = live;
  app = await startTestApp({ redisUrl: redisServer.url });
  client = wsClient(app.url);
});

afterAll(async () => {
  await client?.dispose();
  await app?.stop();
  await feed?.close();
  await publisher?.close();
  await sim?.close();
  redis?.disconnect();
  await redisServer?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Collects a subscription's events until `done(events)` holds, then unsubscribes. */
function collect<T>(
  query: string,
  pick: (data: Record<string, unknown>) => T,
  done: (events: T[]) => boolean,
): Promise<T[]> {
  const events: T[] = [];
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query },
      {
        next: (v) => {
          if (v.errors) return reject(new Error(JSON.stringify(v.errors)));
          events.push(pick(v.data as Record<string, unknown>));
          if (done(events)) {
            stop();
            resolve(events);
          }
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  });
}

type Level = { price: number; size: number; total: number };
type Book = { market: string; bids: Level[]; asks: Level[]; grouping: number };
type Trade = { id: string; timeMs: number; price: number; size: number; side: string };
type Candle = { time: number; open: number; high: number; low: number; close: number; volume: number };

it('streams order books best first with cumulative totals, never crossed, grouped on request', async () => {
  const books = await collect<Book>(
    'subscription { orderBook(market: "XBTUSD", depth: 10) { market grouping bids { price size total } asks { price size total } } }',
    (d) => d.orderBook as Book,
    (e) => e.length >= 5,
  );
  for (const b of books) {
    expect(b.bids.length).toBe(10);
    expect(b.bids[0]?.price ?? 0).toBeLessThan(b.asks[0]?.price ?? 0);
    for (let i = 1; i < b.bids.length; i++) {
      expect(b.bids[i]?.price).toBeLessThan(b.bids[i - 1]?.price ?? 0);
      expect(b.asks[i]?.price).toBeGreaterThan(b.asks[i - 1]?.price ?? 0);
      expect(b.bids[i]?.total).toBe((b.bids[i - 1]?.total ?? 0) + (b.bids[i]?.size ?? 0));
    }
  }
  const grouped = await gql<{ orderBook: Book }>(
    app.url,
    '{ orderBook(market: "XBTUSD", depth: 5, grouping: 5) { grouping bids { price size total } asks { price } } }',
  );
  expect(grouped.data?.orderBook.grouping).toBe(5);
  for (const l of grouped.data?.orderBook.bids ?? []) expect(l.price % 5).toBe(0);
  const bad = await gql(app.url, '{ orderBook(market: "XBTUSD", grouping: 0.05) { grouping } }');
  expect(bad.errors?.[0]?.message).toMatch(/grouping must be a positive multiple of XBTUSD's tick size 0.1/);
});

it('candles equal an independent aggregation of the trades the same client received', async () => {
  const trades: Trade[] = [];
  const tradeStream = client.subscribe(
    { query: 'subscription { trades(market: "XBTUSD", snapshot: 0) { id timeMs price size side } }' },
    { next: (v) => trades.push((v.data as { trades: Trade }).trades), error: () => {}, complete: () => {} },
  );
  let firstBucket: number | null = null;
  const candles = await collect<Candle>(
    'subscription { candles(market: "XBTUSD", period: M1) { time open high low close volume } }',
    (d) => d.candles as Candle,
    // Done when a bucket that opened after we subscribed has closed (a later one is forming).
    (e) => {
      const first = e[0]?.time ?? null;
      firstBucket ??= first;
      const times = [...new Set(e.map((c) => c.time))];
      return first !== null && times.filter((t) => t > first).length >= 2;
    },
  );
  tradeStream();
  const bucket = [...new Set(candles.map((c) => c.time))].filter((t) => t > (firstBucket ?? 0))[0] ?? 0;
  const inBucket = trades.filter((t) => Math.floor(t.timeMs / 60_000) * 60 === bucket);
  expect(inBucket.length).toBeGreaterThan(0);
  expect(new Set(trades.map((t) => t.id)).size, 'no trade delivered twice').toBe(trades.length);
  const last = candles.filter((c) => c.time === bucket).at(-1);
  expect(last).toEqual({
    time: bucket,
    open: inBucket[0]?.price,
    high: Math.max(...inBucket.map((t) => t.price)),
    low: Math.min(...inBucket.map((t) => t.price)),
    close: inBucket.at(-1)?.price,
    volume: inBucket.reduce((s, t) => s + t.size, 0),
  });
  const history = await gql<{ candles: Candle[] }>(
    app.url,
    '{ candles(market: "XBTUSD", period: M1, limit: 5) { time volume } }',
  );
  expect(history.data?.candles.map((c) => c.time)).toContain(bucket);
});

it('serves the ticker with real exchange statistics and recent trades newest first', async () => {
  const tickers = await collect<Record<string, unknown>>(
    'subscription { ticker(market: "XBTUSD") { market lastPrice markPrice indexPrice fundingRate nextFundingTime openInterest high24h low24h volume24h change24hPct } }',
    (d) => d.ticker as Record<string, unknown>,
    (e) => e.some((t) => t.markPrice !== null && t.lastPrice !== null),
  );
  const t = tickers.at(-1) ?? {};
  expect(t.market).toBe('XBTUSD');
  expect(t.indexPrice).toEqual(expect.any(Number));
  expect(t.high24h as number).toBeGreaterThanOrEqual(t.low24h as number);
  expect(Date.parse(String(t.nextFundingTime))).toBeGreaterThan(0);
  const live = await collect<Trade>(
    'subscription { trades(market: "XBTUSD", snapshot: 0) { id timeMs } }',
    (d) => d.trades as Trade,
    (e) => e.length >= 5,
  );
  const recent = await gql<{ recentTrades: Trade[] }>(
    app.url,
    '{ recentTrades(market: "XBTUSD", limit: 100) { id timeMs } }',
  );
  const rows = recent.data?.recentTrades ?? [];
  const times = rows.map((r) => r.timeMs);
  expect(
    [...times].sort((a, b) => b - a),
    'newest first',
  ).toEqual(times);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(times[0], 'the list is at least as fresh as what the stream delivered').toBeGreaterThanOrEqual(
    live.at(-1)?.timeMs ?? 0,
  );
});
