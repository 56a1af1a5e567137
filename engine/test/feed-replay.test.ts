import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, type ExpectStatic, it } from 'vitest';
import { repoRoot } from '../src/paths.js';
import { bitmexFixtures } from './support/paths.js';

/** Runs the real CLI (`node engine/bin/hm.js ...`) from the repository root. */
function hm(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['engine/bin/hm.js', ...args],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

const replay = (file: string, symbol = 'XBTUSD') =>
  hm('feed', 'replay', '--exchange', 'bitmex', '--symbol', symbol, file);

/** Exactly one JSON line on stdout, exit 0. */
async function replayJson(expect: ExpectStatic, file: string, symbol?: string): Promise<unknown> {
  const r = await replay(file, symbol);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout);
}

const dir = mkdtempSync(path.join(tmpdir(), 'hm-feed-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function temp(name: string, lines: (string | object)[], gzip = false): string {
  const file = path.join(dir, name);
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}

const l2 = (action: string, data: object[], extra: object = {}, table = 'orderBookL2_25') => ({
  table,
  action,
  data,
  ...extra,
});
const lvl = (id: number, side: 'Buy' | 'Sell', size?: number, price?: number, symbol = 'XBTUSD') => ({
  symbol,
  id,
  side,
  ...(size === undefined ? {} : { size }),
  ...(price === undefined ? {} : { price }),
});
const trade = (id: string, price: number, symbol = 'XBTUSD', size = 100) => ({
  timestamp: '2024-01-01T00:00:00.000Z',
  symbol,
  side: 'Buy',
  size,
  price,
  trdMatchID: id,
});
const trades = (action: string, data: object[], extra: object = {}) => ({ table: 'trade', action, data, ...extra });

/** Every kind of line the replay must survive; the expected result is worked out line by line. */
const MIXED = [
  { info: 'Welcome to the BitMEX Realtime API.', version: '2.0' },
  'this is not json', // skipped 1
  'pong', // skipped 2 (the heartbeat text is not JSON)
  '',
  l2('insert', [lvl(9, 'Buy', 5, 100)]), // before the partial: dropped, not counted
  trades('insert', [trade('t0', 35000)]), // before the trade partial: dropped, not counted
  { success: true, subscribe: 'orderBookL2_25:XBTUSD' },
  l2(
    'partial',
    [lvl(1, 'Sell', 400, 36002.5), lvl(2, 'Sell', 300, 36001), lvl(3, 'Buy', 100, 36000.5), lvl(4, 'Buy', 200, 35999)],
    {
      filter: { symbol: 'XBTUSD' },
    },
  ),
  l2('update', [lvl(2, 'Sell', 350), { symbol: 'XBTUSD', id: 5, side: 'X', size: 1 }]), // bad side: skipped 3
  l2('delete', [lvl(4, 'Buy')]),
  l2('insert', [lvl(7, 'Buy', 1, 1800, 'ETHUSD')]), // ETHUSD has no partial: dropped, not counted
  trades('partial', [trade('t1', 36000.5)], { filter: { symbol: 'XBTUSD' } }),
  trades('insert', [
    trade('t1', 36000.5),
    trade('t2', 36001),
    trade('e1', 1800, 'ETHUSD'),
    trade('t3', 36001, 'XBTUSD', 0),
  ]), // dup t1; size 0: skipped 4
  trades('insert', [trade('t4', 36000.55)]), // off XBTUSD's 0.1 tick: skipped 5
  [1, 2, 3], // JSON but not a frame: skipped 6
  '{"table":"orderBookL2_25","action":"insert","data":[{"symbol":"XBTUSD","id":9,"side":"Buy","size":5,"pri', // truncated: skipped 7
];
const MIXED_RESULT = {
  symbol: 'XBTUSD',
  bids: [[36000.5, 100]],
  asks: [
    [36001, 350],
    [36002.5, 400],
  ],
  trades: 2,
  lastPrice: 36001,
  skipped: 7,
};

// Each test runs its own CLI process, so they run concurrently (assertions use the test's own `expect`).
// A dozen `tsx` start-ups at once on a busy 2-core machine can take well over the default 30 s cap.
describe.concurrent('hm feed replay', { timeout: 120_000 }, () => {
  it('rebuilds the recorded 2021 legacy book (prices from stored ids)', async ({ expect }) => {
    const file = path.join(bitmexFixtures, 'ws_orderBookL2_25_XBTUSD_2021_partial_insert_update_delete.jsonl');
    expect(await replayJson(expect, file)).toEqual({
      symbol: 'XBTUSD',
      bids: [
        [36145, 136],
        [36144, 26],
        [36142, 18067],
      ],
      asks: [
        [36189, 34600],
        [36189.5, 125714],
        [36190, 49900],
      ],
      trades: 0,
      lastPrice: null,
      skipped: 0,
    });
  });

  it('rebuilds the 2023-02 official fixture (ack, partial, price-less update)', async ({ expect }) => {
    expect(
      await replayJson(expect, path.join(bitmexFixtures, 'ws_orderBookL2_25_XBTUSD_2023-02_official_fixture.jsonl')),
    ).toEqual({
      symbol: 'XBTUSD',
      bids: [[22077.5, 102500]],
      asks: [[22105, 77300]],
      trades: 0,
      lastPrice: null,
      skipped: 0,
    });
  });

  it('counts distinct recorded trades after the first partial and reports the last price', async ({ expect }) => {
    // 8 lines: an insert before any partial (dropped), partial (1), insert (1), ack, a second partial
    // (1, new id), inserts of 1, 7 and 1 prints → 12; the last one printed at 56927.
    expect(await replayJson(expect, path.join(bitmexFixtures, 'ws_trade_XBTUSD.jsonl'))).toEqual({
      symbol: 'XBTUSD',
      bids: [],
      asks: [],
      trades: 12,
      lastPrice: 56927,
      skipped: 0,
    });
  });

  it('survives garbage, pong, deltas before partials, duplicates, bad rows and a truncated last line', async ({
    expect,
  }) => {
    expect(await replayJson(expect, temp('mixed.jsonl', MIXED))).toEqual(MIXED_RESULT);
  });

  it('reads gzip input to the same result', async ({ expect }) => {
    expect(await replayJson(expect, temp('mixed.jsonl.gz', MIXED, true))).toEqual(MIXED_RESULT);
  });

  it('a welcome frame (reconnect) drops deltas until the new partial, which replaces the book', async ({ expect }) => {
    const file = temp('reconnect.jsonl', [
      l2('partial', [lvl(1, 'Buy', 1, 100), lvl(2, 'Sell', 1, 101)], { filter: { symbol: 'XBTUSD' } }),
      trades('partial', [trade('a', 100)], { filter: { symbol: 'XBTUSD' } }),
      { info: 'Welcome to the BitMEX Realtime API.', version: '2.0' },
      l2('insert', [lvl(3, 'Buy', 9, 99)]),
      trades('insert', [trade('b', 101)]),
      l2('partial', [lvl(5, 'Buy', 2, 200)], { filter: { symbol: 'XBTUSD' } }),
      trades('partial', [trade('a', 100)], { filter: { symbol: 'XBTUSD' } }),
    ]);
    expect(await replayJson(expect, file)).toEqual({
      symbol: 'XBTUSD',
      bids: [[200, 2]],
      asks: [],
      trades: 1,
      lastPrice: 100,
      skipped: 0,
    });
  });

  it('prefers the full orderBookL2 over orderBookL2_25, and keeps a crossed book as recorded', async ({ expect }) => {
    const file = temp('tables.jsonl', [
      l2('partial', [lvl(1, 'Buy', 1, 100)], { filter: { symbol: 'XBTUSD' } }),
      l2('partial', [lvl(1, 'Buy', 7, 90), lvl(2, 'Sell', 3, 95)], { filter: {} }, 'orderBookL2'),
      l2('insert', [lvl(3, 'Buy', 4, 96)], {}, 'orderBookL2'),
    ]);
    const r = await replay(file);
    expect(JSON.parse(r.stdout)).toMatchObject({
      bids: [
        [96, 4],
        [90, 7],
      ],
      asks: [[95, 3]],
    });
    expect(r.stderr).toMatch(/order book inconsistent.*book crossed/);
  });

  it('uses an instrument row tick for an unknown symbol, else exact 1e-8 ticks', async ({ expect }) => {
    const withInstrument = temp('instrument.jsonl', [
      {
        table: 'instrument',
        action: 'partial',
        filter: { symbol: 'SOLUSDT' },
        data: [{ symbol: 'SOLUSDT', tickSize: 0.01 }],
      },
      l2('partial', [lvl(1, 'Buy', 10, 145.12, 'SOLUSDT'), lvl(2, 'Sell', 10, 145.123, 'SOLUSDT')], {
        filter: { symbol: 'SOLUSDT' },
      }),
      trades('partial', [trade('s1', 145.13, 'SOLUSDT')], { filter: { symbol: 'SOLUSDT' } }),
    ]);
    expect(await replayJson(expect, withInstrument, 'SOLUSDT')).toEqual({
      symbol: 'SOLUSDT',
      bids: [[145.12, 10]],
      asks: [], // 145.123 is off the 0.01 tick
      trades: 1,
      lastPrice: 145.13,
      skipped: 1,
    });
    const without = temp('no-instrument.jsonl', [
      l2('partial', [lvl(1, 'Buy', 10, 145.12, 'SOLUSDT'), lvl(2, 'Sell', 10, 145.123, 'SOLUSDT')], { filter: {} }),
      trades('partial', [trade('s1', 99999.12345678, 'SOLUSDT')], { filter: {} }),
    ]);
    expect(await replayJson(expect, without, 'SOLUSDT')).toEqual({
      symbol: 'SOLUSDT',
      bids: [[145.12, 10]],
      asks: [[145.123, 10]],
      trades: 1,
      lastPrice: 99999.12345678,
      skipped: 0,
    });
  });

  it('an unreadable file: one error line, exit 1, nothing on stdout', async ({ expect }) => {
    const r = await replay(path.join(dir, 'missing.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^hm feed replay: cannot read .*missing\.jsonl: ENOENT/),
    ]);
    const corrupt = path.join(dir, 'corrupt.gz');
    writeFileSync(corrupt, gzipSync('x'.repeat(1000)).subarray(0, 12));
    expect((await replay(corrupt)).code).toBe(1);
  });

  it.for<[string[], string]>([
    [['--exchange', 'bitmex', '--symbol', 'XBTUSD', '--depth', '5', 'f'], "hm feed replay: Unknown option '--depth'"],
    [['--exchange', 'bitmex', 'f'], 'hm feed replay: --symbol is required'],
    [
      ['--exchange', 'kraken', '--symbol', 'XBTUSD', 'f'],
      "hm feed replay: --exchange must be one of bitmex, bitmex-testnet, simulator (got 'kraken')",
    ],
    [['--exchange', 'bitmex', '--symbol', 'XBTUSD'], 'hm feed replay: FILE is required'],
    [['--exchange', 'bitmex', '--symbol', 'XBTUSD', 'a', 'b'], 'hm feed replay: expected one FILE, got 2'],
  ])('wrong flags %j → exit 2 with one clear line and the usage', async ([args, line], { expect }) => {
    const r = await hm('feed', 'replay', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stderr).toContain('usage:\n  hm feed replay --exchange bitmex --symbol SYMBOL FILE');
  });

  it('record: --url is required for the simulator; an unknown subcommand exits 2', async ({ expect }) => {
    const r = await hm(
      'feed',
      'record',
      '--exchange',
      'simulator',
      '--symbols',
      'XBTUSD',
      '--out',
      path.join(dir, 'x'),
    );
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      2,
      'hm feed record: --url is required with --exchange simulator',
    ]);
    const s = await hm('feed', 'rewind');
    expect([s.code, s.stderr.split('\n')[0]]).toEqual([2, "hm feed: unknown subcommand 'rewind'"]);
  });
});
