import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../src/bitmex/auth/signature.js';
import { listInstruments } from '../src/market/instruments.js';
import { defaultTestAccount } from '../src/simulator/private/accounts.js';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';
import { bitmexFixtures } from './support/paths.js';

const START = Date.UTC(2024, 10, 24, 8, 0, 0);
const ACCOUNT = defaultTestAccount();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A paused simulator (the market moves only when a test advances it). */
async function sim(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const s = await startSimulator({
    port: 0,
    seed: 5,
    instruments: listInstruments(),
    startMs: START,
    paused: true,
    ...opts,
  });
  cleanups.push(() => s.close());
  return s;
}

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  headers: Headers;
  body: Json & Json[];
}

interface Signing {
  key?: string;
  secret?: string;
  /** Unix seconds. @default now + 60 */
  expires?: number;
  /** Send the body form-encoded instead of JSON. */
  form?: boolean;
}

/** One signed REST call, as a BitMEX client makes it (GET parameters in the query string, others in the body). */
async function api(
  s: RunningSimulator,
  verb: string,
  route: string,
  params?: Json,
  sign: Signing = {},
): Promise<Reply> {
  let pathWithQuery = `/api/v1${route}`;
  let body = '';
  if (params && verb === 'GET') {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    pathWithQuery += `?${query}`;
  } else if (params) {
    body = sign.form ? new URLSearchParams(params as Record<string, string>).toString() : JSON.stringify(params);
  }
  const expires = sign.expires ?? Math.floor(Date.now() / 1000) + 60;
  const signature = signRequest(sign.secret ?? ACCOUNT.apiSecret, { verb, path: pathWithQuery, expires, body });
  const res = await fetch(`${s.restUrl}${pathWithQuery}`, {
    method: verb,
    ...(body ? { body } : {}),
    headers: {
      'content-type': sign.form ? 'application/x-www-form-urlencoded' : 'application/json',
      'api-key': sign.key ?? ACCOUNT.apiKey,
      'api-expires': String(expires),
      'api-signature': signature,
    },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json & Json[] };
}

const order = (s: RunningSimulator, params: Json) => api(s, 'POST', '/order', params);

/** Walks the asks for `qty` contracts: BitMEX's order avgPx for inverse contracts is the contract-weighted harmonic mean. */
function harmonicFill(levels: [number, number][], qty: number): number {
  let left = qty;
  let xbt = 0;
  for (const [price, size] of levels) {
    const take = Math.min(left, size);
    xbt += take / price;
    left -= take;
    if (left === 0) break;
  }
  return qty / xbt;
}

describe('simulator REST API: authentication, errors and rate limit', () => {
  it('refuses unknown keys, bad signatures and expired requests with BitMEX 401 errors', async () => {
    const s = await sim();
    const unknown = await api(s, 'GET', '/position', undefined, { key: 'NOPE' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: { message: 'Invalid API Key.', name: 'HTTPError' } });

    const badSig = await api(s, 'GET', '/position', undefined, { secret: 'not-the-secret' });
    expect(badSig.status).toBe(401);
    expect(badSig.body).toEqual({ error: { message: 'Signature not valid.', name: 'HTTPError' } });

    const expired = await api(s, 'GET', '/position', undefined, { expires: Math.floor(Date.now() / 1000) - 10 });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ name: 'HTTPError' });
    expect((expired.body.error as Json).message).toMatch(
      /^This request has expired - `expires` is in the past\. Current time: \d+$/,
    );
    for (const reply of [unknown, badSig, expired]) expect(reply.headers.get('x-ratelimit-limit')).toBe('120');

    const notFound = await api(s, 'GET', '/nope');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { message: 'Not Found', name: 'HTTPError' } });
  });

  it('rate-limits per key with a token bucket, x-ratelimit-* headers on every reply and 429 + Retry-After', async () => {
    const s = await sim({ rateLimitPerMinute: 3 });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api(s, 'GET', '/order');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      remaining.push(r.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await api(s, 'GET', '/order');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(limited.body).toEqual({
      error: { message: `Rate limit exceeded, retry in ${retryAfter} seconds.`, name: 'RateLimitError' },
    });
  });

  it('validates orders: lot size, tick size, duplicate clOrdID, unknown symbol', async () => {
    const s = await sim();
    const lot = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 150, ordType: 'Market' });
    expect(lot.status).toBe(400);
    expect(lot.body).toEqual({
      error: { message: 'Order quantity must be a multiple of lot size: 100', name: 'ValidationError' },
    });
    const tick = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: 50_000.05 });
    expect(tick.status).toBe(400);
    expect(tick.body.error).toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/^Invalid price tickSize/),
    });
    const symbol = await order(s, { symbol: 'DOGEUSD', side: 'Buy', orderQty: 100, ordType: 'Market' });
    expect(symbol.status).toBe(400);

    const bid = s.bookSnapshot('XBTUSD').bids[0]?.[0] ?? 0;
    const first = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 100, clOrdID: 'dup' });
    expect(first.status).toBe(200);
    const again = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, price: bid - 100, clOrdID: 'dup' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: { message: 'Duplicate clOrdID', name: 'ValidationError' } });
    expect(s.account(ACCOUNT.apiKey).openOrders()).toHaveLength(1);

    // 10M contracts ≈ 111 XBT at 10× leverage needs ≈ 11 XBT of margin; the account has 1.
    const tooBig = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 10_000_000, ordType: 'Market' });
    expect(tooBig.status).toBe(400);
    expect((tooBig.body.error as Json).message).toMatch(
      /^Account has insufficient Available Balance, \d+ XBt required$/,
    );
  });
});

describe('simulator REST API: orders, positions and margin', () => {
  it('fills a market order by walking the book, then closing it realises the inverse P&L in XBt', async () => {
    const s = await sim();
    const fixtureRow = JSON.parse(
      readFileSync(path.join(bitmexFixtures, 'rest_order_rows.jsonl'), 'utf8').split('\n')[1] ?? '',
    );
    const asks = s.bookSnapshot('XBTUSD').asks;
    const qty = (asks[0]?.[1] ?? 0) + 1_000; // more than the best level holds: takes two levels
    const open = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: qty, ordType: 'Market', clOrdID: 'open-1' });
    expect(open.status).toBe(200);
    expect(Object.keys(open.body)).toEqual(Object.keys(fixtureRow));
    expect(open.body).toMatchObject({
      clOrdID: 'open-1',
      account: ACCOUNT.account,
      symbol: 'XBTUSD',
      side: 'Buy',
      orderQty: qty,
      ordType: 'Market',
      timeInForce: 'ImmediateOrCancel',
      ordStatus: 'Filled',
      leavesQty: 0,
      cumQty: qty,
      currency: 'USD',
      settlCurrency: 'XBt',
    });
    expect(open.body.orderID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const entry = open.body.avgPx as number;
    expect(entry).toBeCloseTo(harmonicFill(asks, qty), 6);
    // The public book is not moved by our fills.
    expect(s.bookSnapshot('XBTUSD').asks).toEqual(asks);

    const fills = (await api(s, 'GET', '/execution/tradeHistory')).body;
    expect(fills).toHaveLength(2);
    let fees = 0;
    for (const f of fills) {
      expect(f).toMatchObject({ execType: 'Trade', lastLiquidityInd: 'RemovedLiquidity', commission: 0.00075 });
      expect(f.execComm).toBe(Math.round(((f.lastQty as number) / (f.lastPx as number)) * 1e8 * 0.00075));
      fees += f.execComm as number;
    }

    const [position] = (await api(s, 'GET', '/position')).body;
    expect(position).toMatchObject({ symbol: 'XBTUSD', currency: 'XBt', currentQty: qty, isOpen: true });
    expect(position?.avgEntryPrice).toBeCloseTo(entry, 6);
    const margin = (await api(s, 'GET', '/user/margin')).body;
    expect(margin).toMatchObject({ currency: 'XBt', walletBalance: 100_000_000 - fees, realisedPnl: -fees });

    // Let the market move, then close.
    s.advance(60_000);
    const close = await order(s, { symbol: 'XBTUSD', side: 'Sell', orderQty: qty, ordType: 'Market' });
    expect(close.body).toMatchObject({ ordStatus: 'Filled', cumQty: qty });
    const exit = close.body.avgPx as number;
    const closeFees = (await api(s, 'GET', '/execution/tradeHistory')).body
      .slice(2)
      .reduce((sum, f) => sum + (f.execComm as number), 0);
    const [closed] = (await api(s, 'GET', '/position')).body;
    const pnlXbt = qty * (1 / entry - 1 / exit); // inverse: contracts × (1/entry − 1/exit) XBT
    expect(closed).toMatchObject({ currentQty: 0, isOpen: false, unrealisedPnl: 0 });
    expect(Math.abs((closed?.realisedGrossPnl as number) - pnlXbt * 1e8)).toBeLessThanOrEqual(1);
    expect(closed?.realisedPnl).toBe((closed?.realisedGrossPnl as number) - fees - closeFees);
    const after = (await api(s, 'GET', '/user/margin', { currency: 'all' })).body;
    expect(after.map((m) => m.currency)).toEqual(['XBt', 'USDt']);
    expect(after[0]).toMatchObject({ walletBalance: 100_000_000 + (closed?.realisedPnl as number), unrealisedPnl: 0 });
    expect(s.account(ACCOUNT.apiKey).positions()).toEqual((await api(s, 'GET', '/position')).body);
  });

  it('rests a limit order, which fills as maker when the simulated trades reach it; the public market is untouched', async () => {
    const s = await sim();
    const twin = await sim(); // same seed, no private orders
    const { bids, asks } = s.bookSnapshot('XBTUSD');
    const bid = bids[0]?.[0] ?? 0;
    const ask = asks[0]?.[0] ?? 0;
    // Inside the spread when there is room (first in the queue), else join the best bid.
    const price = ask - bid > 0.15 ? Number((ask - 0.1).toFixed(1)) : bid;
    const placed = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 500, price, clOrdID: 'maker-1' });
    expect(placed.body).toMatchObject({ ordType: 'Limit', ordStatus: 'New', workingIndicator: true, leavesQty: 500 });
    const open = await api(s, 'GET', '/order', { filter: { open: true } });
    expect(open.body.map((o) => o.clOrdID)).toEqual(['maker-1']);

    let steps = 0;
    while (s.account(ACCOUNT.apiKey).openOrders().length > 0 && steps < 1_800) {
      s.advance(1_000);
      twin.advance(1_000);
      steps++;
    }
    const [filled] = (await api(s, 'GET', '/order', { filter: { clOrdID: 'maker-1' } })).body;
    expect(filled).toMatchObject({ ordStatus: 'Filled', cumQty: 500, avgPx: price, workingIndicator: false });
    const fills = (await api(s, 'GET', '/execution/tradeHistory', { symbol: 'XBTUSD' })).body;
    expect(fills.length).toBeGreaterThan(0);
    for (const f of fills)
      expect(f).toMatchObject({ lastPx: price, lastLiquidityInd: 'AddedLiquidity', commission: 0.0002 });
    expect(s.account(ACCOUNT.apiKey).positions()[0]).toMatchObject({ currentQty: 500, avgEntryPrice: price });
    expect(s.bookSnapshot('XBTUSD')).toEqual(twin.bookSnapshot('XBTUSD'));
    expect(s.instrumentRow('XBTUSD')).toEqual(twin.instrumentRow('XBTUSD'));
  });

  it('a crossing limit takes what its price allows, then rests the remainder without meeting that liquidity again', async () => {
    const s = await sim();
    const [best] = s.bookSnapshot('XBTUSD').asks;
    const [price = 0, size = 0] = best ?? [];
    const placed = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: size + 300, price });
    expect(placed.body).toMatchObject({
      ordStatus: 'PartiallyFilled',
      cumQty: size,
      leavesQty: 300,
      avgPx: price,
      workingIndicator: true,
    });
    const fills = (await api(s, 'GET', '/execution/tradeHistory')).body;
    expect(fills.map((f) => [f.lastQty, f.lastPx, f.lastLiquidityInd])).toEqual([[size, price, 'RemovedLiquidity']]);
    s.advance(100);
    const later = (await api(s, 'GET', '/execution/tradeHistory')).body.slice(1);
    // Whatever fills later is maker flow that reached the order, never the level it already took.
    for (const f of later) expect(f).toMatchObject({ lastPx: price, lastLiquidityInd: 'AddedLiquidity' });
  });

  it('Stop and StopLimit orders wait untriggered, then trigger on the last price', async () => {
    const s = await sim();
    const last = s.instrumentRow('XBTUSD').lastPrice as number;
    const buyStop = await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 100, stopPx: last + 5, clOrdID: 'up' });
    expect(buyStop.body).toMatchObject({ ordType: 'Stop', ordStatus: 'New', workingIndicator: false, triggered: '' });
    const sellStop = await order(s, {
      symbol: 'XBTUSD',
      side: 'Sell',
      orderQty: 100,
      ordType: 'StopLimit',
      stopPx: last - 5,
      price: last - 10,
      clOrdID: 'down',
    });
    expect(sellStop.body).toMatchObject({ ordType: 'StopLimit', ordStatus: 'New', stopPx: last - 5, price: last - 10 });
    const untriggered = () =>
      s
        .account(ACCOUNT.apiKey)
        .orders()
        .filter((o) => o.triggered === '');
    for (let step = 0; step < 1_800 && untriggered().length === 2; step++) s.advance(1_000);
    const orders = s.account(ACCOUNT.apiKey).orders();
    const triggered = orders.filter((o) => o.triggered === 'StopOrderTriggered');
    expect(triggered.length).toBeGreaterThan(0);
    for (const o of triggered) {
      expect(o.text).toMatch(/^Triggered: Order stop price reached\nSubmitted via API\.$/);
      expect(o.workingIndicator || o.ordStatus === 'Filled').toBe(true);
    }
    const up = orders.find((o) => o.clOrdID === 'up');
    if (up?.triggered) {
      expect(up).toMatchObject({ ordStatus: 'Filled', cumQty: 100 });
      expect(up.avgPx as number).toBeGreaterThan(last); // bought once the market had risen to the stop
    }
  });

  it('cancels a post-only order that would cross, and never lets reduce-only grow the position', async () => {
    const s = await sim();
    const ask = s.bookSnapshot('XBTUSD').asks[0]?.[0] ?? 0;
    const postOnly = await order(s, {
      symbol: 'XBTUSD',
      side: 'Buy',
      orderQty: 100,
      price: ask,
      execInst: 'ParticipateDoNotInitiate',
    });
    expect(postOnly.status).toBe(200);
    expect(postOnly.body).toMatchObject({ ordStatus: 'Canceled', leavesQty: 0, cumQty: 0 });
    expect(postOnly.body.text).toBe('Canceled: Order had execInst of ParticipateDoNotInitiate\nSubmitted via API.');

    const nothingToReduce = await order(s, {
      symbol: 'XBTUSD',
      side: 'Sell',
      orderQty: 100,
      ordType: 'Market',
      execInst: 'ReduceOnly',
    });
    expect(nothingToReduce.body).toMatchObject({ ordStatus: 'Canceled', cumQty: 0 });
    expect(nothingToReduce.body.text).toMatch(/^Canceled: Order had execInst of Close or ReduceOnly and side of Sell/);

    await order(s, { symbol: 'XBTUSD', side: 'Buy', orderQty: 200, ordType: 'Market' });
    const reduce = await order(s, {
      symbol: 'XBTUSD',
      side: 'Sell',
      orderQty: 500,
      ordType: 'Market',
      execInst: 'ReduceOnly',
    });
    expect(reduce.body).toMatchObject({ cumQty: 200, leavesQty: 0 });
    expect(s.account(ACCOUNT.apiKey).positions()[0]).toMatchObject({ currentQty: 0 });
  });

  it('amends and cancels by orderID and clOrdID (JSON and form bodies), and cancels all', async () => {
    const s = await sim();
    const bid = s.bookSnapshot('XBTUSD').bids[0]?.[0] ?? 0;
    const a = await api(
      s,
      'POST',
      '/order',
      { symbol: 'XBTUSD', side: 'Buy', orderQty: '100', price: String(bid - 50), clOrdID: 'a' },
      { form: true },
    );
    expect(a.body).toMatchObject({ ordStatus: 'New', orderQty: 100, price: bid - 50 });
    const amended = await api(s, 'PUT', '/order', { origClOrdID: 'a', price: bid - 60, orderQty: 300 });
    expect(amended.body).toMatchObject({ orderID: a.body.orderID, price: bid - 60, orderQty: 300, leavesQty: 300 });

    const canceled = await api(s, 'DELETE', '/order', { orderID: a.body.orderID });
    expect(canceled.body).toHaveLength(1);
    expect(canceled.body[0]).toMatchObject({ ordStatus: 'Canceled', leavesQty: 0 });
    expect(canceled.body[0]?.text).toBe('Canceled: Canceled via API.\nSubmitted via API.');
    const twice = await api(s, 'DELETE', '/order', { clOrdID: ['a'] });
    expect(twice.body[0]).toMatchObject({ error: 'Unable to cancel order due to existing state: Canceled' });
    expect((await api(s, 'DELETE', '/order', { orderID: 'nope' })).status).toBe(404);

    for (const clOrdID of ['b', 'c']) {
      await order(s, { symbol: 'XBTUSD', side: 'Sell', orderQty: 100, price: bid + 500, clOrdID });
    }
    await order(s, { symbol: 'ETHUSD', side: 'Buy', orderQty: 1, ordType: 'Stop', stopPx: 100_000, clOrdID: 'd' });
    const xbt = await api(s, 'DELETE', '/order/all', { symbol: 'XBTUSD' });
    expect(xbt.body.map((o) => o.clOrdID)).toEqual(['b', 'c']);
    expect(
      s
        .account(ACCOUNT.apiKey)
        .openOrders()
        .map((o) => o.clOrdID),
    ).toEqual(['d']);
    const rest = await api(s, 'DELETE', '/order/all');
    expect(rest.body.map((o) => o.clOrdID)).toEqual(['d']);
    expect((await api(s, 'GET', '/order', { filter: { open: true } })).body).toEqual([]);
    expect((await api(s, 'GET', '/order', { reverse: true, count: 2 })).body.map((o) => o.clOrdID)).toEqual(['d', 'c']);
  });
});
