import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BitmexRestClient, type BitmexRestClientOptions } from '../src/bitmex/auth/rest-client.js';
import {
  BitmexApiError,
  BitmexAuthError,
  BitmexInvalidRequestError,
  BitmexMalformedResponseError,
  BitmexNetworkError,
  BitmexOverloadedError,
  BitmexValidationError,
} from '../src/bitmex/auth/rest-errors.js';
import { signatureMatches } from '../src/bitmex/auth/signature.js';
import { bitmexFixtures } from './support/paths.js';

const KEY = 'LAqUlngMIQkIUjXMUreyu3qn';
const SECRET = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO';
/** A fixed wall clock (unix ms): expires and rate-limit waits are exact. */
const NOW_MS = 1_700_000_000_250;

/** `rest_order_rows.jsonl`: [0] cancel reply, [1..3] placed orders, [4] cancel reply, [5] cancel of a cancelled order. */
const restRows: unknown[] = readFileSync(path.join(bitmexFixtures, 'rest_order_rows.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const placedLimit = restRows[2] as Record<string, unknown>;

const positionRow = {
  account: 299045,
  symbol: 'XBTUSD',
  currency: 'XBt',
  underlying: 'XBT',
  currentQty: -30,
  avgEntryPrice: 9691.5,
  markPrice: 9650.12,
  liquidationPrice: 100000000,
  realisedPnl: -2315,
  unrealisedPnl: 1326,
  leverage: 100,
  crossMargin: true,
  isOpen: true,
  homeNotional: 0.0031,
  foreignNotional: 30,
  timestamp: '2020-05-20T02:40:06.328Z',
};
const closedPositionRow = {
  ...positionRow,
  symbol: 'ETHUSD',
  currentQty: 0,
  avgEntryPrice: null,
  liquidationPrice: null,
  markPrice: null,
  isOpen: false,
};
const marginRow = {
  account: 299045,
  currency: 'XBt',
  riskLimit: 1000000000000,
  amount: 102345678,
  walletBalance: 102345678,
  marginBalance: 102347004,
  availableMargin: 101900000,
  unrealisedPnl: 1326,
  realisedPnl: -2315,
  initMargin: 0,
  maintMargin: 447004,
  marginLeverage: 0.0031,
  timestamp: '2020-05-20T02:40:06.328Z',
};

interface Seen {
  verb: string;
  url: string;
  body: string;
  headers: IncomingMessage['headers'];
  signed: boolean;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'destroy';

/** A real HTTP server that checks every signature and answers from a script, one entry per request. */
async function exchange(script: ((req: Seen) => Reply)[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expires = Number(req.headers['api-expires']);
      const signed =
        req.headers['api-key'] === KEY &&
        signatureMatches(
          SECRET,
          { verb: req.method ?? '', path: req.url ?? '', expires, body },
          String(req.headers['api-signature']),
        );
      const entry: Seen = { verb: req.method ?? '', url: req.url ?? '', body, headers: req.headers, signed };
      seen.push(entry);
      const step = script[seen.length - 1];
      const reply: Reply = !signed
        ? { status: 401, body: { error: { message: 'Signature not valid.', name: 'HTTPError' } } }
        : step
          ? step(entry)
          : { status: 500, body: { error: { message: 'script exhausted', name: 'Error' } } };
      if (reply === 'destroy') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A client on a fixed clock whose waits are recorded instead of slept. */
function client(url: string, opts: Partial<BitmexRestClientOptions> = {}) {
  const waits: number[] = [];
  const rest = new BitmexRestClient({
    baseUrl: url,
    apiKey: KEY,
    apiSecret: SECRET,
    nowMs: () => NOW_MS,
    delayMs: async (ms) => {
      waits.push(ms);
    },
    ...opts,
  });
  return { rest, waits };
}

const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});
const fail = (status: number, message: string, name = 'HTTPError', headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { message, name } },
  ...(headers ? { headers } : {}),
});
const limitOrder = {
  symbol: 'XBTUSD',
  side: 'Sell',
  orderQty: 30,
  ordType: 'Limit',
  price: 9691.5,
  execInst: 'ParticipateDoNotInitiate',
  clOrdID: '829e039f-ac08-4d11-a3fc-1af762eac688',
} as const;

/** Awaits a rejection and returns it (so its fields can be checked). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('BitmexRestClient', () => {
  it('signs placeOrder with api-expires/api-key/api-signature over the exact JSON body and returns the row', async () => {
    const ex = await exchange([() => ok(placedLimit)]);
    const { rest, waits } = client(ex.url);
    const order = await rest.placeOrder(limitOrder);
    expect(order).toMatchObject({ orderID: '89af5ad2-0b83-d00b-a625-f94ede4bcb7a', ordStatus: 'New', price: 9691.5 });
    expect(order.multiLegReportingType).toBe('SingleSecurity'); // unknown fields pass through
    expect(order.displayQty).toBeNull();
    const [req] = ex.seen;
    expect(req).toMatchObject({ verb: 'POST', url: '/api/v1/order', signed: true });
    expect(req?.headers['api-expires']).toBe(String(Math.floor(NOW_MS / 1000) + 60));
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(limitOrder);
    expect(waits).toEqual([]);
  });

  it('reads open orders, positions and margin from signed GETs with their query strings', async () => {
    const ex = await exchange([
      () => ok(restRows.slice(1, 4)),
      () => ok([positionRow, closedPositionRow]),
      () => ok(marginRow),
    ]);
    const { rest } = client(ex.url, { expiresInSec: 5 });
    const open = await rest.openOrders('XBTUSD');
    expect(open.map((o) => o.ordType)).toEqual(['Stop', 'Limit', 'Stop']);
    expect(open[0]?.stopPx).toBe(9400);
    const positions = await rest.positions();
    expect(positions[0]).toMatchObject({ symbol: 'XBTUSD', currentQty: -30, unrealisedPnl: 1326, isOpen: true });
    expect(positions[1]).toMatchObject({ avgEntryPrice: null, isOpen: false });
    const margin = await rest.margin();
    expect(margin).toMatchObject({ currency: 'XBt', walletBalance: 102345678, availableMargin: 101900000 });
    expect(margin.riskLimit).toBe(1000000000000);

    expect(ex.seen.map((s) => [s.verb, s.url, s.signed])).toEqual([
      ['GET', `/api/v1/order?symbol=XBTUSD&filter=${encodeURIComponent('{"open":true}')}&count=500`, true],
      ['GET', '/api/v1/position', true],
      ['GET', '/api/v1/user/margin', true],
    ]);
    expect(
      ex.seen.every((s) => s.body === '' && s.headers['api-expires'] === String(Math.floor(NOW_MS / 1000) + 5)),
    ).toBe(true);
  });

  it('amends, cancels one (a row may carry its own error), cancels all and arms cancelAllAfter', async () => {
    const ex = await exchange([
      () => ok({ ...placedLimit, price: 9700 }),
      () => ok(restRows[5]),
      () => ok(restRows[4]),
      () => ok({ now: '2020-05-20T02:40:06.328Z', cancelTime: '2020-05-20T02:41:06.328Z' }),
    ]);
    const { rest } = client(ex.url);
    expect((await rest.amendOrder({ origClOrdID: limitOrder.clOrdID, price: 9700 })).price).toBe(9700);
    const [cancelled] = await rest.cancelOrder({ orderID: '89af5ad2-0b83-d00b-a625-f94ede4bcb7a' });
    expect(cancelled?.error).toBe('Unable to cancel order due to existing state: Canceled');
    expect((await rest.cancelAll({ symbol: 'XBTUSD' }))[0]?.ordStatus).toBe('Canceled');
    expect((await rest.cancelAllAfter(60_000)).cancelTime).toBe('2020-05-20T02:41:06.328Z');
    expect(ex.seen.map((s) => [s.verb, s.url, s.body, s.signed])).toEqual([
      ['PUT', '/api/v1/order', `{"origClOrdID":"${limitOrder.clOrdID}","price":9700}`, true],
      ['DELETE', '/api/v1/order', '{"orderID":"89af5ad2-0b83-d00b-a625-f94ede4bcb7a"}', true],
      ['DELETE', '/api/v1/order/all', '{"symbol":"XBTUSD"}', true],
      ['POST', '/api/v1/order/cancelAllAfter', '{"timeout":60000}', true],
    ]);
  });

  it('throws a typed validation error on 400 with the exchange message, without retrying', async () => {
    const ex = await exchange([() => fail(400, 'Invalid orderQty', 'ValidationError')]);
    const { rest, waits } = client(ex.url);
    const err = await rejection(rest.placeOrder(limitOrder));
    expect(err).toBeInstanceOf(BitmexValidationError);
    expect(err).toBeInstanceOf(BitmexApiError);
    expect(err).toMatchObject({ status: 400, name: 'ValidationError', message: 'Invalid orderQty', attempt: 1 });
    expect(ex.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('throws a typed auth error on 401 and never shows the secret, even when the server echoes it', async () => {
    const ex = await exchange([() => fail(401, `Signature not valid for secret ${SECRET}`)]);
    const { rest } = client(ex.url);
    const err = await rejection(rest.positions());
    expect(err).toBeInstanceOf(BitmexAuthError);
    expect(err).toMatchObject({ status: 401, name: 'HTTPError', path: '/api/v1/position' });
    expect(String((err as Error).message)).not.toContain(SECRET);
    expect(String((err as Error).message)).toContain('[redacted]');
    expect(JSON.stringify(err)).not.toContain(SECRET);

    // A wrong secret is refused by the exchange's signature check.
    const wrong = client(ex.url, { apiSecret: 'not-the-secret' }).rest;
    expect(await rejection(wrong.margin())).toMatchObject({ status: 401, message: 'Signature not valid.' });
  });

  it('on 429 waits Retry-After (s) then retries and succeeds', async () => {
    const ex = await exchange([
      () =>
        fail(429, 'Rate limit exceeded, retry in 3 seconds.', 'HTTPError', {
          'retry-after': '3',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(NOW_MS / 1000) + 60),
        }),
      () => ok(restRows.slice(1, 2)),
    ]);
    const { rest, waits } = client(ex.url);
    expect(await rest.openOrders()).toHaveLength(1);
    expect(waits).toEqual([3000]); // Retry-After supersedes the bucket's reset
    expect(ex.seen.map((s) => s.signed)).toEqual([true, true]);
  });

  it('when x-ratelimit-remaining hits 0, waits until x-ratelimit-reset before the next request', async () => {
    const resetSec = Math.floor(NOW_MS / 1000) + 5;
    const ex = await exchange([
      () =>
        ok([positionRow], {
          'x-ratelimit-limit': '120',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(resetSec),
        }),
      () => ok([positionRow], { 'x-ratelimit-remaining': '119', 'x-ratelimit-reset': String(resetSec + 60) }),
      () => ok([positionRow]),
    ]);
    const { rest, waits } = client(ex.url);
    await rest.positions();
    expect(waits).toEqual([]);
    await rest.positions();
    expect(waits).toEqual([resetSec * 1000 - NOW_MS]);
    await rest.positions();
    expect(waits).toHaveLength(1);
  });

  it('retries 503 with capped exponential backoff and gives up after maxAttempts', async () => {
    const overloaded = () => fail(503, 'The system is currently overloaded. Please try again later.');
    const ex = await exchange([overloaded, overloaded, () => ok(marginRow), overloaded, overloaded, overloaded]);
    const { rest, waits } = client(ex.url, { maxAttempts: 3, minBackoffMs: 500, maxBackoffMs: 800 });
    expect((await rest.margin()).walletBalance).toBe(102345678);
    expect(waits).toEqual([500, 800]);
    const err = await rejection(rest.margin());
    expect(err).toBeInstanceOf(BitmexOverloadedError);
    expect(err).toMatchObject({ status: 503, attempt: 3 });
    expect(waits).toEqual([500, 800, 500, 800]);
    expect(ex.seen).toHaveLength(6);
  });

  it('a retried placeOrder reuses its clOrdID and returns the existing order on "Duplicate clOrdID"', async () => {
    const ex = await exchange([
      () => 'destroy', // the order reached the exchange but the reply was lost
      () => fail(400, 'Duplicate clOrdID', 'ValidationError'),
      () => ok([placedLimit]),
    ]);
    const { rest, waits } = client(ex.url);
    const order = await rest.placeOrder(limitOrder);
    expect(order.orderID).toBe('89af5ad2-0b83-d00b-a625-f94ede4bcb7a');
    expect(waits).toEqual([500]);
    const [first, retry, lookup] = ex.seen;
    expect(retry?.body).toBe(first?.body);
    expect(lookup).toMatchObject({ verb: 'GET', signed: true });
    const query = new URL(lookup?.url ?? '', 'http://x').searchParams;
    expect(query.get('symbol')).toBe('XBTUSD');
    expect(JSON.parse(query.get('filter') ?? '')).toEqual({ clOrdID: limitOrder.clOrdID });
  });

  it('a first-attempt "Duplicate clOrdID" is the caller\'s mistake and is thrown', async () => {
    const ex = await exchange([() => fail(400, 'Duplicate clOrdID', 'ValidationError')]);
    const err = await rejection(client(ex.url).rest.placeOrder(limitOrder));
    expect(err).toBeInstanceOf(BitmexValidationError);
    expect(ex.seen).toHaveLength(1);
  });

  it('a network failure is a typed error after bounded retries', async () => {
    const ex = await exchange([() => 'destroy', () => 'destroy']);
    const { rest, waits } = client(ex.url, { maxAttempts: 2 });
    const err = await rejection(rest.cancelAll());
    expect(err).toBeInstanceOf(BitmexNetworkError);
    expect(err).toMatchObject({ status: 0, verb: 'DELETE', path: '/api/v1/order/all', attempt: 2 });
    expect(waits).toEqual([500]);
  });

  it('rejects a malformed 200 response and invalid arguments before sending', async () => {
    const ex = await exchange([() => ok({ ...placedLimit, orderID: undefined }), () => ok('not json{')]);
    const { rest } = client(ex.url);
    const bad = await rejection(rest.placeOrder(limitOrder));
    expect(bad).toBeInstanceOf(BitmexMalformedResponseError);
    expect((bad as Error).message).toMatch(/orderID/);
    expect(await rejection(rest.positions())).toBeInstanceOf(BitmexMalformedResponseError);

    const invalid = [
      () => rest.placeOrder({ ...limitOrder, price: undefined }),
      () => rest.placeOrder({ ...limitOrder, ordType: 'Market' }),
      () => rest.placeOrder({ ...limitOrder, execInst: 'PostOnly' }),
      () => rest.placeOrder({ ...limitOrder, clOrdID: 'x'.repeat(37) }),
      () => rest.amendOrder({ orderID: 'a', origClOrdID: 'b', price: 1 }),
      () => rest.amendOrder({ orderID: 'a' }),
      () => rest.cancelOrder({}),
      () => rest.cancelAllAfter(-1),
    ];
    for (const call of invalid) expect(await rejection(call())).toBeInstanceOf(BitmexInvalidRequestError);
    expect(ex.seen).toHaveLength(2);
  });
});
