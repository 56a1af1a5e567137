import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedisPublisher } from '@hm/engine/adapters/redis-publisher';
import { LocalArchiveStore, writeTradeHour } from '@hm/engine/archive';
import { type CandleEvent, MdKey, PERIODS } from '@hm/engine/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../src/app.js';
import { gql, startTestApp } from './support.js';

// Chart history: the candles query joins archive buckets (built from archived trades) with the
// live tail in Redis. XBTUSDT is used by no other API test; its candle keys are cleared around
// this file.
const MARKET = 'XBTUSDT';
const TICK = 0.5;
const HOUR = 3_600_000;
const M5 = 300;
/** Monday 2024-03-04 00:00 UTC. Archive: trades 00:00–02:59; live history from 02:00 on. */
const T0 = Date.UTC(2024, 2, 4);
const L0 = T0 / 1000 + 2 * 3600;

type Candle = { time: number; open: number; high: number; low: number; close: number; volume: number };
type Trade = { ms: number; ticks: number; size: number; side: 1 | -1; id: string };

let dir: string;
let store: LocalArchiveStore;
let redis: Redis;
let app: App;
const trades: Trade[] = [];
const entries: { key: string; bytes: number }[] = [];
const live: Candle[] = [];

async function clearLive(): Promise<void> {
  const keys = PERIODS.flatMap((p) => [MdKey.candles(MARKET, p), MdKey.lastCandle(MARKET, p)]);
  await redis.del(...keys);
}

/** Independent aggregation of the test's trades into M5 buckets with start in [fromSec, toSec). */
function aggregate(fromSec: number, toSec: number, len = M5): Candle[] {
  const buckets = new Map<number, Candle>();
  for (const t of trades) {
    const time = Math.floor(t.ms / 1000 / len) * len;
    const price = t.ticks * TICK;
    const b = buckets.get(time);
    if (!b) buckets.set(time, { time, open: price, high: price, low: price, close: price, volume: t.size });
    else {
      b.high = Math.max(b.high, price);
      b.low = Math.min(b.low, price);
      b.close = price;
      b.volume += t.size;
    }
  }
  return [...buckets.values()].filter((b) => b.time >= fromSec && b.time < toSec).sort((a, b) => a.time - b.time);
}

const CANDLES = `query ($m: String!, $p: Period!, $from: Int, $to: Int, $limit: Int) {
  candles(market: $m, period: $p, from: $from, to: $to, limit: $limit) { time open high low close volume }
}`;
async function candles(vars: { p?: string; from?: number; to?: number; limit?: number }) {
  return gql<{ candles: Candle[] }>(app.url, CANDLES, { m: MARKET, p: 'M5', ...vars });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-archive-history-'));
  store = new LocalArchiveStore(dir);
  // Three trades in every 5-minute bucket of three hours, prices on XBTUSDT's 0.5 grid.
  let seed = 11;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let b = 0; b < 36; b++) {
    for (const offset of [7_000, 123_000, 281_000]) {
      trades.push({
        ms: T0 + b * M5 * 1000 + offset,
        ticks: 2 * 65_000 + Math.round((rand() - 0.5) * 400),
        size: 1 + Math.floor(rand() * 100),
        side: rand() < 0.5 ? 1 : -1,
        id: `t-${trades.length}`,
      });
    }
  }
  for (let h = 0; h < 3; h++) {
    const hour = trades.filter((t) => t.ms >= T0 + h * HOUR && t.ms < T0 + (h + 1) * HOUR);
    const entry = await writeTradeHour(
      store,
      {
        exchange: 'bitmex',
        symbol: MARKET,
        tickSize: TICK,
        timeNs: BigInt64Array.from(hour, (t) => BigInt(t.ms) * 1_000_000n + 123n),
        priceTicks: Float64Array.from(hour, (t) => t.ticks),
        size: Float64Array.from(hour, (t) => t.size),
        side: Int8Array.from(hour, (t) => t.side),
        ids: hour.map((t) => t.id),
      },
      T0 + h * HOUR,
    );
    entries.push(entry);
  }

  redis = new Redis(inject('redisUrl'));
  await clearLive();
  // Live M5 history as the engine writes it: 02:00–02:50 closed, 02:55 forming. Values differ from
  // the archive's so the test sees which side each bucket came from.
  for (let i = 0; i < 12; i++) {
    live.push({
      time: L0 + i * M5,
      open: 70_000 + i,
      high: 70_010 + i,
      low: 69_990 + i,
      close: 70_005 + i,
      volume: 5_000 + i,
    });
  }
  const publisher = new RedisPublisher(redis);
  const event = (c: Candle): CandleEvent => ({ market: MARKET, period: 'M5', ...c });
  live.forEach((c, i) => {
    const prev = live[i - 1];
    publisher.candle(event(c), prev ? event(prev) : null);
  });
  await publisher.close();

  app = await startTestApp({ archive: store });
});

afterAll(async () => {
  await clearLive();
  redis?.disconnect();
  await app?.stop();
  await rm(dir, { recursive: true, force: true });
});

function expectContiguous(rows: Candle[], len = M5): void {
  const times = rows.map((c) => c.time);
  expect(new Set(times).size, 'no duplicate bucket').toBe(times.length);
  for (let i = 1; i < times.length; i++)
    expect(times[i], 'ascending, no missing bucket').toBe((times[i - 1] ?? 0) + len);
}

// In order: the last test corrupts a segment on purpose.
describe('candles over the archive/live seam', { shuffle: false }, () => {
  it('fills the newest `limit` with archive buckets before the live history and live ones from it', async () => {
    const r = await candles({ limit: 30 });
    expect(r.errors).toBeUndefined();
    const rows = r.data?.candles ?? [];
    expect(rows).toHaveLength(30);
    expectContiguous(rows);
    expect(rows[0]?.time).toBe(L0 - 18 * M5);
    expect(rows.filter((c) => c.time < L0)).toEqual(aggregate(L0 - 18 * M5, L0));
    expect(rows.filter((c) => c.time >= L0)).toEqual(live);
  });

  it('honours limit with the live tail alone, and reads all the archive has when limit allows', async () => {
    expect((await candles({ limit: 5 })).data?.candles).toEqual(live.slice(-5));
    const all = (await candles({ limit: 2000 })).data?.candles ?? [];
    expect(all).toHaveLength(36);
    expectContiguous(all);
    expect(all.slice(0, 24)).toEqual(aggregate(T0 / 1000, L0));
    expect(all.slice(24)).toEqual(live);
  });

  it('honours from and to on both sides of the seam', async () => {
    const across = (await candles({ from: L0 - 2 * M5, to: L0 + 2 * M5 })).data?.candles ?? [];
    expect(across.map((c) => c.time)).toEqual([L0 - 600, L0 - 300, L0, L0 + 300, L0 + 600]);
    expect(across.slice(0, 2)).toEqual(aggregate(L0 - 600, L0));
    expect(across.slice(2)).toEqual(live.slice(0, 3));
    const archiveOnly = (await candles({ to: L0 - 12 * M5, limit: 3 })).data?.candles ?? [];
    expect(archiveOnly).toEqual(aggregate(L0 - 14 * M5, L0 - 11 * M5));
    const bad = await candles({ from: L0, to: L0 - 1 });
    expect(bad.errors?.[0]?.message).toMatch(/from \(\d+\) is after to/);
  });

  it('serves the archive alone where Redis has no live candle (H1)', async () => {
    const r = await candles({ p: 'H1', limit: 500 });
    expect(r.errors).toBeUndefined();
    expect(r.data?.candles).toEqual(aggregate(T0 / 1000, T0 / 1000 + 3 * 3600, 3600));
  });

  it('archiveInfo equals what was written; null for a market the archive lacks', async () => {
    const q = 'query ($m: String!) { archiveInfo(market: $m) { market from to segments bytes trades } }';
    const r = await gql<{ archiveInfo: unknown }>(app.url, q, { m: MARKET });
    expect(r.errors).toBeUndefined();
    expect(r.data?.archiveInfo).toEqual({
      market: MARKET,
      from: new Date(trades[0]?.ms ?? 0).toISOString(),
      to: new Date(trades.at(-1)?.ms ?? 0).toISOString(),
      segments: 3,
      bytes: entries.reduce((s, e) => s + e.bytes, 0),
      trades: trades.length,
    });
    expect((await gql<{ archiveInfo: unknown }>(app.url, q, { m: 'ETHUSD' })).data?.archiveInfo).toBeNull();
    expect((await gql(app.url, q, { m: 'NOPE' })).errors?.[0]?.message).toMatch(/unknown market "NOPE"/);
  });

  it('a corrupt segment is a GraphQL error naming it, and the server answers the next query', async () => {
    const key = 'bitmex/XBTUSDT/trades/2024/03/04/01.fb';
    expect(entries.map((e) => e.key)).toContain(key);
    const file = path.join(dir, ...key.split('/'));
    const bytes = await readFile(file);
    const mid = bytes.length >> 1;
    bytes[mid] = (bytes[mid] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const r = await candles({ limit: 30 });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.message).toContain(key);
    expect(r.errors?.[0]?.message).toMatch(/SHA-256 mismatch/);
    expect((await candles({ limit: 5 })).data?.candles).toEqual(live.slice(-5));
    // Hour 00 alone is still readable.
    expect((await candles({ to: T0 / 1000 + 45 * 60, limit: 3 })).data?.candles).toEqual(
      aggregate(T0 / 1000 + 35 * 60, T0 / 1000 + 50 * 60),
    );
  });
});
