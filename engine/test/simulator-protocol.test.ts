import { afterEach, describe, expect, it } from 'vitest';
import { listInstruments } from '../src/market/instruments.js';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';
import { FeedProbe, type TableFrame } from './support/simulator-probe.js';

const START = Date.UTC(2024, 10, 24, 8, 0, 0);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const s = await startSimulator({ port: 0, seed: 5, instruments: listInstruments(), startMs: START, ...opts });
  cleanups.push(() => s.close());
  return s;
}

async function probe(s: RunningSimulator): Promise<FeedProbe> {
  const p = await FeedProbe.connect(s.url);
  cleanups.push(() => p.close());
  return p;
}

function partialOf(p: FeedProbe, table: string, symbol?: string): Promise<TableFrame> {
  return p.until(() =>
    p
      .tableFrames(table)
      .find((f) => f.action === 'partial' && (symbol === undefined ? true : f.filter?.symbol === symbol)),
  );
}

describe('simulator protocol', () => {
  it('acks each topic echoing the request, then sends partials in BitMEX shapes', async () => {
    const s = await sim({ paused: true });
    const p = await probe(s);
    expect(p.frames[0]).toMatchObject({ info: 'Welcome to the BitMEX Realtime API.', version: '2.0.0' });
    const topics = ['orderBookL2_25:XBTUSD', 'orderBookL2:ETHUSD', 'instrument:XBTUSD', 'instrument:.BXBT', 'funding'];
    p.subscribe(...topics);
    const request = { op: 'subscribe', args: topics };
    for (const topic of topics) {
      await p.until(() => p.frames.some((f) => f !== 'pong' && f.subscribe === topic));
      expect(p.frames).toContainEqual({ success: true, subscribe: topic, request });
    }

    const top = await partialOf(p, 'orderBookL2_25', 'XBTUSD');
    expect(top).toMatchObject({ keys: ['symbol', 'id', 'side'], filter: { symbol: 'XBTUSD' } });
    expect(top.data.filter((r) => r.side === 'Sell')).toHaveLength(25);
    expect(top.data.filter((r) => r.side === 'Buy')).toHaveLength(25);
    for (const row of top.data) {
      expect(Object.keys(row)).toEqual(['symbol', 'id', 'side', 'size', 'price', 'timestamp', 'transactTime']);
      expect(Number.isSafeInteger(row.id) && (row.id as number) >= 2 ** 32).toBe(true);
      expect((row.size as number) % 100).toBe(0); // XBTUSD lot size
    }
    // BitMEX partial order: asks then bids, each highest price first.
    const prices = top.data.map((r) => r.price as number);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    expect(top.data[0]?.side).toBe('Sell');

    const full = await partialOf(p, 'orderBookL2', 'ETHUSD');
    const book = s.bookSnapshot('ETHUSD');
    expect(full.data).toHaveLength(book.bids.length + book.asks.length);
    expect(book.bids.length).toBeGreaterThanOrEqual(100);
    expect(new Set(full.data.map((r) => r.id)).size).toBe(full.data.length);

    const inst = await partialOf(p, 'instrument', 'XBTUSD');
    expect(inst).toMatchObject({ keys: ['symbol'], attributes: { symbol: 'unique' } });
    expect(inst.data[0]).toMatchObject({
      symbol: 'XBTUSD',
      typ: 'FFWCSX',
      state: 'Open',
      tickSize: 0.1,
      lotSize: 100,
      multiplier: -100_000_000,
      underlyingToSettleMultiplier: -100_000_000,
      isInverse: true,
      isQuanto: false,
      settlCurrency: 'XBt',
      referenceSymbol: '.BXBT',
      markMethod: 'FairPrice',
      fundingInterval: '2000-01-01T08:00:00.000Z',
      fundingTimestamp: '2024-11-24T12:00:00.000Z',
    });
    expect(inst.data[0]).toEqual(s.instrumentRow('XBTUSD'));
    const index = await partialOf(p, 'instrument', '.BXBT');
    expect(index.data[0]).toMatchObject({ symbol: '.BXBT', typ: 'MRCXXX' });

    const funding = await partialOf(p, 'funding');
    expect(funding).toMatchObject({ keys: ['timestamp', 'symbol'], filter: {} });
    expect(funding.data.map((r) => r.symbol)).toEqual(['XBTUSD', 'ETHUSD', 'XBTUSDT']);
    expect(funding.data[0]).toMatchObject({
      timestamp: '2024-11-24T04:00:00.000Z',
      fundingInterval: expect.any(String),
    });
  });

  it('answers unknown tables and symbols, duplicates and bad requests with BitMEX error frames', async () => {
    const s = await sim({ paused: true });
    const p = await probe(s);
    p.send({ op: 'subscribe', args: ['x'] });
    await p.until(() => p.frames.length >= 2);
    expect(p.frames[1]).toEqual({
      status: 400,
      error: 'Unknown table: x',
      meta: {},
      request: { op: 'subscribe', args: ['x'] },
    });

    p.send({ op: 'subscribe', args: 'orderBookL2:NOPE' });
    await p.until(() => p.frames.length >= 3);
    expect(p.frames[2]).toEqual({
      status: 400,
      error: 'Unknown symbol: NOPE',
      meta: {},
      request: { op: 'subscribe', args: 'orderBookL2:NOPE' },
    });

    p.subscribe('trade:XBTUSD');
    p.subscribe('trade:XBTUSD');
    await p.until(() => p.frames.some((f) => f !== 'pong' && f.error === 'You are already subscribed to this topic'));

    p.send('not json');
    await p.until(() => p.frames.some((f) => f !== 'pong' && String(f.error).startsWith('Unrecognized request')));
  });

  it('serves every symbol for a bare table name and for table:*', async () => {
    const s = await sim({ paused: true });
    const p = await probe(s);
    p.subscribe('orderBookL2_25', 'instrument:*');
    const top = await partialOf(p, 'orderBookL2_25');
    expect(top.filter).toEqual({});
    expect(new Set(top.data.map((r) => r.symbol))).toEqual(new Set(['XBTUSD', 'ETHUSD', 'XBTUSDT']));
    const inst = await partialOf(p, 'instrument');
    expect(inst.data.map((r) => r.symbol)).toEqual(['XBTUSD', 'ETHUSD', 'XBTUSDT', '.BXBT', '.BETH']);
  });

  it('gives the same frames for the same seed, whatever the wall clock does', async () => {
    const topics = ['orderBookL2', 'orderBookL2_25', 'trade', 'instrument', 'funding'];
    const run = async (seed: number, speed: number) => {
      const s = await sim({ seed, speed, paused: true, tradesPerSecond: 10 });
      const p = await probe(s);
      p.subscribe(...topics);
      await p.until(() => p.tableFrames().filter((f) => f.action === 'partial').length === topics.length);
      s.resume();
      await p.until(() => p.texts.length >= 400);
      s.pause();
      return p.texts.slice(0, 400);
    };
    const [a, b, c] = await Promise.all([run(77, 10), run(77, 25), run(78, 10)]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((t) => t.startsWith('{"table":"trade","action":"insert"')).length).toBeGreaterThan(0);
  });

  it('keeps serving the trade table as before: partial of recent prints, then inserts', async () => {
    const s = await sim({ speed: 20, tradesPerSecond: 20 });
    const p = await probe(s);
    p.subscribe('trade:XBTUSD');
    await p.until(() => p.tableFrames('trade').some((f) => f.action === 'insert'));
    const [partial, insert] = p.tableFrames('trade');
    expect(partial).toMatchObject({ table: 'trade', action: 'partial', keys: [], filter: { symbol: 'XBTUSD' } });
    const row = insert?.data[0];
    expect(Object.keys(row ?? {})).toEqual([
      'timestamp',
      'symbol',
      'side',
      'size',
      'price',
      'tickDirection',
      'trdMatchID',
      'grossValue',
      'homeNotional',
      'foreignNotional',
    ]);
    expect(p.tableFrames().every((f) => f.data.every((r) => r.symbol === 'XBTUSD'))).toBe(true);
  });
});
