import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeTradeBatch, type TradeColumns } from '@hm/schemas';
import { DAY_MS, HOUR_MS, Manifest, manifestKey } from '../src/archive/layout.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { SegmentBufferPool } from '../src/archive/segment-buffers.js';
import { readTrades, writeTradeHour } from '../src/archive/trade-archive.js';
import { nowMs, percentile, progress } from './stats.js';

/** One timed variant: best and median of the repetitions, and throughput at the best. */
export interface ArchiveTiming {
  bestMs: number;
  medianMs: number;
  /** Trades per second at the best repetition. */
  tradesPerSec: number;
}

/** What `measureArchiveDecode` found; JSON-able. */
export interface ArchiveDecodeReport {
  trades: number;
  segments: number;
  /** Sum of the segment files, bytes. */
  archiveBytes: number;
  repetitions: number;
  /** Loop over plain in-memory Float64Arrays: the floor any columnar format is compared with. */
  baseline: ArchiveTiming;
  /** `decodeTradeBatch` on segment bytes already in memory, then the same loop. */
  decode: ArchiveTiming;
  /** `readTrades` from the local store: file read + SHA-256 + decode + the same loop. */
  read: ArchiveTiming;
  /** The same with a segment pool, as backtests read: reused buffers, read and hashed on the worker. */
  readPooled: ArchiveTiming;
  /** decode best ÷ baseline best (slowdown factor). */
  decodeVsBaseline: number;
  /** read best ÷ baseline best. */
  readVsBaseline: number;
  targetFactor: number;
  /** decode within `targetFactor` × the baseline. */
  pass: boolean;
}

const EXCHANGE = 'bitmex';
const SYMBOL = 'XBTUSD';
const TICK_SIZE = 0.5;
/** BitMEX XBTUSD prints a few hundred thousand trades in a busy hour. */
const TRADES_PER_HOUR = 200_000;
/** 2024-01-15T00:00Z: any fixed hour; fixed so runs write identical archives. */
const START_MS = Date.UTC(2024, 0, 15);
const REPETITIONS = 7;
const TARGET_FACTOR = 3;

/** The aggregate every variant computes; integer-valued, so all sums are exact in a double. */
interface Aggregate {
  count: number;
  sumSize: number;
  /** Σ priceTicks × size, tick·contracts. */
  sumNotional: number;
  minPrice: number;
  maxPrice: number;
  /** First and last trade time, unix ms: checks the time column survived the round trip. */
  firstMs: number;
  lastMs: number;
}

const emptyAggregate = (): Aggregate => ({
  count: 0,
  sumSize: 0,
  sumNotional: 0,
  minPrice: Number.POSITIVE_INFINITY,
  maxPrice: Number.NEGATIVE_INFINITY,
  firstMs: Number.POSITIVE_INFINITY,
  lastMs: Number.NEGATIVE_INFINITY,
});

/** Unix ns (BigInt) → unix ms; only called on a column's ends, so no per-trade BigInt work. */
const nsToMs = (ns: bigint | undefined) => Number((ns ?? 0n) / 1_000_000n);

/** The one scan all three variants share (same code, same order → bit-identical results). */
function accumulate(acc: Aggregate, price: Float64Array, size: Float64Array, firstMs: number, lastMs: number): void {
  let { sumSize, sumNotional, minPrice, maxPrice } = acc;
  const n = price.length;
  for (let i = 0; i < n; i++) {
    const p = price[i] as number;
    const s = size[i] as number;
    sumSize += s;
    sumNotional += p * s;
    if (p < minPrice) minPrice = p;
    if (p > maxPrice) maxPrice = p;
  }
  Object.assign(acc, { count: acc.count + n, sumSize, sumNotional, minPrice, maxPrice });
  acc.firstMs = Math.min(acc.firstMs, firstMs);
  acc.lastMs = Math.max(acc.lastMs, lastMs);
}

/** mulberry32: a cheap deterministic PRNG; uint32 per call. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const hex8 = (u: number) => u.toString(16).padStart(8, '0');

/** One hour of synthetic XBTUSD trades: evenly spaced times, random-walk price, BitMEX-like ids. */
function syntheticHour(hourMs: number, n: number, rnd: () => number, startTicks: number): TradeColumns {
  const timeNs = new BigInt64Array(n);
  const priceTicks = new Float64Array(n);
  const size = new Float64Array(n);
  const side = new Int8Array(n);
  const ids: string[] = new Array(n);
  const stepNs = BigInt(Math.floor((HOUR_MS * 1e6) / n));
  const hourNs = BigInt(hourMs) * 1_000_000n;
  let ticks = startTicks;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    timeNs[i] = hourNs + BigInt(i) * stepNs;
    ticks += (r % 5) - 2; // ±2 ticks per print
    priceTicks[i] = ticks;
    size[i] = 1 + (rnd() % 10_000); // contracts, integer
    side[i] = r & 0x80 ? 1 : -1;
    const a = hex8(rnd());
    const b = hex8(rnd());
    const c = hex8(rnd());
    ids[i] = `${a}-${b.slice(0, 4)}-4${b.slice(5)}-8${c.slice(1, 4)}-${c.slice(4)}${hex8(rnd())}`;
  }
  return { exchange: EXCHANGE, symbol: SYMBOL, tickSize: TICK_SIZE, timeNs, priceTicks, size, side, ids };
}

/** Runs `fn` `reps` times; returns the durations (ms) and the last result. */
async function timed<T>(reps: number, fn: () => T | Promise<T>): Promise<{ ms: number[]; result: T }> {
  const ms: number[] = [];
  let result = await fn(); // warm-up (JIT, page cache), not counted
  for (let r = 0; r < reps; r++) {
    const t0 = nowMs();
    result = await fn();
    ms.push(nowMs() - t0);
  }
  return { ms, result };
}

const timing = (ms: number[], trades: number): ArchiveTiming => {
  const sorted = [...ms].sort((a, b) => a - b);
  const best = sorted[0] ?? Number.NaN;
  return { bestMs: best, medianMs: percentile(sorted, 50), tradesPerSec: trades / (best / 1_000) };
};

function assertSame(label: string, got: Aggregate, want: Aggregate): void {
  for (const k of Object.keys(want) as (keyof Aggregate)[]) {
    if (got[k] !== want[k]) {
      throw new Error(`archive bench: ${label} aggregate differs from the baseline: ${k} ${got[k]} ≠ ${want[k]}`);
    }
  }
}

/**
 * Writes `trades` synthetic XBTUSD trades into a temporary local archive (`hours` hourly segments,
 * default one per 200,000 trades), then times a plain Float64Array scan against decoding the segments
 * in memory and against `readTrades` end to end, all computing the same aggregate (asserted equal).
 * The temporary folder is removed afterwards, also on Ctrl-C.
 */
export async function measureArchiveDecode(opts: { trades: number; hours?: number }): Promise<ArchiveDecodeReport> {
  const hours = Math.max(1, opts.hours ?? Math.ceil(opts.trades / TRADES_PER_HOUR));
  const dir = await mkdtemp(path.join(tmpdir(), 'hm-bench-archive-'));
  const cleanupAndExit = () => void rm(dir, { recursive: true, force: true }).finally(() => process.exit(130));
  process.once('SIGINT', cleanupAndExit);
  process.once('SIGTERM', cleanupAndExit);
  try {
    const store = new LocalArchiveStore(dir);
    const rnd = prng(0x5eed);
    // Plain copies of the same columns: the baseline scans these.
    const price = new Float64Array(opts.trades);
    const size = new Float64Array(opts.trades);
    const timeMs = new Float64Array(opts.trades);
    let offset = 0;
    let ticks = 84_000; // 42,000 USD at 0.5 USD/tick
    for (let h = 0; h < hours; h++) {
      const n = Math.floor(((h + 1) * opts.trades) / hours) - offset;
      const batch = syntheticHour(START_MS + h * HOUR_MS, n, rnd, ticks);
      ticks = batch.priceTicks[n - 1] ?? ticks;
      price.set(batch.priceTicks, offset);
      size.set(batch.size, offset);
      for (let i = 0; i < n; i++) timeMs[offset + i] = nsToMs(batch.timeNs[i]);
      offset += n;
      await writeTradeHour(store, batch, START_MS + h * HOUR_MS);
      progress('archive: writing segments', h + 1, hours);
    }

    // The segment bytes, read once untimed, in manifest (= time) order.
    const segments: Uint8Array[] = [];
    const endMs = START_MS + hours * HOUR_MS;
    for (let day = Math.floor(START_MS / DAY_MS) * DAY_MS; day < endMs; day += DAY_MS) {
      const key = manifestKey(EXCHANGE, SYMBOL, 'trades', day);
      const manifest = Manifest.parse(JSON.parse(new TextDecoder().decode(await store.get(key))));
      for (const s of manifest.segments) segments.push(await store.get(s.key));
    }

    const baseline = await timed(REPETITIONS, () => {
      const acc = emptyAggregate();
      accumulate(acc, price, size, timeMs[0] ?? 0, timeMs[opts.trades - 1] ?? 0);
      return acc;
    });
    const decode = await timed(REPETITIONS, () => {
      const acc = emptyAggregate();
      for (const bytes of segments) {
        const c = decodeTradeBatch(bytes);
        accumulate(acc, c.priceTicks, c.size, nsToMs(c.timeNs[0]), nsToMs(c.timeNs[c.timeNs.length - 1]));
      }
      return acc;
    });
    const read = await timed(REPETITIONS, async () => {
      const acc = emptyAggregate();
      for await (const c of readTrades(store, EXCHANGE, SYMBOL, START_MS, endMs)) {
        accumulate(acc, c.priceTicks, c.size, nsToMs(c.timeNs[0]), nsToMs(c.timeNs[c.timeNs.length - 1]));
      }
      return acc;
    });
    const pool = new SegmentBufferPool(3);
    const readPooled = await timed(REPETITIONS, async () => {
      const acc = emptyAggregate();
      for await (const c of readTrades(store, EXCHANGE, SYMBOL, START_MS, endMs, pool)) {
        accumulate(acc, c.priceTicks, c.size, nsToMs(c.timeNs[0]), nsToMs(c.timeNs[c.timeNs.length - 1]));
      }
      return acc;
    });
    // A bench that computes the wrong thing must fail, not report a fast wrong answer.
    if (baseline.result.count !== opts.trades) throw new Error(`archive bench: baseline saw ${baseline.result.count}`);
    assertSame('decode', decode.result, baseline.result);
    assertSame('read', read.result, baseline.result);
    assertSame('pooled read', readPooled.result, baseline.result);
    if (baseline.result.firstMs !== START_MS || baseline.result.lastMs >= endMs) {
      throw new Error('archive bench: synthetic times outside the written hours');
    }

    const b = timing(baseline.ms, opts.trades);
    const d = timing(decode.ms, opts.trades);
    const r = timing(read.ms, opts.trades);
    return {
      trades: opts.trades,
      segments: segments.length,
      archiveBytes: segments.reduce((sum, s) => sum + s.length, 0),
      repetitions: REPETITIONS,
      baseline: b,
      decode: d,
      read: r,
      readPooled: timing(readPooled.ms, opts.trades),
      decodeVsBaseline: d.bestMs / b.bestMs,
      readVsBaseline: r.bestMs / b.bestMs,
      targetFactor: TARGET_FACTOR,
      pass: d.bestMs / b.bestMs <= TARGET_FACTOR,
    };
  } finally {
    process.off('SIGINT', cleanupAndExit);
    process.off('SIGTERM', cleanupAndExit);
    await rm(dir, { recursive: true, force: true });
  }
}
