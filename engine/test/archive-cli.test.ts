import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';

// The archive through its command line, as a user runs it: import BitMEX CSVs, read candles,
// verify. No database or Redis involved.
let dir: string;
let archive: string;
const files: string[] = [];
type Trade = { ms: number; symbol: string; side: string; size: number; price: number; id: string };
const trades: Trade[] = [];

function hm(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, HM_ARCHIVE_DIR: archive, ...env },
    encoding: 'utf8',
  });
}

/** kdb-style BitMEX timestamp with nanoseconds. */
const stamp = (ms: number, ns: number) =>
  `${new Date(ms).toISOString().slice(0, 19).replace('T', 'D')}.${String((ms % 1000) * 1_000_000 + ns).padStart(9, '0')}`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-archive-cli-'));
  archive = path.join(dir, 'archive');
  // Sunday 2024-01-14 22:00 → Monday 2024-01-15 02:00 UTC: hour, day and week boundaries.
  const start = Date.UTC(2024, 0, 14, 22, 0, 0);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const specs = [
    { symbol: 'XBTUSD', base: 42_615.5, step: 0.5 },
    { symbol: 'ETHUSD', base: 2_512.35, step: 0.05 },
    { symbol: 'ADAZ24', base: 0.0000158, step: 0.00000001 },
  ];
  for (let i = 0; i < 3_000; i++) {
    const spec = specs[i % 3] ?? specs[0];
    if (!spec) continue;
    const ms = start + Math.floor((i * 4 * 3_600_000) / 3_000);
    const price = Number((spec.base + Math.round((rand() - 0.5) * 200) * spec.step).toFixed(8));
    trades.push({
      ms,
      symbol: spec.symbol,
      side: rand() < 0.5 ? 'Buy' : 'Sell',
      size: 1 + Math.floor(rand() * 1000),
      price,
      id: `id-${i}`,
    });
  }
  const header =
    'timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional,trdType';
  const line = (t: Trade, i: number) =>
    `${stamp(t.ms, i % 1000)},${t.symbol},${t.side},${t.size},${t.price},PlusTick,${t.id},1,1,1,Regular`;
  const day1 = trades.filter((t) => t.ms < Date.UTC(2024, 0, 15));
  const day2 = trades.filter((t) => t.ms >= Date.UTC(2024, 0, 15));
  files.push(path.join(dir, '20240114.csv'), path.join(dir, '20240115.csv.gz'));
  writeFileSync(files[0] ?? '', `${header}\n${day1.map(line).join('\n')}\nnot,a,trade\n`);
  writeFileSync(files[1] ?? '', gzipSync(`${header}\n${day2.map((t, i) => line(t, i + day1.length)).join('\n')}\n`));
  const result = hm(['archive', 'import', '--format', 'bitmex-trades-csv', ...files]);
  expect(result.status, result.stderr).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PERIODS: Record<string, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '4h': 14_400,
  '1d': 86_400,
  '1w': 604_800,
};
/** Independent aggregation: bucket start from the period, weeks anchored on a known Monday. */
function aggregate(symbol: string, period: string, fromMs: number, toMs: number) {
  const len = PERIODS[period] ?? 60;
  const monday = Date.UTC(2024, 0, 1) / 1000;
  const buckets = new Map<
    number,
    { time: number; open: number; high: number; low: number; close: number; volume: number }
  >();
  for (const t of trades.filter((x) => x.symbol === symbol)) {
    const s = Math.floor(t.ms / 1000);
    const time = period === '1w' ? monday + Math.floor((s - monday) / len) * len : Math.floor(s / len) * len;
    const b = buckets.get(time);
    if (!b) buckets.set(time, { time, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.size });
    else {
      b.high = Math.max(b.high, t.price);
      b.low = Math.min(b.low, t.price);
      b.close = t.price;
      b.volume += t.size;
    }
  }
  return [...buckets.values()]
    .filter((b) => b.time * 1000 >= fromMs && b.time * 1000 < toMs)
    .sort((a, b) => a.time - b.time);
}

// In order: read, re-import, then corrupt (the last tests damage the archive on purpose).
describe('the archive CLI', { shuffle: false }, () => {
  describe('hm candles over imported BitMEX trade files', () => {
    it.each(['XBTUSD', 'ADAZ24'])(
      'equals an independent aggregation for every period (%s)',
      (symbol) => {
        const from = '2024-01-14T23:00:00Z';
        const to = '2024-01-15T01:30:00Z';
        for (const period of Object.keys(PERIODS)) {
          const r = hm(['candles', '--market', symbol, '--period', period, '--from', from, '--to', to, '--json']);
          expect(r.status, r.stderr).toBe(0);
          expect(JSON.parse(r.stdout), `${symbol} ${period}`).toEqual(
            aggregate(symbol, period, Date.parse(from), Date.parse(to)),
          );
        }
      },
      120_000,
    ); // seven CLI runs: a loaded CI machine needs more than the default 30 s
  });

  describe('hm archive', () => {
    it('re-importing the same files changes nothing', () => {
      const before = hm(['archive', 'info', '--json']).stdout;
      expect(hm(['archive', 'import', '--format', 'bitmex-trades-csv', ...files]).status).toBe(0);
      expect(hm(['archive', 'info', '--json']).stdout).toBe(before);
      const info = JSON.parse(before) as { markets: { market: string; trades: number }[] };
      expect(info.markets.find((m) => m.market === 'bitmex:XBTUSD')?.trades).toBe(
        trades.filter((t) => t.symbol === 'XBTUSD').length,
      );
    });

    it('verify names a flipped byte and a truncated segment, and the reader refuses them', () => {
      expect(hm(['archive', 'verify']).status).toBe(0);
      const flipped = path.join(archive, 'bitmex/XBTUSD/trades/2024/01/15/00.fb');
      const truncated = path.join(archive, 'bitmex/ETHUSD/trades/2024/01/14/23.fb');
      const bytes = readFileSync(flipped);
      const mid = bytes.length >> 1;
      bytes[mid] = (bytes[mid] ?? 0) ^ 0xff;
      writeFileSync(flipped, bytes);
      writeFileSync(truncated, readFileSync(truncated).subarray(0, 100));
      const v = hm(['archive', 'verify']);
      expect(v.status).not.toBe(0);
      expect(v.stderr).toMatch(/bitmex\/XBTUSD\/trades\/2024\/01\/15\/00\.fb: SHA-256 mismatch/);
      expect(v.stderr).toMatch(
        /bitmex\/ETHUSD\/trades\/2024\/01\/14\/23\.fb: size 100 B, manifest says \d+ B \(truncated\?\)/,
      );
      const c = hm([
        'candles',
        '--market',
        'XBTUSD',
        '--period',
        '1h',
        '--from',
        '2024-01-15T00:00:00Z',
        '--to',
        '2024-01-15T02:00:00Z',
        '--json',
      ]);
      expect(c.status).not.toBe(0);
      expect(c.stderr).toMatch(/corrupt archive segment bitmex\/XBTUSD\/trades\/2024\/01\/15\/00\.fb/);
    });

    it('rejects wrong flags with a specific message and exit 2', () => {
      const r = hm(['candles', '--market', 'XBTUSD', '--period', '2m', '--from', 'x', '--to', '2024-01-01']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--period/);
      expect(hm(['archive', 'import', 'f.csv']).stderr).toMatch(
        /--format must be one of bitmex-trades-csv, bitmex-quotes-csv/,
      );
    });
  });
});
