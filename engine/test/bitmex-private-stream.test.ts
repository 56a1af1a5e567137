import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { BitmexFill, ExecutionRow, OrderDelta } from '../src/bitmex/auth/private-rows.js';
import {
  BitmexPrivateStream,
  type BitmexPrivateStreamOptions,
  type PrivateStreamStatus,
} from '../src/bitmex/auth/private-stream.js';
import type { TableUpdate } from '../src/bitmex/auth/private-tables.js';
import { BitmexAuthError } from '../src/bitmex/auth/rest-errors.js';
import { signRealtime } from '../src/bitmex/auth/signature.js';
import type { Logger } from '../src/log.js';
import { bitmexFixtures } from './support/paths.js';

const KEY = 'LAqUlngMIQkIUjXMUreyu3qn';
const SECRET = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO';
const NOW_MS = 1_700_000_000_250;
const ACCOUNT = 299045;

type Json = Record<string, unknown>;
/** `ws_private_order.jsonl` lines 5.. : the account-299045 partial, then its inserts and updates. */
const orderFrames = readFileSync(path.join(bitmexFixtures, 'ws_private_order.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Json)
  .slice(5);
const [orderPartial, ...orderDeltas] = orderFrames;

/** Records items and resolves waiters when a condition over them holds: no sleeping, no polling. */
class Recorder<T> {
  readonly items: T[] = [];
  private waiters: { pred: (items: T[]) => boolean; resolve: () => void }[] = [];
  push(item: T): void {
    this.items.push(item);
    const done = this.waiters.filter((w) => w.pred(this.items));
    this.waiters = this.waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve();
  }
  until(pred: (items: T[]) => boolean): Promise<void> {
    if (pred(this.items)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}

interface ServerEvent {
  conn: number;
  msg: Json | 'ping' | 'close';
}

const execution = (execID: string, extra: Json = {}): Json => ({
  execID,
  orderID: '2f01f1a3-b538-dd23-e336-206283485b53',
  clOrdID: 'hm-1',
  account: ACCOUNT,
  symbol: 'XBTUSD',
  side: 'Sell',
  lastQty: 30,
  lastPx: 9599.5,
  execType: 'Trade',
  ordStatus: 'Filled',
  lastLiquidityInd: 'RemovedLiquidity',
  commission: 0.00075,
  execComm: 234,
  transactTime: '2020-05-19T13:10:19.034Z',
  timestamp: '2020-05-19T13:10:19.034Z',
  ...extra,
});
const partial = (table: string, keys: string[], data: Json[]): Json => ({
  table,
  action: 'partial',
  keys,
  filter: { account: ACCOUNT },
  data,
});
const position = { account: ACCOUNT, symbol: 'XBTUSD', currency: 'XBt', currentQty: -30, avgEntryPrice: 9691.5 };
const margin = {
  account: ACCOUNT,
  currency: 'XBt',
  walletBalance: 102345678,
  marginBalance: 102347004,
  availableMargin: 101900000,
};

/**
 * A BitMEX-shaped realtime server: checks `authKeyExpires` with signRealtime, answers
 * cancelAllAfter and ping, acks subscribe and sends the partials `partials(conn)` returns.
 */
async function fakeBitmex(opts: { partials?: (conn: number) => Json[]; answerPings?: boolean } = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/realtime' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const events = new Recorder<ServerEvent>();
  const sockets: WebSocket[] = [];
  const partials =
    opts.partials ??
    (() => [
      orderPartial ?? {},
      partial('execution', ['execID'], []),
      partial('position', ['account', 'symbol', 'currency'], [position]),
      partial('margin', ['account'], [margin]),
    ]);
  wss.on('connection', (ws) => {
    const conn = sockets.push(ws) - 1;
    const send = (frame: Json) => ws.send(JSON.stringify(frame));
    send({ info: 'Welcome to the BitMEX Realtime API.', version: '2.0.0', heartbeatEnabled: false });
    ws.on('close', () => events.push({ conn, msg: 'close' }));
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === 'ping') {
        events.push({ conn, msg: 'ping' });
        if (opts.answerPings !== false) ws.send('pong');
        return;
      }
      const msg = JSON.parse(text) as Json;
      events.push({ conn, msg });
      const args = msg.args;
      if (msg.op === 'authKeyExpires' && Array.isArray(args)) {
        const [key, expires, signature] = args;
        const valid = key === KEY && typeof expires === 'number' && signature === signRealtime(SECRET, expires);
        send(
          valid
            ? { success: true, request: msg }
            : { status: 401, error: 'Signature not valid.', meta: {}, request: msg },
        );
      } else if (msg.op === 'cancelAllAfter') {
        send({
          now: '2020-05-19T13:00:00.000Z',
          cancelTime: args === 0 ? 0 : '2020-05-19T13:01:00.000Z',
          request: msg,
        });
      } else if (msg.op === 'subscribe' && Array.isArray(args)) {
        for (const topic of args) send({ success: true, subscribe: topic, request: msg });
        for (const frame of partials(conn)) send(frame);
      }
    });
  });
  cleanups.push(async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/realtime`,
    events,
    send: (conn: number, frame: Json | string) =>
      sockets[conn]?.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    terminate: (conn: number) => sockets[conn]?.terminate(),
    connections: () => sockets.length,
    ops: (op: string, conn?: number) =>
      events.items.filter(
        (e) => e.msg !== 'ping' && e.msg !== 'close' && e.msg.op === op && (conn === undefined || e.conn === conn),
      ),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stream wired to recorders, with a logger that keeps its warnings. */
function stream(url: string, opts: Partial<BitmexPrivateStreamOptions> = {}) {
  const status = new Recorder<PrivateStreamStatus>();
  const orders = new Recorder<TableUpdate<OrderDelta>>();
  const executions = new Recorder<ExecutionRow[]>();
  const fills = new Recorder<BitmexFill>();
  const warnings = new Recorder<string>();
  const log: Logger = {
    debug: () => {},
    info: () => {},
    warn: (msg, fields) => warnings.push(`${msg} ${JSON.stringify(fields ?? {})}`),
    error: (msg, fields) => warnings.push(`${msg} ${JSON.stringify(fields ?? {})}`),
    child: () => log,
  };
  const s = new BitmexPrivateStream({
    url,
    apiKey: KEY,
    apiSecret: SECRET,
    log,
    nowMs: () => NOW_MS,
    minBackoffMs: 1,
    maxBackoffMs: 5,
    onStatus: (st) => status.push(st),
    onOrder: (u) => orders.push(u),
    onExecution: (rows) => executions.push(rows),
    onFill: (f) => fills.push(f),
    ...opts,
  });
  cleanups.push(() => s.close());
  return { s, status, orders, executions, fills, warnings };
}
const count = (items: PrivateStreamStatus[], state: PrivateStreamStatus['state']) =>
  items.filter((x) => x.state === state).length;

describe('BitmexPrivateStream', () => {
  it("authenticates with a signed authKeyExpires, arms the dead man's switch, subscribes and applies the partials", async () => {
    const ex = await fakeBitmex();
    const { s, status } = stream(ex.url);
    await s.start();

    const [auth, arm, subscribe] = ex.events.items.map((e) => e.msg);
    const expires = Math.floor(NOW_MS / 1000) + 60;
    expect(auth).toEqual({ op: 'authKeyExpires', args: [KEY, expires, signRealtime(SECRET, expires)] });
    expect(arm).toEqual({ op: 'cancelAllAfter', args: 60_000 });
    expect(subscribe).toEqual({ op: 'subscribe', args: ['order', 'execution', 'position', 'margin'] });
    expect(status.items.map((x) => x.state)).toEqual(
      expect.arrayContaining(['connecting', 'authenticated', 'ready', 'dead-man-armed']),
    );
    expect(s.orders()).toEqual([]);
    expect(s.positions()).toEqual([position]);
    expect(s.margins()).toEqual([margin]);
  });

  it('applies the recorded order inserts and updates, merging updates into the stored rows', async () => {
    const ex = await fakeBitmex();
    const { s, orders } = stream(ex.url);
    await s.start();
    for (const frame of orderDeltas) ex.send(0, frame);
    await orders.until((u) => u.length === orderFrames.length);

    const updates = orders.items.slice(1);
    const last = updates.at(-1);
    // The stop order's fill update carries only changed columns; the emitted row is the merged one.
    expect(last?.action).toBe('update');
    expect(last?.rows[0]).toMatchObject({
      orderID: '2f01f1a3-b538-dd23-e336-206283485b53',
      ordType: 'Stop',
      side: 'Sell',
      stopPx: 9600,
      triggered: 'StopOrderTriggered',
      ordStatus: 'Filled',
      cumQty: 30,
      avgPx: 9599.5,
    });
    // Filled / Canceled orders are reported, then dropped: only the two still working remain.
    expect(s.orders().map((o) => [o.orderID, o.ordStatus])).toEqual([
      ['71498e20-c8f2-b19d-aba2-f64f1edada84', 'New'],
      ['a7a98b27-1cb0-1978-58df-8f68de0b6696', 'New'],
    ]);
  });

  it('skips malformed frames with a logged reason and keeps the connection', async () => {
    const ex = await fakeBitmex();
    const { s, orders, fills, warnings } = stream(ex.url);
    await s.start();
    ex.send(0, 'not json at all');
    ex.send(0, { table: 'order', action: 'insert', data: [{ account: ACCOUNT, symbol: 'XBTUSD' }] });
    ex.send(0, { table: 'execution', action: 'insert', data: [execution('bad-1', { lastPx: null })] });
    ex.send(0, { table: 'order', action: 'wobble', data: [] });
    ex.send(0, orderDeltas[0] ?? {});
    await orders.until((u) => u.length === 2);
    await warnings.until((w) => w.length >= 4);
    expect(warnings.items.join('\n')).toMatch(/not JSON/);
    expect(warnings.items.join('\n')).toMatch(/order row 0: orderID/);
    expect(warnings.items.join('\n')).toMatch(/execution: bad Trade row: lastPx/);
    expect(warnings.items.join('\n')).toMatch(/bad table message: action/);
    expect(fills.items).toEqual([]);
    expect(s.orders()).toHaveLength(0); // the valid insert is an already-cancelled post-only order
    expect(ex.connections()).toBe(1);
  });

  it('reports each Trade execution once as a typed fill', async () => {
    const ex = await fakeBitmex({
      partials: () => [
        partial('order', ['orderID'], []),
        partial('execution', ['execID'], [execution('e-old')]),
        partial('position', ['account', 'symbol'], []),
        partial('margin', ['account'], [margin]),
      ],
    });
    const { s, fills, executions } = stream(ex.url);
    await s.start();
    ex.send(0, {
      table: 'execution',
      action: 'insert',
      data: [execution('e-new', { lastLiquidityInd: 'AddedLiquidity', execComm: -78, commission: -0.00025 })],
    });
    ex.send(0, { table: 'execution', action: 'insert', data: [execution('e-new')] }); // a repeat
    ex.send(0, {
      table: 'execution',
      action: 'insert',
      data: [execution('e-ack', { execType: 'New', lastQty: null, lastPx: null })],
    });
    await executions.until((e) => e.length === 3);
    expect(executions.items.map((rows) => rows.map((r) => r.execID))).toEqual([['e-old'], ['e-new'], ['e-ack']]);
    expect(fills.items.map((f) => f.execID)).toEqual(['e-old', 'e-new']);
    expect(fills.items[1]).toEqual({
      execID: 'e-new',
      orderID: '2f01f1a3-b538-dd23-e336-206283485b53',
      clOrdID: 'hm-1',
      symbol: 'XBTUSD',
      side: 'Sell',
      lastQty: 30,
      lastPx: 9599.5,
      execComm: -78,
      commission: -0.00025,
      liquidityIndicator: 'AddedLiquidity',
      transactTime: '2020-05-19T13:10:19.034Z',
    });
  });

  it('refreshes cancelAllAfter while alive and disarms it (args 0) on close', async () => {
    const ex = await fakeBitmex();
    const { s, status } = stream(ex.url, { cancelAllAfterMs: 30_000, refreshMs: 10 });
    await s.start();
    await ex.events.until(() => ex.ops('cancelAllAfter').length >= 3);
    expect(ex.ops('cancelAllAfter').every((e) => e.msg !== 'ping' && e.msg !== 'close' && e.msg.args === 30_000)).toBe(
      true,
    );
    await status.until((st) => count(st, 'dead-man-armed') >= 3);

    await s.close();
    const last = ex.ops('cancelAllAfter').at(-1)?.msg;
    expect(last).toEqual({ op: 'cancelAllAfter', args: 0 });
    expect(status.items.map((x) => x.state).slice(-2)).toEqual(['dead-man-disarmed', 'closed']);
  });

  it("abandon() drops the socket but leaves the dead man's switch armed, and does not reconnect", async () => {
    const ex = await fakeBitmex();
    const { s, status } = stream(ex.url);
    await s.start();
    s.abandon();
    await ex.events.until((e) => e.some((x) => x.msg === 'close'));
    expect(ex.ops('cancelAllAfter').map((e) => (e.msg === 'ping' || e.msg === 'close' ? null : e.msg.args))).toEqual([
      60_000,
    ]);
    expect(status.items.at(-1)?.state).toBe('closed');
    expect(count(status.items, 'disconnected')).toBe(0);
    expect(ex.connections()).toBe(1);
  });

  it('reconnects after a drop: re-authenticates, re-arms, resubscribes, and new partials replace state', async () => {
    const second = partial(
      'order',
      ['orderID'],
      [{ ...(orderDeltas[1] as { data: Json[] }).data[0], orderID: 'after-reconnect' }],
    );
    const ex = await fakeBitmex({
      partials: (conn) => [
        conn === 0 ? (orderPartial ?? {}) : second,
        partial('execution', ['execID'], [execution('e-1')]),
        partial('position', ['account', 'symbol'], [conn === 0 ? position : { ...position, currentQty: 0 }]),
        partial('margin', ['account'], [margin]),
      ],
    });
    const { s, status, orders, fills } = stream(ex.url);
    await s.start();
    ex.send(0, orderDeltas[1] ?? {}); // a working Market order
    await orders.until(() => s.orders().length === 1);
    ex.terminate(0);
    await status.until((st) => count(st, 'ready') === 2);

    expect(ex.connections()).toBe(2);
    const auth = ex.ops('authKeyExpires', 1)[0]?.msg;
    const args = auth !== undefined && auth !== 'ping' && auth !== 'close' ? auth.args : [];
    expect(Array.isArray(args) && args[2] === signRealtime(SECRET, args[1] as number)).toBe(true);
    expect(ex.ops('cancelAllAfter', 1)).toHaveLength(1);
    expect(ex.ops('subscribe', 1)).toHaveLength(1);
    expect(count(status.items, 'disconnected')).toBe(1);
    expect(s.orders().map((o) => o.orderID)).toEqual(['after-reconnect']);
    expect(s.positions()[0]?.currentQty).toBe(0);
    expect(fills.items.map((f) => f.execID)).toEqual(['e-1']); // re-sent in the new partial, reported once
  });

  it('pings after silence and reconnects when no pong comes back', async () => {
    const ex = await fakeBitmex({ answerPings: false });
    const { s, status } = stream(ex.url, { livenessMs: 20 });
    await s.start();
    await ex.events.until((e) => e.some((x) => x.msg === 'ping' && x.conn === 0));
    await status.until((st) => count(st, 'ready') === 2);
    expect(ex.connections()).toBeGreaterThanOrEqual(2);
  });

  it('a refused signature rejects start() with a typed auth error and is not retried', async () => {
    const ex = await fakeBitmex();
    const { s, status } = stream(ex.url, { apiSecret: 'wrong-secret' });
    const err = await s.start().then(
      () => expect.fail('start() should reject'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BitmexAuthError);
    expect(err).toMatchObject({ status: 401, message: 'Signature not valid.' });
    await status.until((st) => st.some((x) => x.state === 'closed'));
    expect(status.items.map((x) => x.state)).toEqual(['connecting', 'failed', 'closed']);
    expect(ex.connections()).toBe(1);
    expect(ex.ops('subscribe')).toEqual([]);
  });
});
