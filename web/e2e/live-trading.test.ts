import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@hm/db';
import { ensureRedis, type RunningRedis } from '@hm/engine/services';
import type {} from '@hm/engine/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIM_ACCOUNT, simulatorObserver } from './live-client.js';
import { isAlive, type Stack, startStack } from './stack.js';

// LIVE trading end to end and offline: `hm start` (two workers) trades on the exchange simulator's
// authenticated API through the account it registers ("Simulator"). A second client watches the
// same simulator account, so every claim is checked against the exchange's own state.

let dir: string;
let redis: RunningRedis;
let stack: Stack | undefined;
let simPort = 0;
let observer: Awaited<ReturnType<typeof simulatorObserver>> | undefined;
let accountId = '';
const DEAD_MAN_MS = 3_000;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  if (!stack) throw new Error('stack did not start');
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.key },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

interface SessionView {
  status: string;
  error: string | null;
  warning: string | null;
  workerId: string | null;
  fills: { edges: { node: { side: string; qty: number; execId: string | null; orderId: string } }[] };
  logs: { edges: { node: { message: string } }[] };
}
const SESSION = `query($id: ID!) { session(id: $id) { status error warning workerId
  fills(first: 500) { edges { node { side qty execId orderId } } }
  logs(first: 500) { edges { node { message } } } } }`;
const session = async (id: string) => (await gql<{ session: SessionView }>(SESSION, { id })).session;
const booked = (s: SessionView) =>
  s.fills.edges.reduce((sum, { node: f }) => sum + (f.side === 'buy' ? f.qty : -f.qty), 0);

/**
 * Polls the session (each read is one GraphQL query) until `test` holds; after `withinMs` it fails
 * with what it last saw (status, error, warning, the last log lines), so a stuck run says why.
 */
async function sessionUntil(id: string, test: (s: SessionView) => boolean, withinMs = 60_000): Promise<SessionView> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const s = await session(id);
    if (test(s)) return s;
    if (Date.now() > deadline) {
      const logs = s.logs.edges.slice(-6).map((e) => e.node.message);
      throw new Error(`session ${id} never got there: ${JSON.stringify({ ...s, fills: s.fills.edges.length, logs })}`);
    }
    if (['FAILED', 'STOPPED', 'HALTED'].includes(s.status) && !test(s))
      throw new Error(`session ended ${s.status}: ${s.error ?? ''}`);
    await new Promise((r) => setTimeout(r, 250)); // a poll interval, not a synchronisation sleep
  }
}

const RESULT = '__typename ... on Error { message } ... on InputError { field }';
async function createLive(name: string, extra: Record<string, unknown> = {}) {
  const r = await gql<{
    createSession: { __typename: string; data?: { id: string }; message?: string; field?: string };
  }>(
    `mutation($input: CreateSessionInput!) { createSession(input: $input, start: true) {
      ${RESULT} ... on MutationCreateSessionSuccess { data { id } } } }`,
    {
      input: {
        name,
        mode: 'LIVE',
        strategy: 'TestBot',
        markets: ['XBTUSD'],
        params: { trade_interval: 2 },
        accountId,
        confirmLive: 'I understand this trades real money',
        risk: { maxOrdersPerMinute: 100 },
        ...extra,
      },
    },
  );
  return r.createSession;
}

const exchangePosition = async () =>
  (await observer?.rest.positions())?.find((p) => p.symbol === 'XBTUSD')?.currentQty ?? 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-e2e-live-'));
  redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  simPort = await freePort();
  stack = await startStack({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: redis.url,
    PORT: '0',
    HM_DATA_DIR: path.join(dir, 'data'),
    HM_HISTORY_DAYS: '0',
    HM_COLLECT: 'false',
    HM_WORKERS: '2',
    HM_SIM_PORT: String(simPort),
    HM_DEADMAN_MS: String(DEAD_MAN_MS),
    LOG_LEVEL: 'info',
  });
  observer = await simulatorObserver(simPort);
  const accounts = await gql<{ exchangeAccounts: { id: string; name: string; network: string }[] }>(
    '{ exchangeAccounts { id name network } }',
  );
  accountId = accounts.exchangeAccounts.find((a) => a.name === 'Simulator')?.id ?? '';
});

afterAll(async () => {
  await observer?.close();
  if (stack && isAlive(stack.process.pid ?? -1)) {
    const exited = new Promise((resolve) => stack?.process.once('exit', resolve));
    stack.process.kill('SIGINT');
    await exited;
  }
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('LIVE trading against the exchange simulator', { shuffle: false }, () => {
  it('refuses a LIVE session without the typed confirmation', async () => {
    expect(accountId, 'hm start registers the simulator account').not.toBe('');
    const r = await createLive('no confirmation', { confirmLive: 'yes' });
    expect(r).toMatchObject({ __typename: 'InputError', field: 'confirmLive' });
  });

  it('places, fills and closes orders; every fill is the exchange’s execution, booked once', async () => {
    const created = await createLive('e2e live');
    expect(created.__typename, created.message).toBe('MutationCreateSessionSuccess');
    const id = created.data?.id ?? '';
    const traded = await sessionUntil(id, (s) => s.fills.edges.length >= 3);
    expect(traded.status).toBe('RUNNING');
    for (const { node } of traded.fills.edges) expect(node.execId).toMatch(/\S/);
    expect(new Set(traded.fills.edges.map((e) => e.node.execId)).size).toBe(traded.fills.edges.length);

    await gql(`mutation($id: ID!) { stopSession(id: $id) { __typename } }`, { id });
    const stopped = await sessionUntil(id, (s) => s.status === 'STOPPED');
    expect(booked(stopped), 'the stop closed the position with a real order').toBe(0);
    expect(await exchangePosition()).toBe(0);
    // Every execution of the session's orders on the exchange is one stored fill, and nothing else is.
    const prefix = `hm-${id.replaceAll('-', '').slice(0, 8)}-`;
    const executions = (await observer?.executions())?.filter((e) => e.clOrdID.startsWith(prefix)) ?? [];
    expect(new Set(stopped.fills.edges.map((e) => e.node.execId))).toEqual(new Set(executions.map((e) => e.execID)));
    expect(stopped.fills.edges.some(({ node }) => node.side === 'sell')).toBe(true);
  });

  it('a killed worker trips the dead man’s switch; the resumed session adopts its position instead of doubling it', async () => {
    if (!observer) throw new Error('no observer');
    const created = await createLive('e2e live kill', { params: { trade_interval: 4 } });
    const id = created.data?.id ?? '';
    const long = await sessionUntil(id, (s) => booked(s) === 100 && s.workerId !== null);
    // A resting order far from the market: only the dead man's switch can cancel it.
    const resting = await observer.rest.placeOrder({
      symbol: 'XBTUSD',
      side: 'Buy',
      orderQty: 100,
      ordType: 'Limit',
      price: 1_000,
      clOrdID: `e2e-resting-${Date.now()}`,
    });
    process.kill(Number(long.workerId?.split(':').pop()), 'SIGKILL');
    await observer.until(
      () => observer?.orders.some((o) => o.orderID === resting.orderID && o.ordStatus === 'Canceled') ?? false,
    );
    const cancel = observer.orders.find((o) => o.orderID === resting.orderID && o.ordStatus === 'Canceled');
    expect(cancel?.text ?? '').toMatch(/cancelAllAfter/);

    // The other worker resumes the session: its next order is the sell, so the exchange never holds 200.
    const resumed = await sessionUntil(
      id,
      (s) => s.workerId !== null && s.workerId !== long.workerId && booked(s) === 0,
    );
    expect(resumed.status).toBe('RUNNING');
    expect(
      Math.max(...observer.positions.filter((p) => p.symbol === 'XBTUSD').map((p) => Math.abs(p.currentQty ?? 0))),
    ).toBe(100);
    expect(booked(resumed)).toBe(await exchangePosition());
    expect(resumed.warning).toBeNull();
    await gql(`mutation($id: ID!) { stopSession(id: $id) { __typename } }`, { id });
    await sessionUntil(id, (s) => s.status === 'STOPPED');
  });

  it('a runaway strategy is halted by its order-rate limit; the kill switch halts the rest and cancels everything', async () => {
    const runaway = await createLive('e2e runaway', { params: { trade_interval: 1 }, risk: { maxOrdersPerMinute: 3 } });
    const halted = await sessionUntil(runaway.data?.id ?? '', (s) => s.status === 'HALTED');
    expect(halted.error).toBe('halted: more than 3 orders in a minute');
    // A market order may fill at several price levels: count orders, not fills.
    expect(new Set(halted.fills.edges.map((e) => e.node.orderId)).size).toBeLessThanOrEqual(3);

    const other = await createLive('e2e kill switch', { params: { trade_interval: 30 } });
    await sessionUntil(other.data?.id ?? '', (s) => s.status === 'RUNNING');
    const kill = await gql<{
      killSwitch: {
        sessionsHalted: number;
        accounts: { accountId: string; cancelled: number; error: string | null }[];
      };
    }>(
      `mutation { killSwitch(confirm: "KILL", reason: "e2e") { sessionsHalted accounts { accountId cancelled error } } }`,
    );
    expect(kill.killSwitch.sessionsHalted).toBeGreaterThanOrEqual(1);
    // Other test files' accounts in the shared database (testnet, mainnet) are unreachable offline: only ours counts.
    expect(kill.killSwitch.accounts.find((a) => a.accountId === accountId)).toEqual({
      accountId,
      cancelled: expect.any(Number),
      error: null,
    });
    const killed = await sessionUntil(other.data?.id ?? '', (s) => s.status === 'HALTED');
    expect(killed.error).toBe('halted: kill switch: e2e');
    expect(await observer?.rest.openOrders()).toEqual([]);
  });

  it('no exchange secret appears in logs, API answers or the database in clear', async () => {
    const answers = JSON.stringify(
      await gql(`{ exchangeAccounts { id name network keyHint createdAt }
        sessions(first: 50) { edges { node { id name error warning account { name keyHint } } } } }`),
    );
    expect(answers).not.toContain(SIM_ACCOUNT.apiSecret);
    expect(answers).not.toContain(SIM_ACCOUNT.apiKey);
    expect(stack?.output() ?? '').not.toContain(SIM_ACCOUNT.apiSecret);
    const { createDb } = await import('@hm/db');
    const db = createDb(stack?.databaseUrl ?? '');
    try {
      const stored = JSON.stringify([
        await db.exchangeAccount.findMany(),
        await db.sessionLog.findMany({ select: { message: true, fields: true } }),
        await db.session.findMany({ select: { params: true, error: true, warning: true, risk: true } }),
      ]);
      expect(stored).not.toContain(SIM_ACCOUNT.apiSecret);
      expect(stored).not.toContain(SIM_ACCOUNT.apiKey);
    } finally {
      await db.$disconnect();
    }
  });
});
