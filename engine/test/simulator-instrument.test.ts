import { afterEach, describe, expect, it } from 'vitest';
import { listInstruments } from '../src/market/instruments.js';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';
import { ClientTable, FeedProbe, isTableFrame } from './support/simulator-probe.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: Partial<SimulatorOptions>, topics: string[]) {
  const sim: RunningSimulator = await startSimulator({ port: 0, seed: 9, instruments: listInstruments(), ...opts });
  cleanups.push(() => sim.close());
  const probe = await FeedProbe.connect(sim.url);
  cleanups.push(() => probe.close());
  const instruments = new ClientTable('instrument');
  probe.onFrame((f) => {
    if (isTableFrame(f)) instruments.apply(f);
  });
  probe.subscribe(...topics);
  await probe.until(() => probe.tableFrames().filter((f) => f.action === 'partial').length === topics.length);
  return { sim, probe, instruments };
}

/** The row without its timestamp (a row's timestamp only moves when something is published). */
function content(row: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const { timestamp: _ignored, ...rest } = row ?? {};
  return rest;
}

describe('simulator instrument table', () => {
  it('keeps 24 h statistics consistent with the prints, updates with changed columns only, ≤ 2/s', async () => {
    const { sim, probe, instruments } = await setup(
      { speed: 30, tradesPerSecond: 10, paused: true, startMs: Date.UTC(2025, 2, 3, 23, 59, 55) }, // crosses midnight UTC
      ['instrument:XBTUSD', 'instrument:.BXBT', 'trade:XBTUSD'],
    );
    const partialVolume = instruments.rows.get('XBTUSD')?.volume24h as number;
    sim.resume();
    await probe.until(() => {
      const prints = probe.tableFrames('trade').flatMap((f) => f.data);
      return prints.length >= 400 && String(prints.at(-1)?.timestamp) >= '2025-03-04T00:00:01';
    });
    sim.pause();
    await probe.ping();

    const prints = probe.tableFrames('trade').flatMap((f) => f.data);
    const row = instruments.rows.get('XBTUSD') ?? {};
    const last = prints.at(-1);
    expect(row.lastPrice).toBe(last?.price);
    expect(row.lastTickDirection).toBe(last?.tickDirection);
    const traded = prints.map((p) => p.price as number);
    expect(row.highPrice as number).toBeGreaterThanOrEqual(Math.max(...traded));
    expect(row.lowPrice as number).toBeLessThanOrEqual(Math.min(...traded));
    expect(row.lastChangePcnt).toBeCloseTo((row.lastPrice as number) / (row.prevPrice24h as number) - 1, 4);
    expect(row.volume24h as number).toBeGreaterThan(partialVolume * 0.9);
    const sinceMidnight = prints
      .filter((p) => (p.timestamp as string) >= '2025-03-04')
      .reduce((n, p) => n + (p.size as number), 0);
    expect(row.volume, 'volume counts from 00:00 UTC').toBe(sinceMidnight);
    expect(row.bidPrice as number).toBeLessThan(row.askPrice as number);
    expect(row.midPrice).toBeCloseTo(((row.bidPrice as number) + (row.askPrice as number)) / 2, 6);

    // Fair price = index × (1 + fundingRate × time to funding / 8 h); the index is .BXBT.
    const index = instruments.rows.get('.BXBT') ?? {};
    expect(row.indicativeSettlePrice).toBe(index.lastPrice);
    expect(
      Math.abs((row.markPrice as number) - (index.lastPrice as number)) / (index.lastPrice as number),
    ).toBeLessThan(0.001);
    expect(Math.abs((row.lastPrice as number) / (index.lastPrice as number) - 1)).toBeLessThan(0.01);

    // What the client merged equals the simulator's row.
    expect(content(row)).toEqual(content(sim.instrumentRow('XBTUSD')));
    expect(content(index)).toEqual(content(sim.instrumentRow('.BXBT')));

    const updates = probe
      .tableFrames('instrument')
      .filter((f) => f.action === 'update')
      .flatMap((f) => f.data.filter((r) => r.symbol === 'XBTUSD'));
    expect(updates.length).toBeGreaterThan(5);
    const fullWidth = Object.keys(row).length;
    for (const u of updates) {
      expect(u).toHaveProperty('timestamp');
      expect(Object.keys(u).length).toBeLessThan(fullWidth);
    }
    const times = updates.slice(0, -1).map((u) => Date.parse(u.timestamp as string)); // the last may be pause()'s flush
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
  });

  it('.BXBT and .BETH track the XBT and ETH prices', async () => {
    const { sim, probe, instruments } = await setup({ speed: 30, startMs: Date.UTC(2025, 2, 3, 10) }, ['instrument']);
    await probe.until(() => probe.tableFrames('instrument').filter((f) => f.action === 'update').length >= 20);
    sim.pause();
    await probe.ping();
    const price = (s: string) => instruments.rows.get(s)?.lastPrice as number;
    expect(Math.abs(price('.BXBT') / price('XBTUSD') - 1)).toBeLessThan(0.01);
    expect(Math.abs(price('.BXBT') / price('XBTUSDT') - 1)).toBeLessThan(0.01);
    expect(Math.abs(price('.BETH') / price('ETHUSD') - 1)).toBeLessThan(0.01);
    expect(instruments.rows.get('ETHUSD')?.referenceSymbol).toBe('.BETH');
    expect(instruments.rows.get('XBTUSDT')).toMatchObject({
      settlCurrency: 'USDt',
      underlyingToPositionMultiplier: 1e6,
    });
  });
});

describe('simulator funding', () => {
  it('inserts a funding row at 12:00 UTC and rolls the instrument forward', async () => {
    const { sim, probe, instruments } = await setup(
      { speed: 10, paused: true, startMs: Date.UTC(2025, 2, 3, 11, 59, 58, 500) },
      ['funding', 'instrument:XBTUSD'],
    );
    const before = { ...instruments.rows.get('XBTUSD') };
    expect(before).toMatchObject({ fundingTimestamp: '2025-03-03T12:00:00.000Z' });
    sim.resume();
    const paid = await probe.until(() => probe.tableFrames('funding').find((f) => f.action === 'insert'));
    expect(paid.data.map((r) => r.symbol)).toEqual(['XBTUSD', 'ETHUSD', 'XBTUSDT']);
    expect(paid.data[0]).toEqual({
      timestamp: '2025-03-03T12:00:00.000Z',
      symbol: 'XBTUSD',
      fundingInterval: '2000-01-01T08:00:00.000Z',
      fundingRate: before.fundingRate,
      fundingRateDaily: Math.round((before.fundingRate as number) * 3 * 1e6) / 1e6,
    });
    await probe.until(() => instruments.rows.get('XBTUSD')?.fundingTimestamp === '2025-03-03T20:00:00.000Z');
    const after = instruments.rows.get('XBTUSD') ?? {};
    expect(typeof after.fundingRate).toBe('number');
    expect(Math.abs(after.fundingRate as number)).toBeLessThanOrEqual(0.00375);
  });

  it('pays the 20:00 funding on advance() and schedules the next one for 04:00 the next day', async () => {
    const { sim, probe } = await setup({ paused: true, startMs: Date.UTC(2025, 2, 3, 19, 59, 30) }, ['funding:ETHUSD']);
    const rate = sim.instrumentRow('ETHUSD').fundingRate;
    sim.advance(60_000);
    await probe.ping();
    const paid = probe
      .tableFrames('funding')
      .filter((f) => f.action === 'insert')
      .flatMap((f) => f.data);
    expect(paid).toEqual([
      expect.objectContaining({ timestamp: '2025-03-03T20:00:00.000Z', symbol: 'ETHUSD', fundingRate: rate }),
    ]);
    expect(sim.instrumentRow('ETHUSD').fundingTimestamp).toBe('2025-03-04T04:00:00.000Z');
    expect(sim.model.lastFunding('ETHUSD')).toEqual(paid[0]);
  });
});
