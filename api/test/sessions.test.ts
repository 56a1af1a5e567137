import { createDb } from '@hm/db';
import { QueueName, sessionIndicatorsKey, sessionJobId } from '@hm/engine/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../src/app.js';
import { gql, startTestApp } from './support.js';

/** The session API without a worker: create, validate, clone, note, queue, stop, delete, list. */
describe('sessions API', { shuffle: false }, () => {
  let app: App;
  const db = createDb(inject('databaseUrl'));
  const redis = new Redis(inject('redisUrl'));
  const sessionQueue = new Queue(QueueName.session, { connection: redis });
  const tag = `api-test-${Date.now()}`;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
    await sessionQueue.close();
    await db.$disconnect();
    redis.disconnect();
  });

  const SESSION =
    'id name mode status strategy params markets note health fillCount clonedFrom { id } fees { makerFee takerFee latencyMs }';
  const RESULT = `__typename ... on Error { message code } ... on InputError { field } ... on StateError { status }`;

  type Result = {
    __typename: string;
    data?: Record<string, unknown>;
    message?: string;
    code?: string;
    field?: string;
    status?: string;
  };
  async function mutate(name: string, args: string, variables: Record<string, unknown>): Promise<Result> {
    const res = await gql<Record<string, Result>>(
      app.url,
      `mutation(${args}) { ${name}(${args.replace(/\$(\w+):[^,]+/g, '$1: $$$1')}) { ${RESULT} ... on Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success { data { ${SESSION} } } } }`,
      variables,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data?.[name] as Result;
  }
  const create = (input: Record<string, unknown>, start = false) =>
    mutate('createSession', '$input: CreateSessionInput!, $start: Boolean', { input, start });

  it('lists the strategies with JSON Schemas carrying defaults and bounds', async () => {
    const res = await gql<{
      strategies: {
        name: string;
        legs: number;
        modes: string[];
        paramsSchema: { properties: Record<string, { default?: unknown }> };
      }[];
    }>(app.url, '{ strategies { name legs modes paramsSchema } }');
    const names = res.data?.strategies.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['TestBot', 'SDBot', 'SazBot', 'DivergeBot', 'PairTradeBot']));
    const sd = res.data?.strategies.find((s) => s.name === 'SDBot');
    expect(sd?.modes).toContain('TEST');
    expect(sd?.paramsSchema.properties.trade_size?.default).toBeDefined();
    expect(res.data?.strategies.find((s) => s.name === 'PairTradeBot')?.legs).toBe(2);
  });

  it('refuses invalid input with a typed error naming the field', async () => {
    const badStrategy = await create({ name: tag, mode: 'TEST', strategy: 'NoSuchBot', markets: ['XBTUSD'] });
    expect(badStrategy).toMatchObject({ __typename: 'InputError', field: 'strategy', code: 'BAD_INPUT' });
    const badParam = await create({
      name: tag,
      mode: 'TEST',
      strategy: 'SDBot',
      markets: ['XBTUSD'],
      params: { trade_size: -5 },
    });
    expect(badParam).toMatchObject({ __typename: 'InputError', field: 'params.trade_size' });
    const badMarket = await create({ name: tag, mode: 'TEST', strategy: 'SDBot', markets: ['NOPE'] });
    expect(badMarket).toMatchObject({ __typename: 'InputError', field: 'markets[0]' });
    const legs = await create({ name: tag, mode: 'TEST', strategy: 'PairTradeBot', markets: ['XBTUSD'] });
    expect(legs).toMatchObject({ __typename: 'InputError', field: 'markets' });
    const range = await mutate('runBacktest', '$input: RunBacktestInput!', {
      input: {
        strategy: 'SDBot',
        markets: ['XBTUSD'],
        rangeFrom: '2026-01-02T00:00:00Z',
        rangeTo: '2026-01-01T00:00:00Z',
      },
    });
    expect(range).toMatchObject({ __typename: 'InputError', field: 'rangeTo' });
    const fees = await create({
      name: tag,
      mode: 'TEST',
      strategy: 'SDBot',
      markets: ['XBTUSD'],
      fees: { takerFee: 0.5 },
    });
    expect(fees).toMatchObject({ __typename: 'InputError', field: 'fees.takerFee' });
  });

  it('creates with defaults, clones with overrides, keeps a note', async () => {
    const created = await create({
      name: tag,
      mode: 'TEST',
      strategy: 'SDBot',
      markets: ['XBTUSD'],
      params: { period: 30 },
    });
    expect(created.__typename).toBe('MutationCreateSessionSuccess');
    const s = created.data as { id: string; status: string; params: Record<string, unknown> };
    expect(s.status).toBe('CREATED');
    expect(s.params.period).toBe(30);
    expect(s.params.trade_size).toBeDefined(); // defaults applied and stored

    const clone = await mutate('cloneSession', '$id: ID!, $overrides: SessionOverrides', {
      id: s.id,
      overrides: { name: `${tag} clone`, params: { num_std: 2.5 } },
    });
    const c = clone.data as { id: string; name: string; params: Record<string, unknown>; clonedFrom: { id: string } };
    expect(c.clonedFrom.id).toBe(s.id);
    expect(c.params).toMatchObject({ period: 30 });
    expect(c.name).toBe(`${tag} clone`);

    const noted = await mutate('updateSessionNote', '$id: ID!, $note: String!', { id: s.id, note: 'widen the bands' });
    expect((noted.data as { note: string }).note).toBe('widen the bands');
  });

  it('queues a start, refuses to delete it while queued, stops it, then deletes it', async () => {
    const created = await create({ name: `${tag} run`, mode: 'TEST', strategy: 'TestBot', markets: ['XBTUSD'] }, true);
    const s = created.data as { id: string; status: string; health: string | null };
    expect(s.status).toBe('QUEUED');
    expect(await sessionQueue.getJob(sessionJobId(s.id))).toBeTruthy();

    const refused = await mutate('deleteSession', '$id: ID!', { id: s.id });
    expect(refused).toMatchObject({ __typename: 'StateError', code: 'INVALID_STATE', status: 'QUEUED' });
    const twice = await mutate('startSession', '$id: ID!', { id: s.id });
    expect(twice.__typename).toBe('StateError');

    // No worker holds it: stopping takes it off the queue at once.
    const stopped = await mutate('stopSession', '$id: ID!', { id: s.id });
    expect((stopped.data as { status: string }).status).toBe('STOPPED');
    expect(await sessionQueue.getJob(sessionJobId(s.id))).toBeUndefined();

    const deleted = await mutate('deleteSession', '$id: ID!', { id: s.id });
    expect(deleted.__typename).toBe('MutationDeleteSessionSuccess');
    expect(await db.session.findUnique({ where: { id: s.id } })).toBeNull();
    const missing = await mutate('stopSession', '$id: ID!', { id: s.id });
    expect(missing).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('pages sessions with a filter and a total count', async () => {
    for (let i = 0; i < 3; i++)
      await create({ name: `${tag} page ${i}`, mode: 'TEST', strategy: 'SazBot', markets: ['ETHUSD'] });
    const page = async (after?: string) =>
      (
        await gql<{
          sessions: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { name: string; markets: string[] } }[];
          };
        }>(
          app.url,
          'query($after: String) { sessions(filter: { strategy: "SazBot", market: "ETHUSD", mode: TEST }, first: 2, after: $after, orderBy: NAME_ASC) { totalCount pageInfo { hasNextPage endCursor } edges { node { name markets } } } }',
          after ? { after } : {},
        )
      ).data?.sessions;
    const first = await page();
    expect(first?.totalCount).toBeGreaterThanOrEqual(3);
    expect(first?.edges).toHaveLength(2);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = await page(first?.pageInfo.endCursor);
    const names = [...(first?.edges ?? []), ...(second?.edges ?? [])].map((e) => e.node.name);
    expect(new Set(names).size).toBe(names.length); // no overlap between pages
    for (const e of [...(first?.edges ?? []), ...(second?.edges ?? [])]) expect(e.node.markets).toEqual(['ETHUSD']);
  });

  it('answers null for an unknown session and reads fills, round trips and logs as connections', async () => {
    const none = await gql<{ session: null }>(
      app.url,
      '{ session(id: "00000000-0000-0000-0000-000000000000") { id } }',
    );
    expect(none.data?.session).toBeNull();
    const row = await db.session.create({
      data: { name: `${tag} stored`, mode: 'TEST', strategy: 'TestBot', markets: ['XBTUSD'], status: 'STOPPED' },
    });
    await db.sessionFill.createMany({
      data: [0, 1, 2].map((seq) => ({
        sessionId: row.id,
        seq,
        orderId: `o${seq}`,
        symbol: 'XBTUSD',
        side: seq % 2 ? 'sell' : 'buy',
        price: '50000.5',
        qty: '10',
        fee: '0.0000015',
        liquidity: 'taker',
        time: new Date(1_700_000_000_000 + seq * 1000),
      })),
    });
    await db.sessionLog.createMany({
      data: [
        { sessionId: row.id, time: new Date(), level: 'info', message: 'started' },
        {
          sessionId: row.id,
          time: new Date(),
          level: 'warn',
          message: 'order rejected',
          fields: { reason: 'post-only would cross' },
        },
      ],
    });
    const res = await gql<{
      session: {
        fills: {
          totalCount: number;
          edges: { node: { seq: number; price: number; side: string } }[];
          pageInfo: { endCursor: string };
        };
        logs: { totalCount: number; edges: { node: { level: string; message: string; fields: unknown } }[] };
      };
    }>(
      app.url,
      `query($id: ID!) { session(id: $id) {
        fills(first: 2) { totalCount pageInfo { endCursor } edges { node { seq price side } } }
        logs(level: WARN) { totalCount edges { node { level message fields } } } } }`,
      { id: row.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.session.fills.totalCount).toBe(3);
    expect(res.data?.session.fills.edges.map((e) => e.node.seq)).toEqual([0, 1]);
    expect(res.data?.session.fills.edges[0]?.node.price).toBe(50000.5);
    expect(res.data?.session.logs.totalCount).toBe(1);
    expect(res.data?.session.logs.edges[0]?.node).toEqual({
      level: 'WARN',
      message: 'order rejected',
      fields: { reason: 'post-only would cross' },
    });
  });

  it('declares strategies’ indicators and serves a session’s latest values', async () => {
    const strategies = await gql<{ strategies: { name: string; indicators: { name: string; overlay: boolean }[] }[] }>(
      app.url,
      '{ strategies { name indicators { name overlay } } }',
    );
    expect(strategies.data?.strategies.find((s) => s.name === 'SDBot')?.indicators).toEqual([
      { name: 'bb_mid', overlay: true },
      { name: 'bb_upper', overlay: true },
      { name: 'bb_lower', overlay: true },
    ]);
    const row = await db.session.create({
      data: { name: `${tag} plots`, mode: 'TEST', strategy: 'SDBot', markets: ['XBTUSD'], status: 'RUNNING' },
    });
    const key = sessionIndicatorsKey(row.id);
    await redis.rpush(
      key,
      JSON.stringify({ sessionId: row.id, name: 'bb_mid', timeMs: 60_000, value: 100 }),
      JSON.stringify({ sessionId: row.id, name: 'bb_upper', timeMs: 60_000, value: 104 }),
    );
    const res = await gql<{ session: { indicators: { name: string; time: number; value: number }[] } }>(
      app.url,
      'query($id: ID!) { session(id: $id) { indicators(names: ["bb_upper"]) { name time value } } }',
      { id: row.id },
    );
    expect(res.data?.session.indicators).toEqual([{ name: 'bb_upper', time: 60_000, value: 104 }]);
    await redis.del(key);
    await db.session.delete({ where: { id: row.id } });
  });
});
