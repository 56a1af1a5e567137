import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeTradeBatch, type TradeColumns } from '@hm/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../src/archive/layout.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { SegmentBufferPool } from '../src/archive/segment-buffers.js';
import { writeSegment } from '../src/archive/segments.js';
import { readTrades } from '../src/archive/trade-archive.js';

// Pooled replay (backtests): reused SharedArrayBuffers, each given back two batches later.
const START = Date.UTC(2024, 0, 15);
const HOURS = 6;
let dir: string;
let store: LocalArchiveStore;

const hour = (h: number, n: number): TradeColumns => {
  const timeNs = BigInt64Array.from({ length: n }, (_, i) => BigInt(START + h * HOUR_MS + i * 1000) * 1_000_000n);
  return {
    exchange: 'bitmex',
    symbol: 'XBTUSD',
    tickSize: 0.5,
    timeNs,
    priceTicks: Float64Array.from({ length: n }, (_, i) => 180_000 + h * 10 + i),
    size: Float64Array.from({ length: n }, (_, i) => 100 + h + i),
    side: Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1)),
    ids: Array.from(
      { length: n },
      (_, i) => `00000000-0000-4000-8000-${(h * 1000 + i).toString(16).padStart(12, '0')}`,
    ),
  };
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-pool-'));
  store = new LocalArchiveStore(dir);
  for (let h = 0; h < HOURS; h++) {
    const c = hour(h, 50 + h);
    const stats = { fromNs: c.timeNs[0] ?? 0n, toNs: c.timeNs.at(-1) ?? 0n, count: c.size.length };
    await writeSegment(
      store,
      { exchange: 'bitmex', symbol: 'XBTUSD', kind: 'trades' },
      START + h * HOUR_MS,
      encodeTradeBatch(c),
      stats,
    );
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sums = (c: TradeColumns) => [c.size.length, c.size.reduce((a, b) => a + b, 0), c.priceTicks[0] ?? Number.NaN];

describe('pooled segment reads', () => {
  it('yields the same columns as a plain read, each valid until two more were asked for, with buffers reused', async () => {
    const plain: number[][] = [];
    for await (const c of readTrades(store, 'bitmex', 'XBTUSD', START, START + HOURS * HOUR_MS)) plain.push(sums(c));
    const pool = new SegmentBufferPool();
    const seen: TradeColumns[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const c of readTrades(store, 'bitmex', 'XBTUSD', START, START + HOURS * HOUR_MS, pool)) {
      expect(c.size.buffer).toBeInstanceOf(SharedArrayBuffer);
      buffers.add(c.size.buffer);
      // The batch before this one is still intact (a consumer may hold one ahead).
      const prev = seen.at(-1);
      if (prev) expect(sums(prev)).toEqual(plain[seen.length - 1]);
      seen.push(c);
      expect(pool.outstanding).toBeLessThanOrEqual(3);
    }
    expect(seen.map(sums)).toHaveLength(HOURS);
    expect(seen.slice(-1).map(sums)).toEqual(plain.slice(-1));
    expect(buffers.size, 'six segments read through at most four buffers').toBeLessThanOrEqual(4);
    expect(pool.outstanding, 'everything given back at the end').toBe(0);
  });

  it('gives every buffer back when the reader stops early', async () => {
    const pool = new SegmentBufferPool();
    let n = 0;
    for await (const _ of readTrades(store, 'bitmex', 'XBTUSD', START, START + HOURS * HOUR_MS, pool))
      if (++n === 2) break;
    // A load still in flight when the loop broke is given back when it lands (or goes with the pool).
    expect(pool.outstanding).toBeLessThanOrEqual(1);
  });
});
