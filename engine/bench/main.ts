/**
 * `npm run bench` / `hm bench`: the live path's latency and one API process's subscriber capacity,
 * all on loopback, and the market-data archive's read speed. Figures and method: docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { measureArchiveDecode } from './archive-decode.js';
import { measureBacktestThroughput } from './backtest-throughput.js';
import { measureCapacity } from './capacity.js';
import { startHarness } from './harness.js';
import { measureLatency } from './latency.js';

const Flags = z.object({
  only: z.enum(['latency', 'capacity', 'archive', 'backtest']).optional(),
  seconds: z.coerce.number().int().min(1).max(120).default(10),
  subscribers: z.coerce.number().int().min(1).max(5_000).default(100),
  rate: z.coerce.number().int().min(1).max(20_000).default(1_000),
  'max-subscribers': z.coerce.number().int().min(100).max(10_000).default(5_000),
  'archive-trades': z.coerce.number().int().min(10_000).max(50_000_000).default(5_000_000),
  'backtest-trades': z.coerce.number().int().min(100_000).max(100_000_000).default(20_000_000),
});

export async function benchCommand(argv: string[]): Promise<void> {
  let flags: z.infer<typeof Flags>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        only: { type: 'string' },
        seconds: { type: 'string' },
        subscribers: { type: 'string' },
        rate: { type: 'string' },
        'max-subscribers': { type: 'string' },
        'archive-trades': { type: 'string' },
        'backtest-trades': { type: 'string' },
      },
    });
    if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
    flags = Flags.parse(values);
  } catch (err) {
    const message =
      err instanceof z.ZodError ? err.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') : String(err);
    console.error(
      `hm bench: ${message}\nusage: hm bench [--only latency|capacity|archive|backtest] [--seconds N] [--subscribers N] [--rate N] [--max-subscribers N] [--archive-trades N] [--backtest-trades N]`,
    );
    process.exit(2);
  }

  const report: Record<string, unknown> = {};
  // In-process and CPU-bound: runs before the harness exists, so Redis and the API do not compete for the cores.
  if (flags.only === undefined || flags.only === 'archive') {
    const a = await measureArchiveDecode({ trades: flags['archive-trades'] });
    report.archive = a;
    const row = (label: string, t: { bestMs: number; medianMs: number; tradesPerSec: number }) =>
      `  ${label.padEnd(34)} best ${t.bestMs.toFixed(1).padStart(8)} ms   median ${t.medianMs.toFixed(1).padStart(8)} ms   ${(t.tradesPerSec / 1e6).toFixed(1).padStart(7)} M trades/s`;
    console.log(
      `\narchive: ${a.trades} XBTUSD trades in ${a.segments} hourly segments (${(a.archiveBytes / 2 ** 20).toFixed(0)} MiB), best/median of ${a.repetitions}`,
    );
    console.log(row('plain Float64Array scan', a.baseline));
    console.log(row('decode (segments in memory)', a.decode));
    console.log(row('readTrades (local store, SHA-256)', a.read));
    console.log(row('readTrades pooled (backtests)', a.readPooled));
    console.log(
      `  decode ÷ scan ${a.decodeVsBaseline.toFixed(1)}× (target ≤ ${a.targetFactor}×) ${a.pass ? 'PASS' : 'FAIL'}   read ÷ scan ${a.readVsBaseline.toFixed(1)}×`,
    );
  }
  if (flags.only === undefined || flags.only === 'backtest') {
    const b = await measureBacktestThroughput({ trades: flags['backtest-trades'] });
    report.backtest = b;
    const M = (n: number) => `${(n / 1e6).toFixed(2).padStart(7)} M/s`;
    console.log(`\nbacktest: ${b.trades} XBTUSD trades + ${b.bookDeltas} L2 deltas; the kernel on one thread`);
    console.log(`  plain Float64Array scan (sizes)      ${M(b.scanPerSec)}`);
    console.log(`  M1 candles from the archive          ${M(b.candlesPerSec)}`);
    for (const r of [b.sdbot, b.sazbot]) {
      console.log(
        `  ${`${r.strategy} backtest (events)`.padEnd(36)} ${M(r.eventsPerSec)}  target ≥ ${r.target / 1e6} M/s ${r.pass ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `      ${r.roundTrips} round trips, ${(r.exposurePct ?? 0).toFixed(0)} % in a position; peak RSS ${r.firstHalfRssMiB} MiB (1st half) / ${r.secondHalfRssMiB} MiB (2nd half); CPU ${(r.cpuSeconds / r.seconds).toFixed(2)} cores (kernel + checksum worker + GC)`,
      );
    }
  }
  if (flags.only === 'archive' || flags.only === 'backtest') {
    console.log(`\n${JSON.stringify({ bench: flags.only, ...report })}`);
    return;
  }

  const h = await startHarness();
  const stop = async () => {
    await h.close();
    process.exit(130);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    if (flags.only !== 'capacity') {
      const l = await measureLatency(h, flags.rate, flags.subscribers, flags.seconds);
      report.latency = l;
      console.log(
        `\nlatency: frame → graphql-ws subscriber, ${l.rate} msg/s, ${l.subscribers} subscribers, ${l.seconds} s`,
      );
      console.log(
        `  at the client:     samples ${l.samples}   p50 ${l.p50Ms.toFixed(2)} ms   p99 ${l.p99Ms.toFixed(2)} ms   max ${l.maxMs.toFixed(1)} ms`,
      );
      console.log(
        `  server side (G13): samples ${l.server.count}   p50 ${l.server.p50Ms.toFixed(2)} ms (target ≤ 2)   p99 ${l.server.p99Ms.toFixed(2)} ms (target ≤ 10)   max ${l.server.maxMs.toFixed(1)} ms`,
      );
    }
    if (flags.only !== 'latency') {
      const steps = [500, 1_000, 2_000, 5_000, 10_000].filter((n) => n <= flags['max-subscribers']);
      const c = await measureCapacity(h, steps, 5);
      report.capacity = c;
      console.log('\ncapacity: one API process, orderBook(depth: 25) subscribers, 1 book/s');
      console.log('  subscribers   api RSS MB   KB/subscriber   delivered/s   expected/s   p99 lag ms');
      for (const s of c) {
        console.log(
          `  ${String(s.subscribers).padStart(11)}   ${s.apiRssMb.toFixed(0).padStart(10)}   ${s.kbPerSubscriber.toFixed(1).padStart(13)}   ${s.deliveredPerSec.toFixed(0).padStart(11)}   ${String(s.expectedPerSec).padStart(10)}   ${s.p99LagMs.toFixed(1).padStart(10)}`,
        );
      }
    }
    console.log(`\n${JSON.stringify({ bench: 'live-path', ...report })}`);
  } finally {
    await h.close();
  }
}
