import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { readMarket } from '../src/archive/market-reader.js';
import { listManifests } from '../src/archive/segments.js';
import { repoRoot } from '../src/paths.js';

// BitMEX's public quote files, imported as depth-1 book snapshots, through the command line.
let dir: string;
let archive: string;
let file: string;
type Quote = { ms: number; symbol: string; bidSize: number; bid: number; ask: number; askSize: number };
const quotes: Quote[] = [];
const stamp = (ms: number) =>
  `${new Date(ms).toISOString().slice(0, 19).replace('T', 'D')}.${String((ms % 1000) * 1e6).padStart(9, '0')}`;

const hm = (args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), 'archive', ...args], {
    cwd: repoRoot,
    env: { ...process.env, HM_ARCHIVE_DIR: archive },
    encoding: 'utf8',
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-quotes-'));
  archive = path.join(dir, 'archive');
  const start = Date.UTC(2024, 0, 15, 0, 30, 0);
  for (let i = 0; i < 600; i++) {
    const symbol = i % 2 ? 'ETHUSD' : 'XBTUSD';
    const bid = symbol === 'XBTUSD' ? 42_600 + (i % 17) * 0.5 : 2_512.35 + (i % 9) * 0.05;
    const step = symbol === 'XBTUSD' ? 0.5 : 0.05;
    quotes.push({
      ms: start + i * 6_000, // one hour of quotes, across the 01:00 boundary
      symbol,
      bidSize: 100 * (1 + (i % 5)),
      bid: Number(bid.toFixed(2)),
      ask: Number((bid + step).toFixed(2)),
      askSize: 200 + i,
    });
  }
  const lines = quotes.map((q) => `${stamp(q.ms)},${q.symbol},${q.bidSize},${q.bid},${q.ask},${q.askSize}`);
  lines.splice(100, 0, '2024-01-15D00:40:00.000000000,XBTUSD,100,43000,42999,5'); // crossed: skipped
  file = path.join(dir, '20240115.csv.gz');
  writeFileSync(file, gzipSync(`timestamp,symbol,bidSize,bidPrice,askPrice,askSize\n${lines.join('\n')}\n`));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('imports bitmex-quotes-csv as touch snapshots, exactly, idempotently, skipping bad lines', async () => {
  const run = hm(['import', '--format', 'bitmex-quotes-csv', file]);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/600 quotes in 4 hour segments, 1 bad lines skipped/);
  const store = new LocalArchiveStore(archive);
  for (const symbol of ['XBTUSD', 'ETHUSD']) {
    const got: Quote[] = [];
    for await (const e of readMarket(store, {
      exchange: 'bitmex',
      symbol,
      fromMs: Date.UTC(2024, 0, 15),
      toMs: Date.UTC(2024, 0, 16),
      trades: false,
    })) {
      if (e.type !== 'snapshot') throw new Error(`unexpected ${e.type}`);
      const [b, a] = e.levels;
      got.push({
        ms: Number(e.timeNs / 1_000_000n),
        symbol,
        bidSize: b?.size ?? 0,
        bid: Number(((b?.priceTicks ?? 0) * e.tickSize).toFixed(2)),
        ask: Number(((a?.priceTicks ?? 0) * e.tickSize).toFixed(2)),
        askSize: a?.size ?? 0,
      });
    }
    expect(got).toEqual(quotes.filter((q) => q.symbol === symbol));
  }
  const shas = async () => (await listManifests(store)).flatMap((m) => ('segments' in m ? m.segments : []));
  const before = await shas();
  expect(hm(['import', '--format', 'bitmex-quotes-csv', file]).status).toBe(0);
  expect(await shas()).toEqual(before);
});

it('names a file that is not a quote file and the format list on a wrong --format', () => {
  const wrong = hm([
    'import',
    '--format',
    'bitmex-quotes-csv',
    path.join(repoRoot, 'engine/test/fixtures/bitmex/public_trade.csv'),
  ]);
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toMatch(/not a BitMEX quote file/);
  const format = hm(['import', '--format', 'csv', file]);
  expect(format.status).toBe(2);
  expect(format.stderr).toMatch(/--format must be one of bitmex-trades-csv, bitmex-quotes-csv/);
});
