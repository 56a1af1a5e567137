import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeBookBatch, encodeTradeBatch } from '@hm/schemas';
import { HOUR_MS } from '../src/archive/layout.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { SegmentBufferPool } from '../src/archive/segment-buffers.js';
import { writeSegment } from '../src/archive/segments.js';
import { readTrades } from '../src/archive/trade-archive.js';
import { runBacktest } from '../src/kernel/backtest.js';
import { CandleSeries } from '../src/kernel/candle-series.js';
import { createLogger } from '../src/log.js';
import { nowMs, progress } from './stats.js';

/** One measured backtest. */
export interface BacktestThroughput {
  strategy: string;
  events: number;
  seconds: number;
  eventsPerSec: number;
  /** Highest RSS seen during the run, MiB; and in its first and second half (flat = no growth with length). */
  peakRssMiB: number;
  firstHalfRssMiB: number;
  secondHalfRssMiB: number;
  /** CPU time of the whole process during the run (kernel thread + checksum worker + GC), seconds. */
  cpuSeconds: number;
  /** Closed round trips and time in a position (%): the strategy really traded. */
  roundTrips: number;
  exposurePct: number | null;
  target: number;
  pass: boolean;
}

/** What {@link measureBacktestThroughput} found; JSON-able. */
export interface BacktestThroughputReport {
  trades: number;
  bookDeltas: number;
  /** Σ size over plain in-memory Float64Arrays of the same trades: the floor, trades/s. */
  scanPerSec: number;
  /** M1 candles from the archive's trades (read, checksum, decode, aggregate), trades/s. */
  candlesPerSec: number;
  sdbot: BacktestThroughput;
  sazbot: BacktestThroughput;
}

const START_MS = Date.UTC(2024, 0, 15);
const TRADES_PER_HOUR = 400_000;
/** Levels in the synthetic book (both sides): an L2_25-like window whose sizes change. */
const LEVELS = 40;
/** Book deltas per trade in the synthetic L2 stream (SazBot's input). */
const DELTAS_PER_TRADE = 1;
/** Targets on one core (issue 5): trade events/s for SDBot, L2 events/s for SazBot. */
const SDBOT_TARGET = 10_000_000;
const SAZBOT_TARGET = 3_000_000;

/**
 * Backtest throughput: writes `trades` synthetic XBTUSD trades (and as many L2 deltas, with an
 * hourly snapshot) into a temp archive, then measures a plain scan, M1 candle aggregation from the
 * archive, and full backtests of SDBot (trades) and SazBot (book + trades) through the kernel,
 * with the peak RSS of each run (memory must stay flat in the length of the run).
 */
export async function measureBacktestThroughput(opts: { trades: number }): Promise<BacktestThroughputReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hm-bench-backtest-'));
  try {
    const store = new LocalArchiveStore(dir);
    const { hours, sizes } = await writeBenchArchive(store, opts.trades);
    // Plain scan of the same sizes, in memory.
    let t = nowMs();
    let sum = 0;
    for (const s of sizes) for (let i = 0; i < s.length; i++) sum += s[i] ?? 0;
    const scanPerSec = opts.trades / ((nowMs() - t) / 1000);
    // M1 candles from the archive (read + checksum + decode + aggregate), read as the kernel reads it.
    t = nowMs();
    const m1 = new CandleSeries(0, 'M1');
    let candleSum = 0;
    const pool = new SegmentBufferPool();
    for await (const b of readTrades(store, 'bitmex', 'XBTUSD', START_MS, START_MS + hours * HOUR_MS, pool)) {
      const u32 = new Uint32Array(b.timeNs.buffer, b.timeNs.byteOffset, b.timeNs.length * 2);
      for (let i = 0; i < b.size.length; i++) {
        const lo = u32[2 * i] ?? 0;
        const hi = u32[2 * i + 1] ?? 0;
        const ms = hi * 4294 + Math.floor((hi * 967_296 + lo) / 1_000_000);
        if (m1.add(ms, b.priceTicks[i] ?? 0, b.size[i] ?? 0)) candleSum += m1.closed.volume;
      }
    }
    candleSum += m1.volume;
    const candlesPerSec = opts.trades / ((nowMs() - t) / 1000);
    if (candleSum !== sum) throw new Error(`candle volume ${candleSum} ≠ scanned volume ${sum}: the bench is wrong`);
    const run = async (strategy: string, params: Record<string, unknown>, target: number) => {
      const peak = [process.memoryUsage().rss, 0];
      const cpu = process.cpuUsage();
      const started = nowMs();
      const { result } = await runBacktest(
        store,
        { strategy, markets: ['XBTUSD'], fromMs: START_MS, toMs: START_MS + hours * HOUR_MS, params },
        {
          log: createLogger('bench', 'error'),
          onProgress: (p) => {
            const half = p.fraction < 0.5 ? 0 : 1;
            peak[half] = Math.max(peak[half] ?? 0, process.memoryUsage().rss);
          },
        },
      );
      const seconds = (nowMs() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const mib = (b: number | undefined) => Math.round((b ?? 0) / 2 ** 20);
      return {
        strategy,
        events: result.events,
        seconds,
        eventsPerSec: result.events / seconds,
        peakRssMiB: mib(Math.max(peak[0] ?? 0, peak[1] ?? 0)),
        firstHalfRssMiB: mib(peak[0]),
        secondHalfRssMiB: mib(peak[1]),
        cpuSeconds: (used.user + used.system) / 1e6,
        roundTrips: result.metrics.roundTrips,
        exposurePct: result.metrics.exposurePct,
        target,
        pass: result.events / seconds >= target,
      };
    };
    const sdbot = await run('SDBot', {}, SDBOT_TARGET);
    const sazbot = await run('SazBot', { band_min: 0.00001, band_max: 0.001 }, SAZBOT_TARGET);
    return {
      trades: opts.trades,
      bookDeltas: opts.trades * DELTAS_PER_TRADE,
      scanPerSec,
      candlesPerSec,
      sdbot,
      sazbot,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `trades` synthetic XBTUSD trades from START_MS (400,000 an hour, a random walk of ticks)
 * and as many L2 deltas (plus an hourly snapshot) into `store`; returns the hours written and each
 * hour's trade sizes (for the plain-scan baseline).
 */
export async function writeBenchArchive(
  store: LocalArchiveStore,
  trades: number,
): Promise<{ hours: number; sizes: Float64Array[]; fromMs: number; toMs: number }> {
  const opts = { trades };
  const hours = Math.ceil(opts.trades / TRADES_PER_HOUR);
  const sizes: Float64Array[] = [];
  // mulberry32: a full-period 32-bit generator. (The LCG used before fed every 4th output to the
  // walk, whose low-quality bits made it drift one way: no strategy ever traded on it.)
  let seed = 7;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  let ticks = 900_000;
  let written = 0;
  for (let h = 0; h < hours; h++) {
    const n = Math.min(TRADES_PER_HOUR, opts.trades - written);
    const t0 = START_MS + h * HOUR_MS;
    const timeNs = new BigInt64Array(n);
    const priceTicks = new Float64Array(n);
    const size = new Float64Array(n);
    const side = new Int8Array(n);
    const ids: string[] = new Array(n);
    const hourStart = ticks;
    const dTime = new BigInt64Array(n * DELTAS_PER_TRADE);
    const dPrice = new Float64Array(n * DELTAS_PER_TRADE);
    const dSize = new Float64Array(n * DELTAS_PER_TRADE);
    const dSide = new Int8Array(n * DELTAS_PER_TRADE);
    for (let i = 0; i < n; i++) {
      const ns = BigInt(Math.floor(t0 + (i * HOUR_MS) / n)) * 1_000_000n;
      ticks += rnd() < 0.5 ? -1 : 1;
      timeNs[i] = ns;
      priceTicks[i] = ticks;
      size[i] = 100 * (1 + Math.floor(rnd() * 10));
      side[i] = rnd() < 0.5 ? 1 : -1;
      ids[i] = `00000000-0000-4000-8000-${(written + i).toString(16).padStart(12, '0')}`;
      // One of the hour's 40 levels (an L2_25-like window) changes size just before each trade.
      const k = Math.floor(rnd() * LEVELS);
      dTime[i] = ns;
      dPrice[i] = hourStart + (k < LEVELS / 2 ? -1 - k : 1 + k - LEVELS / 2);
      dSize[i] = 100 * (1 + Math.floor(rnd() * 50));
      dSide[i] = k < LEVELS / 2 ? 1 : -1;
    }
    sizes.push(size);
    const head = { exchange: 'bitmex', symbol: 'XBTUSD', tickSize: 0.1 };
    const stats = { fromNs: timeNs[0] ?? 0n, toNs: timeNs[n - 1] ?? 0n, count: n };
    await writeSegment(
      store,
      { ...head, kind: 'trades' },
      t0,
      encodeTradeBatch({ ...head, timeNs, priceTicks, size, side, ids }),
      stats,
    );
    const levels = 40;
    const snapPrice = Float64Array.from({ length: levels }, (_, k) => (k < 20 ? ticks - 1 - k : ticks + 1 + (k - 20)));
    const book = encodeBookBatch({
      ...head,
      depth: 20,
      snapshotTimeNs: BigInt64Array.of(BigInt(t0) * 1_000_000n),
      snapshotOffset: Uint32Array.of(0, levels),
      levelPriceTicks: snapPrice,
      levelSize: new Float64Array(levels).fill(1_000),
      levelSide: Int8Array.from({ length: levels }, (_, k) => (k < levels / 2 ? 1 : -1)),
      deltaTimeNs: dTime,
      deltaPriceTicks: dPrice,
      deltaSize: dSize,
      deltaSide: dSide,
    });
    await writeSegment(store, { ...head, kind: 'book' }, t0, book, { ...stats, count: n + 1 });
    written += n;
    progress('  writing the archive (trades)', written, opts.trades);
  }
  return { hours, sizes, fromMs: START_MS, toMs: START_MS + hours * HOUR_MS };
}
