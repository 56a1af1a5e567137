import { MdKey } from '@hm/engine/contracts';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
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

// API keys end to end on the real API: which fields answer without a key, scopes, revocation, the
// three ways to send a key (headers, graphql-ws connectionParams, the sign-in cookie) and masking.
let app: TestApp;
let readKey: string;
let controlKey: string;
const logged: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  const capture = (msg: string, fields?: Record<string, unknown>) => void logged.push({ msg, fields });
  const log = { debug: () => {}, info: () => {}, warn: capture, error: capture, child: () => log };
  app = await startTestApp({ log });
  readKey = (await createTestKey('read')).key;
  controlKey = (await createTestKey('control')).key;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await app.stop();
});

const MARKETS = '{ markets { symbol } }';
const code = (errors: GqlError[] | undefined) => errors?.[0]?.extensions?.code;

describe('without a key', () => {
  it('answers health, __typename and introspection, and nothing else', async () => {
    const health = await gql<{ health: { database: boolean } }>(app.url, '{ health { database } }', {}, { key: null });
    expect(health.errors).toBeUndefined();
    expect(health.data?.health.database).toBe(true);
    expect((await gql(app.url, '{ __typename }', {}, { key: null })).data).toEqual({ __typename: 'Query' });
    const docs = await gql<{ __schema: { queryType: { name: string } } }>(
      app.url,
      '{ __schema { queryType { name } } }',
      {},
      { key: null },
    );
    expect(docs.data?.__schema.queryType.name).toBe('Query');

    const res = await gqlResponse(app.url, MARKETS, {}, { key: null });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data?: unknown; errors?: GqlError[] };
    expect(body.data ?? null).toBeNull();
    expect(code(body.errors)).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/"markets" needs an API key with scope read, and no API key was sent/);
  });

  it('refuses a document mixing health with a protected field, fragments included', async () => {
    const mixed = await gql(
      app.url,
      '{ health { ok } ...M } fragment M on Query { markets { symbol } }',
      {},
      {
        key: null,
      },
    );
    expect(code(mixed.errors)).toBe('UNAUTHENTICATED');
    expect(mixed.data ?? null).toBeNull();
  });

  it('refuses an unknown key as such', async () => {
    const bad = await gql(app.url, MARKETS, {}, { key: `hm_${'x'.repeat(43)}` });
    expect(code(bad.errors)).toBe('UNAUTHENTICATED');
    expect(bad.errors?.[0]?.message).toMatch(/unknown or revoked/);
  });
});

describe('scopes', () => {
  it('a read key queries; its mutations are FORBIDDEN, naming the scope needed', async () => {
    const ok = await gql<{ markets: unknown[] }>(app.url, MARKETS, {}, { key: readKey });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.markets.length).toBeGreaterThan(0);
    const res = await gqlResponse(
      app.url,
      'mutation { createApiKey(name: "sneaky", scope: ADMIN) { key } }',
      {},
      { key: readKey },
    );
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors?: GqlError[] };
    expect(code(body.errors)).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toMatch(/"createApiKey" needs an API key with scope admin; .* has scope read/);
    expect(body.errors?.[0]?.extensions?.requiredScope).toBe('admin');
  });

  it('a control key may not manage keys either (admin only)', async () => {
    const res = await gql(app.url, '{ apiKeys { id } }', {}, { key: controlKey });
    expect(code(res.errors)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/needs an API key with scope admin/);
  });

  it('an admin creates, lists and revokes keys; a revoked key is refused at once', async () => {
    type Created = {
      createApiKey: { key: string; apiKey: { id: string; name: string; scope: string; prefix: string } };
    };
    const created = await gql<Created>(
      app.url,
      'mutation ($n: String!) { createApiKey(name: $n, scope: READ) { key apiKey { id name scope prefix revokedAt } } }',
      { n: 'auth test' },
    );
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data?.createApiKey ?? { key: '', apiKey: { id: '', prefix: '' } };
    expect(key).toMatch(/^hm_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'auth test', scope: 'READ', prefix: key.slice(0, 11), revokedAt: null });
    expect((await gql(app.url, MARKETS, {}, { key })).errors).toBeUndefined();

    const listed = await gql<{ apiKeys: { id: string; prefix: string; lastUsedAt: string | null }[] }>(
      app.url,
      '{ apiKeys { id prefix lastUsedAt } }',
    );
    const row = listed.data?.apiKeys.find((k) => k.id === apiKey.id);
    expect(row?.prefix).toBe(apiKey.prefix);
    expect(row?.lastUsedAt, 'the accepted use was recorded').not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(key);

    const revoked = await gql<{ revokeApiKey: { revokedAt: string | null } }>(
      app.url,
      'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: apiKey.id },
    );
    expect(revoked.data?.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await gql(app.url, MARKETS, {}, { key });
    expect(code(refused.errors)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/unknown or revoked/);
    const missing = await gql(app.url, 'mutation { revokeApiKey(id: "nope") { id } }');
    expect(code(missing.errors)).toBe('BAD_USER_INPUT');
  });
});

describe('sending the key', () => {
  it('accepts x-api-key and Authorization: Bearer', async () => {
    const viaHeader = await gql(app.url, MARKETS, {}, { key: null, headers: { 'x-api-key': readKey } });
    expect(viaHeader.errors).toBeUndefined();
    const viaBearer = await gql(app.url, MARKETS, {}, { key: null, headers: { authorization: `Bearer ${readKey}` } });
    expect(viaBearer.errors).toBeUndefined();
  });

  it('over graphql-ws: connectionParams authenticate; without them only public fields answer, on the same connection', async () => {
    const keyed = wsClient(app.url, { key: readKey });
    const bearer = wsClient(app.url, { key: null, connectionParams: { authorization: `Bearer ${readKey}` } });
    const anonymous = wsClient(app.url, { key: null });
    clients.push(keyed, bearer, anonymous);
    expect((await wsRun(keyed, MARKETS)).data).toMatchObject({ markets: expect.any(Array) });
    expect((await wsRun(bearer, MARKETS)).data).toMatchObject({ markets: expect.any(Array) });

    const refused = (await wsRun(anonymous, MARKETS)).errors;
    expect(code(refused)).toBe('UNAUTHENTICATED');
    expect(refused?.[0]?.extensions?.http, 'no HTTP envelope over graphql-ws').toBeUndefined();
    const sub = (await wsRun(anonymous, 'subscription { ticker(market: "XBTUSD") { market } }')).errors;
    expect(code(sub)).toBe('UNAUTHENTICATED');
    expect(sub?.[0]?.message).toMatch(/subscription field "ticker" needs an API key with scope read/);
    expect((await wsRun(anonymous, '{ health { database } }')).data).toEqual({ health: { database: true } });
  });

  it('the browser: sign-in sets an HttpOnly SameSite=Strict cookie and redirects; the cookie works over HTTP and graphql-ws', async () => {
    const signIn = await fetch(`${app.url}/auth/signin?key=${encodeURIComponent(readKey)}`, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/');
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hm_key=hm_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const cookie = setCookie.split(';')[0] ?? '';

    const viaCookie = await gql(app.url, MARKETS, {}, { key: null, headers: { cookie } });
    expect(viaCookie.errors).toBeUndefined();
    const otherSite = await gql(
      app.url,
      MARKETS,
      {},
      { key: null, headers: { cookie, origin: 'https://evil.example' } },
    );
    expect(code(otherSite.errors), 'the cookie counts only for same-origin requests').toBe('UNAUTHENTICATED');

    // The upgrade request carries the cookie, as a browser's does.
    class CookieSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    }
    const ws = wsClient(app.url, { key: null, webSocketImpl: CookieSocket });
    clients.push(ws);
    const data = await new Promise<unknown>((resolve, reject) => {
      ws.subscribe({ query: MARKETS }, { next: (v) => resolve(v.data), error: reject, complete: () => {} });
    });
    expect(data).toMatchObject({ markets: expect.any(Array) });

    const bad = await fetch(`${app.url}/auth/signin?key=hm_${'y'.repeat(43)}`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(await bad.text()).toMatch(/unknown or has been revoked/);

    const signOut = await fetch(`${app.url}/auth/signout`, { method: 'POST', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^hm_key=; .*Max-Age=0/);
  });
});

describe('errors', () => {
  it('masks an unexpected error as "Unexpected error." with an errorId, logged with that id', async () => {
    const redis = new Redis(inject('redisUrl'));
    // No other test reads ETHUSD's ticker from the shared Redis.
    await redis.set(MdKey.ticker('ETHUSD'), '{not json');
    try {
      const res = await gql(app.url, '{ ticker(market: "ETHUSD") { market } }');
      const error = res.errors?.[0];
      expect(error?.message).toBe('Unexpected error.');
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const errorId = error?.extensions?.errorId;
      expect(errorId).toEqual(expect.any(String));
      expect(JSON.stringify(res)).not.toMatch(/JSON|position/);
      const line = logged.find((l) => l.fields?.errorId === errorId);
      expect(line?.msg).toBe('unexpected error');
      expect(String((line?.fields?.error as Error | undefined)?.message)).toMatch(/JSON/);
    } finally {
      await redis.del(MdKey.ticker('ETHUSD'));
      redis.disconnect();
    }
    // Errors raised on purpose keep their message and code.
    const intended = await gql(app.url, '{ ticker(market: "NOPE") { market } }');
    expect(intended.errors?.[0]?.message).toMatch(/unknown market "NOPE"/);
    expect(code(intended.errors)).toBe('BAD_USER_INPUT');
  });
});
