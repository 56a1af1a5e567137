import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  type GqlError,
  gql,
  gqlResponse,
  startTestApp,
  type TestApp,
  wsClient,
  wsRun,
} from './support.js';

// Operation limits on the real API: each refusal names its limit and value, and the server keeps
// serving. `big` allows long documents so the alias limit is what refuses 1,000 aliases.
let app: TestApp;
let big: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestApp();
  big = await startTestApp({ limits: { maxTokens: 50_000 } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all([app.stop(), big.stop()]);
});

const code = (errors: GqlError[] | undefined) => errors?.[0]?.extensions?.code;
const HEALTH = '{ health { database } }';

/** `{ a { a { … } } }`, `levels` deep. */
const deep = (levels: number) => `{ ${'a { '.repeat(levels - 1)}a${' }'.repeat(levels - 1)} }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

async function stillServes(url: string): Promise<void> {
  const res = await gql<{ health: { database: boolean } }>(url, HEALTH);
  expect(res.errors).toBeUndefined();
  expect(res.data?.health.database).toBe(true);
}

describe('document limits', () => {
  it('refuses a query 50 levels deep, naming depth and limit, and keeps serving', async () => {
    const body = await gql(app.url, deep(50));
    expect(body.errors).toHaveLength(1);
    expect(code(body.errors)).toBe('QUERY_TOO_DEEP');
    expect(body.errors?.[0]?.message).toMatch(/is 50 levels deep; the limit is 12 \(HM_MAX_DEPTH\)/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ limit: 12, value: 50 });
    await stillServes(app.url);
  });

  it('refuses 1,000 aliases, naming count and limit, and keeps serving', async () => {
    const res = await gql(big.url, aliases(1_000));
    expect(code(res.errors)).toBe('TOO_MANY_ALIASES');
    expect(res.errors?.[0]?.message).toMatch(/has 1000 aliases; the limit is 30 \(HM_MAX_ALIASES\)/);
    expect((await gql(big.url, aliases(30))).errors).toBeUndefined();
    await stillServes(big.url);
  });

  it('refuses a document over the token limit while parsing it, and keeps serving', async () => {
    const res = await gql(app.url, aliases(700)); // 3 tokens an alias: over 2,000
    expect(code(res.errors)).toBe('TOO_MANY_TOKENS');
    expect(res.errors?.[0]?.message).toMatch(/more than 2000 tokens, the limit \(HM_MAX_TOKENS\)/);
    await stillServes(app.url);
  });

  it('lets GraphiQL load the schema (introspection nests deeper than 12)', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true });
    const res = await gql<{ __schema: { types: unknown[] } }>(app.url, query, {}, { key: null });
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema.types.length).toBeGreaterThan(10);
  });

  it('applies the same limits over graphql-ws, and the connection keeps working', async () => {
    const client = wsClient(app.url);
    clients.push(client);
    const run = (query: string) => wsRun(client, query);
    expect(code((await run(deep(50))).errors)).toBe('QUERY_TOO_DEEP');
    expect(code((await run(aliases(700))).errors)).toBe('TOO_MANY_TOKENS');
    expect((await run(HEALTH)).data).toEqual({ health: { database: true } });
  });
});

describe('cost', () => {
  const PAGES =
    'query ($n: Int) { sessions(first: $n) { edges { node { fills(first: 100) { edges { node { seq } } } } } } }';

  it('refuses an operation whose estimated cost is over the limit, counting list sizes from variables', async () => {
    const res = await gql(app.url, PAGES, { n: 200 });
    expect(code(res.errors)).toBe('QUERY_TOO_COSTLY');
    expect(res.errors?.[0]?.message).toMatch(/estimated cost is 60601; the limit is 10000 \(HM_MAX_COST\)/);
    const fits = await gql(app.url, PAGES, { n: 20 });
    expect(fits.errors).toBeUndefined();
    await stillServes(app.url);
  });
});

describe('rate limit', () => {
  it('counts operations per key in Redis, across API processes; over the limit is RATE_LIMITED', async () => {
    // Two API processes sharing one count (a fresh prefix: no other test's operations in it).
    const shared = { limits: { rateLimitPerKey: 3 }, rateLimitPrefix: `test-rate-${randomUUID()}` };
    const a = await startTestApp(shared);
    const b = await startTestApp(shared);
    try {
      const { key } = await createTestKey('read');
      expect((await gql(a.url, HEALTH, {}, { key })).errors).toBeUndefined();
      expect((await gql(b.url, HEALTH, {}, { key })).errors).toBeUndefined();
      expect((await gql(a.url, HEALTH, {}, { key })).errors).toBeUndefined();
      const res = await gqlResponse(b.url, HEALTH, {}, { key });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await res.json()) as { errors?: GqlError[] };
      expect(code(body.errors)).toBe('RATE_LIMITED');
      expect(body.errors?.[0]?.message).toMatch(
        /4 operations this minute from API key .*; the limit is 3 per minute \(HM_RATE_LIMIT_KEY\)/,
      );
      // Another key has its own count: the server keeps serving.
      await stillServes(a.url);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('counts operations without a key per address', async () => {
    const c = await startTestApp({ limits: { rateLimitPerIp: 2 } });
    try {
      expect((await gql(c.url, HEALTH, {}, { key: null })).errors).toBeUndefined();
      expect((await gql(c.url, HEALTH, {}, { key: null })).errors).toBeUndefined();
      const third = await gql(c.url, HEALTH, {}, { key: null });
      expect(code(third.errors)).toBe('RATE_LIMITED');
      expect(third.errors?.[0]?.message).toMatch(
        /from address .* \(no valid key\); the limit is 2 per minute \(HM_RATE_LIMIT_IP\)/,
      );
      await stillServes(c.url);
    } finally {
      await c.stop();
    }
  });
});
