import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../src/archive/generate.js';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { type MarketEvent, readMarket } from '../src/archive/market-reader.js';
import { listManifests } from '../src/archive/segments.js';
import { verifyArchive } from '../src/archive/verify.js';
import { repoRoot } from '../src/paths.js';
import { START_XBT } from '../src/simulator/price-process.js';
import { applyBookEvent, emptyBook } from './support/book-replay.js';

const dirs: string[] = [];
const tempStore = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-generate-'));
  dirs.push(dir);
  return { dir, store: new LocalArchiveStore(dir) };
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const FROM = Date.UTC(2026, 10, 30, 22, 0, 0);
const TO = FROM + 3 * 3_600_000;
const request = { markets: ['XBTUSD'], fromMs: FROM, toMs: TO, seed: 7, tradesPerMinute: 30, snapshotEveryMs: 60_000 };

async function collect(store: LocalArchiveStore): Promise<MarketEvent[]> {
  const out: MarketEvent[] = [];
  for await (const e of readMarket(store, { exchange: 'bitmex', symbol: 'XBTUSD', fromMs: FROM, toMs: TO }))
    out.push(e);
  return out;
}

describe('hm archive generate: synthetic trades and book from the simulator model', () => {
  it('is deterministic for a seed, and a rerun changes nothing', async () => {
    const a = tempStore();
    const b = tempStore();
    await generateHistory(a.store, request);
    await generateHistory(b.store, request);
    const shas = async (s: LocalArchiveStore) =>
      (await listManifests(s)).flatMap((m) => ('segments' in m ? m.segments.map((e) => `${e.key} ${e.sha256}`) : []));
    const first = await shas(a.store);
    expect(first.length).toBe(6); // 3 hours × (trades + book)
    expect(await shas(b.store)).toEqual(first);
    await generateHistory(a.store, request);
    expect(await shas(a.store)).toEqual(first);
  });

  it('writes trades that hit the book as it stood, in one time-ordered stream, never crossed', async () => {
    const { store } = tempStore();
    const result = await generateHistory(store, request);
    const events = await collect(store);
    expect(events.filter((e) => e.type === 'trade').length).toBe(result.trades);
    expect(result.trades).toBeGreaterThan(1_000);
    const book = emptyBook();
    const { bids, asks } = book;
    let last = 0n;
    let checkedTrades = 0;
    for (const e of events) {
      expect(e.timeNs >= last).toBe(true);
      last = e.timeNs;
      if (!applyBookEvent(book, e) && e.type === 'trade') {
        // A buyer lifts the best ask, a seller hits the best bid.
        expect(e.priceTicks).toBe(e.side === 1 ? Math.min(...asks.keys()) : Math.max(...bids.keys()));
        checkedTrades += 1;
        continue;
      }
      if (bids.size && asks.size) expect(Math.max(...bids.keys())).toBeLessThan(Math.min(...asks.keys()));
    }
    expect(checkedTrades).toBe(result.trades);
  });

  it('ends where the live simulator starts, so history runs into the live chart', async () => {
    const { store } = tempStore();
    await generateHistory(store, { ...request, bookDepth: 0 });
    const trades = (await collect(store)).filter((e) => e.type === 'trade');
    const lastPrice = (trades.at(-1)?.priceTicks ?? 0) * 0.1;
    expect(Math.abs(lastPrice / START_XBT - 1)).toBeLessThan(0.01);
  });

  it('gzips book segments (.fb.gz), and verify names a flipped byte in one', async () => {
    const { dir, store } = tempStore();
    await generateHistory(store, request);
    const book = (await listManifests(store)).flatMap((m) => ('segments' in m && m.kind === 'book' ? m.segments : []));
    expect(book.every((e) => e.key.endsWith('.fb.gz') && e.compression === 'gzip')).toBe(true);
    expect((await verifyArchive(store)).problems).toEqual([]);
    const victim = book[1]?.key ?? '';
    const file = path.join(dir, ...victim.split('/'));
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, bytes);
    const { problems } = await verifyArchive(store);
    expect(problems.map((p) => p.key)).toEqual([victim]);
    await expect(collect(store)).rejects.toThrow(`corrupt archive segment ${victim}: SHA-256 mismatch`);
  });
});

describe('hm archive generate on the command line', () => {
  const hm = (args: string[], archive: string) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), 'archive', ...args], {
      cwd: repoRoot,
      env: { ...process.env, HM_ARCHIVE_DIR: archive },
      encoding: 'utf8',
    });

  it('writes trades and book that `hm archive info --json` lists', () => {
    const { dir } = tempStore();
    const run = hm(
      ['generate', '--market', 'ETHUSD', '--from', '2026-11-30T00:00:00Z', '--to', '2026-11-30T02:00:00Z'],
      dir,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/generate \[#+\] 100%/);
    const info = JSON.parse(hm(['info', '--json'], dir).stdout) as { markets: { market: string; kind: string }[] };
    expect(info.markets.map((m) => `${m.market} ${m.kind}`)).toEqual(['bitmex:ETHUSD book', 'bitmex:ETHUSD trades']);
  });

  it('refuses wrong flags with a specific message and exit code 2', () => {
    const { dir } = tempStore();
    const bad = hm(['generate', '--market', 'DOGEUSD', '--from', 'yesterday', '--to', '2026-11-30T02:00:00Z'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--market/);
    expect(bad.stderr).toMatch(/--from: not an ISO date/);
    const backwards = hm(
      ['generate', '--market', 'XBTUSD', '--from', '2026-11-30T02:00:00Z', '--to', '2026-11-30T00:00:00Z'],
      dir,
    );
    expect(backwards.status).toBe(2);
    expect(backwards.stderr).toMatch(/--to must be after --from/);
  });
});
