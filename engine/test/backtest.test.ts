import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../src/archive/generate.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { listManifests } from '../src/archive/segments.js';
import { writeTradeHour } from '../src/archive/trade-archive.js';
import { type BacktestResult, runBacktest } from '../src/kernel/backtest.js';
import { createLogger } from '../src/log.js';
import { repoRoot } from '../src/paths.js';
import { SimulatedVenue } from '../src/venue/simulated-venue.js';

// Backtests through the one kernel, on archive history written by `hm archive generate`.
const FROM = Date.UTC(2026, 10, 29, 20, 0, 0);
const TO = FROM + 8 * 3_600_000; // across a funding instant (04:00) and a day boundary
let dir: string;
let store: LocalArchiveStore;
const log = createLogger('backtest-test', 'error');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-backtest-'));
  store = new LocalArchiveStore(dir);
  await generateHistory(store, {
    markets: ['XBTUSD', 'XBTUSDT'],
    fromMs: FROM,
    toMs: TO,
    seed: 3,
    tradesPerMinute: 40,
    snapshotEveryMs: 60_000,
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Two hours of XBTUSD, a print a second: flat around 90,000 for 40 minutes, then down 4 % (a long
 * at 100× is liquidated after ~0.5 %), for the liquidation cases.
 */
const CRASH_FROM = Date.UTC(2026, 10, 30, 0, 0, 0);
const CRASH_TO = CRASH_FROM + 2 * 3_600_000;
async function crashStore(): Promise<LocalArchiveStore> {
  const crash = new LocalArchiveStore(path.join(dir, 'crash'));
  let k = 0;
  for (let h = 0; h < 2; h++) {
    const n = 3_600;
    const t0 = CRASH_FROM + h * 3_600_000;
    const price = (s: number) => (s < 2_400 ? 90_000 + (s % 3) * 0.5 : 90_000 * (1 - (0.04 * (s - 2_400)) / 4_800));
    const batch = {
      exchange: 'bitmex',
      symbol: 'XBTUSD',
      tickSize: 0.1, // the instrument's own tick: the quiet loop reads the prices as they are
      timeNs: BigInt64Array.from({ length: n }, (_, i) => BigInt(t0 + i * 1000) * 1_000_000n),
      priceTicks: Float64Array.from({ length: n }, (_, i) => Math.round(price(h * n + i) * 10)),
      size: Float64Array.from({ length: n }, (_, i) => 100 + (i % 7) * 100),
      side: Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1)),
      ids: Array.from({ length: n }, () => `00000000-0000-4000-8000-${(k++).toString(16).padStart(12, '0')}`),
    };
    await writeTradeHour(crash, batch, t0);
  }
  return crash;
}

const run = async (strategy: string, markets: string[], params: Record<string, unknown> = {}) =>
  (await runBacktest(store, { strategy, markets, fromMs: FROM, toMs: TO, params }, { log })).result;

/** Round trips and equity must explain every reported number. */
function checkAccounts(r: BacktestResult): void {
  expect(r.equity[0]).toEqual({ time: FROM, equity: 1 });
  expect(r.equity.at(-1)?.time).toBe(TO);
  for (let i = 1; i < r.equity.length; i++) {
    expect((r.equity[i]?.time ?? 0) - (r.equity[i - 1]?.time ?? 0)).toBeLessThanOrEqual(60_000);
  }
  const first = r.equity[0]?.equity ?? 0;
  const last = r.equity.at(-1)?.equity ?? 0;
  expect(r.metrics.netPnl).toBeCloseTo(last - first, 12);
  // Flat at the end: equity moved by exactly the round trips' net P&L.
  const sum = r.roundTrips.reduce((a, t) => a + t.pnl, 0);
  expect(last - first).toBeCloseTo(sum, 10);
  const closed = r.roundTrips.length;
  expect(r.metrics.roundTrips).toBe(closed);
  if (closed > 0) expect(r.metrics.winRate).toBeCloseTo(r.roundTrips.filter((t) => t.pnl > 0).length / closed, 12);
  for (const t of r.roundTrips.filter((x) => x.market === 'XBTUSD')) {
    const sign = t.side === 'long' ? 1 : -1;
    const gross = sign * t.qty * (1 / t.entryPrice - 1 / t.exitPrice);
    expect(t.pnl).toBeCloseTo(gross - t.fees - t.funding, 12);
  }
}

describe('backtests on the archive', () => {
  it('TestBot alternates every interval and its accounts add up (fees, funding, round trips)', async () => {
    const r = await run('TestBot', ['XBTUSD'], { trade_interval: 600 });
    expect(r.metrics.fills).toBeGreaterThanOrEqual(40);
    expect(r.rejects).toBe(0);
    expect(r.roundTrips.length).toBeGreaterThanOrEqual(20);
    expect(r.metrics.feesPaid).toBeGreaterThan(0);
    checkAccounts(r);
  });

  it('SDBot trades Bollinger reversals on 1m candles; two identical runs give identical JSON', async () => {
    const a = await run('SDBot', ['XBTUSD']);
    const b = await run('SDBot', ['XBTUSD']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.roundTrips.length).toBeGreaterThan(0);
    expect(a.metrics.sharpeBasis).toBe('hourly');
    checkAccounts(a);
  });

  it('SazBot reads the replayed L2 book; DivergeBot trades two legs', async () => {
    const saz = await run('SazBot', ['XBTUSD'], { band_min: 0.0001, band_max: 0.01, entry_ratio: 1.2 });
    expect(saz.events).toBeGreaterThan(10_000);
    checkAccounts(saz);
    const div = await run('DivergeBot', ['XBTUSD', 'XBTUSDT'], {
      threshold: 0.0005,
      exit_threshold: 0.0001,
      trade_size: 1000, // a multiple of both legs' lot sizes (100 and 1000)
    });
    expect(div.rejects).toBe(0);
    expect(new Set(div.roundTrips.map((t) => t.market))).toEqual(new Set(['XBTUSD', 'XBTUSDT']));
  });

  it('liquidates when the margin is gone, and the accounts still add up', async () => {
    const { result, fills } = await runBacktest(
      await crashStore(),
      {
        strategy: 'TestBot',
        markets: ['XBTUSD'],
        fromMs: CRASH_FROM,
        toMs: CRASH_TO,
        initialBalance: 0.025, // 100× margin of $200,000 of contracts (~0.0222 XBT) and the fees
        params: { trade_interval: 1_800, trade_size: 200_000, leverage: 100 },
      },
      { log },
    );
    const liquidations = fills.filter((f) => f.liquidation === true);
    expect(liquidations.length).toBeGreaterThan(0);
    expect(liquidations[0]?.orderId).toBe('liquidation');
    expect(result.equity[0]?.equity).toBe(0.025);
    expect(result.metrics.netPnl).toBeCloseTo((result.equity.at(-1)?.equity ?? 0) - 0.025, 12);
  });

  it('refuses an order whose initial margin at the leverage exceeds the equity, and takes it at a higher leverage', async () => {
    const at = (leverage: number) =>
      runBacktest(
        store,
        {
          strategy: 'TestBot',
          markets: ['XBTUSD'],
          fromMs: FROM,
          toMs: FROM + 3_600_000,
          initialBalance: 0.5, // $45,000 of equity: $100,000 of contracts need 3× leverage
          params: { trade_interval: 600, trade_size: 100_000, leverage },
        },
        { log },
      );
    const one = await at(1);
    expect(one.fills).toHaveLength(0);
    expect(one.result.rejects).toBeGreaterThan(0);
    const five = await at(5);
    expect(five.result.rejects).toBe(0);
    expect(five.fills.length).toBeGreaterThan(0);
  });

  it('the shortcuts of the hot loop change nothing: with the venue never idle (every event the full way) the runs are identical', async () => {
    const cases = [
      { strategy: 'SDBot', markets: ['XBTUSD'], params: {} },
      { strategy: 'SazBot', markets: ['XBTUSD'], params: { band_min: 0.0001, band_max: 0.01, entry_ratio: 1.2 } },
      // Liquidated by a print inside the quiet loop's stretch (neither bot has onTrade).
      {
        strategy: 'SDBot',
        markets: ['XBTUSD'],
        params: { trade_size: 300_000, leverage: 100 },
        initialBalance: 0.04,
        crash: true,
      },
      {
        strategy: 'TestBot',
        markets: ['XBTUSD'],
        params: { trade_interval: 1_800, trade_size: 200_000, leverage: 100 },
        initialBalance: 0.025,
        crash: true,
      },
    ];
    const crash = await crashStore();
    const runAll = () =>
      Promise.all(
        cases.map(async ({ crash: onCrash, ...c }) =>
          JSON.stringify(
            onCrash
              ? await runBacktest(crash, { ...c, fromMs: CRASH_FROM, toMs: CRASH_TO }, { log })
              : await runBacktest(store, { ...c, fromMs: FROM, toMs: TO }, { log }),
          ),
        ),
      );
    const fast = await runAll();
    const idle = SimulatedVenue.prototype.isIdle;
    SimulatedVenue.prototype.isIdle = () => false;
    let full: string[];
    try {
      full = await runAll();
    } finally {
      SimulatedVenue.prototype.isIdle = idle;
    }
    for (let k = 0; k < cases.length; k++) expect(fast[k], cases[k]?.strategy).toBe(full[k]);
    expect(fast[2]).toContain('"liquidation":true');
    expect(fast[3]).toContain('"liquidation":true');
  });

  it('refuses bad requests with the reason', async () => {
    await expect(run('NoSuchBot', ['XBTUSD'])).rejects.toThrow(/SDBot/);
    await expect(run('SDBot', ['XBTUSD'], { period: -3 })).rejects.toThrow(/invalid SDBot parameters: period/);
    await expect(run('DivergeBot', ['XBTUSD'])).rejects.toThrow(/DivergeBot trades 2 market/);
  });
});

describe('hm backtest', () => {
  const hm = (args: string[]) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), 'backtest', ...args], {
      cwd: repoRoot,
      env: { ...process.env, HM_ARCHIVE_DIR: dir },
      encoding: 'utf8',
    });
  const window = ['--from', new Date(FROM).toISOString(), '--to', new Date(TO).toISOString()];

  it('prints the documented JSON with --json', () => {
    const out = hm(['--strategy', 'SDBot', '--market', 'XBTUSD', ...window, '--param', 'num_std=1.5', '--json']);
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout) as BacktestResult;
    expect(r.strategy).toBe('SDBot');
    expect(r.settleCurrency).toBe('XBT');
    expect(Object.keys(r.metrics)).toEqual(
      expect.arrayContaining([
        'netPnl',
        'returnPct',
        'sharpe',
        'sortino',
        'maxDrawdown',
        'maxDrawdownPct',
        'calmar',
        'profitFactor',
        'expectancy',
        'winRate',
        'roundTrips',
        'fills',
        'feesPaid',
        'fundingPaid',
      ]),
    );
    expect(Object.keys(r.roundTrips[0] ?? {}).sort()).toEqual(
      ['entryPrice', 'entryTime', 'exitPrice', 'exitTime', 'fees', 'funding', 'market', 'pnl', 'qty', 'side'].sort(),
    );
    checkAccounts(r);
  });

  it("fails on a corrupt segment with the archive's message, and on wrong flags with exit 2", async () => {
    const bad = hm(['--strategy', 'SDBot', '--market', 'XBTUSD', '--from', 'soon', '--to', 'later']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--from: not an ISO date/);
    const seg = (await listManifests(store)).flatMap((m) =>
      'segments' in m && m.kind === 'trades' && m.symbol === 'XBTUSD' ? m.segments : [],
    )[2];
    const file = path.join(dir, ...(seg?.key ?? '').split('/'));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    try {
      const corrupt = hm(['--strategy', 'SDBot', '--market', 'XBTUSD', ...window, '--json']);
      expect(corrupt.status).toBe(1);
      expect(corrupt.stderr).toContain(`corrupt archive segment ${seg?.key}: size`);
    } finally {
      writeFileSync(file, bytes);
    }
  });
});
