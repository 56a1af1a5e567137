import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signRealtime, signRequest } from '../src/bitmex/auth/signature.js';
import { listInstruments } from '../src/market/instruments.js';
import { defaultTestAccount, type SimulatorAccount } from '../src/simulator/private/accounts.js';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';
import { ClientTable, FeedProbe, type Frame, type TableFrame } from './support/simulator-probe.js';

const START = Date.UTC(2024, 10, 24, 8, 0, 0);
const ACCOUNT = defaultTestAccount();
const OTHER: Required<SimulatorAccount> = {
  apiKey: 'OTHERTESTKEY000000000002',
  apiSecret: 'another-simulator-secret-for-the-second-account2',
  account: 100_002,
  balances: { XBt: 50_000_000, USDt: 0 },
};
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const s = await startSimulator({
    port: 0,
    seed: 5,
    instruments: listInstruments(),
    startMs: START,
    paused: true,
    accounts: [ACCOUNT, OTHER],
    ...opts,
  });
  cleanups.push(() => s.close());
  return s;
}

async function probe(url: string): Promise<FeedProbe> {
  const p = await FeedProbe.connect(url);
  cleanups.push(() => p.close());
  return p;
}

const expiresSoon = () => Math.floor(Date.now() / 1000) + 60;
type Row = Record<string, unknown>;

/** Connects and authenticates with the `authKeyExpires` op; resolves after its success reply. */
async function authed(s: RunningSimulator, account: SimulatorAccount = ACCOUNT): Promise<FeedProbe> {
  const p = await probe(s.url);
  const expires = expiresSoon();
  const request = { op: 'authKeyExpires', args: [account.apiKey, expires, signRealtime(account.apiSecret, expires)] };
  p.send(request);
  await p.until(() => p.frames.some((f) => isObject(f) && f.success === true && !('subscribe' in f)));
  return p;
}

/** A signed REST call with a JSON body. */
async function rest(s: RunningSimulator, verb: string, route: string, params: Row, account = ACCOUNT): Promise<Row> {
  const path = `/api/v1${route}`;
  const body = JSON.stringify(params);
  const expires = expiresSoon();
  const res = await fetch(`${s.restUrl}${path}`, {
    method: verb,
    body,
    headers: {
      'content-type': 'application/json',
      'api-key': account.apiKey,
      'api-expires': String(expires),
      'api-signature': signRequest(account.apiSecret, { verb, path, expires, body }),
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Row;
}

function isObject(f: Frame): f is Readonly<Row> {
  return f !== 'pong';
}

function partial(p: FeedProbe, table: string): Promise<TableFrame> {
  return p.until(() => p.tableFrames(table).find((f) => f.action === 'partial'));
}

/** Rows of a table's delta frames. */
const rowsOf = (p: FeedProbe, table: string, action: TableFrame['action']) =>
  p.tableFrames(table).flatMap((f) => (f.action === action ? f.data : []));

const withoutNulls = (row: Row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

describe('simulator realtime: authentication', () => {
  it('refuses private topics before auth, then authenticates with authKeyExpires', async () => {
    const s = await sim();
    const p = await probe(s.url);
    p.subscribe('order');
    const refused = await p.until(() => p.frames.find((f) => isObject(f) && f.status === 401));
    expect(refused).toEqual({
      status: 401,
      error: 'User requested an account-locked subscription but no authorization was provided.',
      meta: { notes: expect.stringContaining('execution,margin,order,position') },
      request: { op: 'subscribe', args: ['order'] },
    });

    const expires = expiresSoon();
    const bad = { op: 'authKeyExpires', args: [ACCOUNT.apiKey, expires, signRealtime('wrong-secret', expires)] };
    p.send(bad);
    await p.until(() => p.frames.some((f) => isObject(f) && f.error === 'Signature not valid.'));
    expect(p.frames).toContainEqual({ status: 401, error: 'Signature not valid.', meta: {}, request: bad });

    const good = { op: 'authKeyExpires', args: [ACCOUNT.apiKey, expires, signRealtime(ACCOUNT.apiSecret, expires)] };
    p.send(good);
    await p.until(() => p.frames.some((f) => isObject(f) && f.success === true));
    expect(p.frames).toContainEqual({ success: true, request: good });

    p.subscribe('order', 'execution', 'position', 'margin');
    const order = await partial(p, 'order');
    expect(order).toMatchObject({ keys: ['orderID'], filter: { account: ACCOUNT.account }, data: [] });
    expect((order as TableFrame & { types?: Row }).types).toMatchObject({
      orderID: 'guid',
      leavesQty: 'long',
      avgPx: 'float',
      ordStatus: 'symbol',
    });
    expect(await partial(p, 'execution')).toMatchObject({ keys: ['execID'], data: [] });
    expect(await partial(p, 'position')).toMatchObject({ keys: ['account', 'symbol'], data: [] });
    const margin = await partial(p, 'margin');
    expect(margin).toMatchObject({ keys: ['account', 'currency'], filter: { account: ACCOUNT.account } });
    expect(margin.data.map((r) => [r.currency, r.walletBalance])).toEqual([
      ['XBt', 100_000_000],
      ['USDt', 100_000_000_000],
    ]);
    for (const topic of ['order', 'execution', 'position', 'margin']) {
      expect(p.frames).toContainEqual({
        success: true,
        subscribe: topic,
        request: { op: 'subscribe', args: ['order', 'execution', 'position', 'margin'] },
      });
    }
  });

  it('authenticates from connection headers and from the query string', async () => {
    const s = await sim();
    const expires = expiresSoon();
    const signature = signRealtime(OTHER.apiSecret, expires);
    const headers = { 'api-key': OTHER.apiKey, 'api-expires': String(expires), 'api-signature': signature };
    const socket = new WebSocket(s.url, { headers });
    cleanups.push(() => socket.close());
    const frames: Row[] = [];
    const got = new Promise<Row>((resolve) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Row;
        frames.push(frame);
        if (frame.table === 'margin') resolve(frame);
      });
    });
    socket.on('open', () => socket.send(JSON.stringify({ op: 'subscribe', args: ['margin'] })));
    expect(await got).toMatchObject({ action: 'partial', filter: { account: OTHER.account } });
    expect(frames.some((f) => f.status === 401)).toBe(false);

    const query = new URLSearchParams({ ...headers, subscribe: 'position' });
    const p = await probe(`${s.url}?${query}`);
    expect(await partial(p, 'position')).toMatchObject({ filter: { account: OTHER.account } });

    const stale = new URLSearchParams({ ...headers, 'api-expires': String(expires - 3_600) });
    const refused = await probe(`${s.url}?${stale}`);
    const error = await refused.until(() => refused.frames.find((f) => isObject(f) && f.status === 401));
    expect(error).toMatchObject({ error: expect.stringMatching(/^This request has expired/) });
  });
});

describe('simulator realtime: private tables', () => {
  it('streams order, execution, position and margin for a market order; merged tables equal the exchange', async () => {
    const s = await sim();
    const bid = s.bookSnapshot('XBTUSD').bids[0]?.[0] ?? 0;
    const resting = await rest(s, 'POST', '/order', { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 200 });
    const p = await authed(s);
    const tables = ['order', 'execution', 'position', 'margin'].map((t) => new ClientTable(t));
    p.onFrame((f) => {
      if (isObject(f) && typeof f.table === 'string') for (const t of tables) t.apply(f as unknown as TableFrame);
    });
    p.subscribe('order', 'execution', 'position', 'margin');
    expect((await partial(p, 'order')).data).toEqual([withoutNulls(resting)]);
    await partial(p, 'margin');

    const filled = await rest(s, 'POST', '/order', {
      symbol: 'XBTUSD',
      side: 'Sell',
      orderQty: 300,
      ordType: 'Market',
      clOrdID: 'short-1',
    });
    await p.until(() => rowsOf(p, 'order', 'update').some((r) => r.ordStatus === 'Filled'));
    await p.ping();

    const inserted = rowsOf(p, 'order', 'insert');
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({ clOrdID: 'short-1', ordStatus: 'New', leavesQty: 300 });
    expect(Object.values(inserted[0] ?? {})).not.toContain(null);
    const trades = rowsOf(p, 'execution', 'insert').filter((r) => r.execType === 'Trade');
    expect(trades.length).toBeGreaterThan(0);
    for (const t of trades) {
      expect(t).toMatchObject({
        orderID: filled.orderID,
        clOrdID: 'short-1',
        account: ACCOUNT.account,
        symbol: 'XBTUSD',
        side: 'Sell',
        lastLiquidityInd: 'RemovedLiquidity',
        commission: 0.00075,
        settlCurrency: 'XBt',
      });
      expect(Number.isInteger(t.execComm)).toBe(true);
      for (const key of ['execID', 'lastQty', 'lastPx', 'leavesQty', 'cumQty', 'avgPx', 'transactTime', 'timestamp']) {
        expect(t).toHaveProperty(key);
      }
    }
    expect(trades.reduce((n, t) => n + (t.lastQty as number), 0)).toBe(300);
    expect(rowsOf(p, 'execution', 'insert').find((r) => r.execType === 'New')).toMatchObject({ ordStatus: 'New' });
    expect(rowsOf(p, 'position', 'insert')[0]).toMatchObject({ symbol: 'XBTUSD', currentQty: -300 });
    const update = rowsOf(p, 'order', 'update').at(-1);
    expect(Object.keys(update ?? {})).toEqual(expect.arrayContaining(['orderID', 'clOrdID', 'account', 'symbol']));

    const hooks = s.account(ACCOUNT.apiKey);
    const [orderTable, , positionTable, marginTable] = tables;
    expect([...(orderTable?.rows.values() ?? [])]).toEqual(hooks.orders().map(withoutNulls));
    expect([...(positionTable?.rows.values() ?? [])]).toEqual(hooks.positions().map(withoutNulls));
    expect([...(marginTable?.rows.values() ?? [])]).toEqual(hooks.margin().map(withoutNulls));
    expect(hooks.margin()[0]?.walletBalance).toBe(100_000_000 - trades.reduce((n, t) => n + (t.execComm as number), 0));
  });

  it('a resting limit fills as maker on the simulated trades; order:XBTUSD sees only XBTUSD rows', async () => {
    const s = await sim();
    const p = await authed(s);
    p.subscribe('order:XBTUSD', 'execution');
    await partial(p, 'order');
    const ask = s.bookSnapshot('XBTUSD').asks[0]?.[0] ?? 0;
    const ethBid = s.bookSnapshot('ETHUSD').bids[0]?.[0] ?? 0;
    await rest(s, 'POST', '/order', { symbol: 'ETHUSD', side: 'Buy', orderQty: 10, price: ethBid - 50 });
    const placed = await rest(s, 'POST', '/order', { symbol: 'XBTUSD', side: 'Sell', orderQty: 200, price: ask });
    expect(placed).toMatchObject({ ordStatus: 'New', workingIndicator: true });

    const makerFills = () => rowsOf(p, 'execution', 'insert').filter((r) => r.lastLiquidityInd === 'AddedLiquidity');
    for (let step = 0; step < 1_800 && !makerFills().some((r) => r.ordStatus === 'Filled'); step++) {
      s.advance(1_000);
      await p.ping();
    }
    const fills = makerFills();
    expect(fills.at(-1)).toMatchObject({ orderID: placed.orderID, ordStatus: 'Filled', cumQty: 200, avgPx: ask });
    for (const f of fills) expect(f).toMatchObject({ lastPx: ask, commission: 0.0002, execType: 'Trade' });
    expect(p.tableFrames('order').flatMap((f) => f.data.map((r) => r.symbol))).not.toContain('ETHUSD');
    expect(rowsOf(p, 'execution', 'insert').some((r) => r.symbol === 'ETHUSD')).toBe(true);
  });
});

describe("simulator dead man's switch", () => {
  it('cancelAllAfter (WS op) replies with now/cancelTime, 0 disarms, and when it fires cancels the account’s orders', async () => {
    const s = await sim();
    const p = await authed(s);
    p.subscribe('order');
    await partial(p, 'order');
    const bid = s.bookSnapshot('XBTUSD').bids[0]?.[0] ?? 0;
    for (const clOrdID of ['x', 'y']) {
      await rest(s, 'POST', '/order', { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 100, clOrdID });
    }
    await rest(s, 'POST', '/order', { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 100 }, OTHER);

    const reply = (args: number) =>
      p.until(() =>
        p.frames.find(
          (f): f is Readonly<Row> => isObject(f) && 'cancelTime' in f && (f.request as Row | undefined)?.args === args,
        ),
      );
    p.send({ op: 'cancelAllAfter', args: 60_000 });
    const armed = await reply(60_000);
    expect(Object.keys(armed)).toEqual(['now', 'cancelTime', 'request']);
    expect(Date.parse(armed.cancelTime as string) - Date.parse(armed.now as string)).toBe(60_000);
    expect(armed.request).toEqual({ op: 'cancelAllAfter', args: 60_000 });
    p.send({ op: 'cancelAllAfter', args: 0 });
    expect(await reply(0)).toMatchObject({ cancelTime: 0, request: { op: 'cancelAllAfter', args: 0 } });

    p.send({ op: 'cancelAllAfter', args: 50 });
    await reply(50);
    const canceled = () => rowsOf(p, 'order', 'update').filter((r) => r.ordStatus === 'Canceled');
    await p.until(() => canceled().length === 2);
    for (const row of canceled()) expect(row.text).toMatch(/^Canceled: Cancel from cancelAllAfter\n/);
    expect(s.account(ACCOUNT.apiKey).openOrders()).toEqual([]);
    expect(s.account(OTHER.apiKey).openOrders()).toHaveLength(1);
  });

  it('POST /order/cancelAllAfter arms the same switch', async () => {
    const s = await sim();
    const p = await authed(s);
    p.subscribe('order');
    await partial(p, 'order');
    const bid = s.bookSnapshot('XBTUSD').bids[0]?.[0] ?? 0;
    await rest(s, 'POST', '/order', { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 100 });
    const armed = await rest(s, 'POST', '/order/cancelAllAfter', { timeout: 50 });
    expect(Date.parse(armed.cancelTime as string) - Date.parse(armed.now as string)).toBe(50);
    await p.until(() => rowsOf(p, 'order', 'update').some((r) => r.ordStatus === 'Canceled'));
    expect(s.account(ACCOUNT.apiKey).openOrders()).toEqual([]);
    const refused = await probe(s.url);
    refused.send({ op: 'cancelAllAfter', args: 1_000 });
    const error = await refused.until(() => refused.frames.find((f) => isObject(f) && f.status === 401));
    expect(error).toMatchObject({ request: { op: 'cancelAllAfter', args: 1_000 } });
  });
});
