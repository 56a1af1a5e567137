import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@hm/db';
import { type ApiKeyScopeName, createApiKey } from '@hm/engine/auth';
import type {} from '@hm/engine/testing';
import { type Client, type ClientOptions, createClient } from 'graphql-ws';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { type App, type AppOptions, startApp } from '../src/app.js';

export interface TestApp extends App {
  webDist: string;
  /** The key `gql` and `wsClient` send to this app unless told otherwise. */
  key: string;
}

/** The key sent by default to each running test app, by its URL. */
const defaultKeys = new Map<string, string>();

/**
 * Starts the real API on a free port against the test run's Postgres and Redis (unless `opts` say
 * otherwise), with a fresh API key of `scope` (default admin: every field) that `gql` and
 * `wsClient` send to it. Its rate-limit counters are its own (test files run in parallel from one
 * address), unless `opts.rateLimitPrefix` shares them.
 */
export async function startTestApp(opts: Partial<AppOptions> & { scope?: ApiKeyScopeName } = {}): Promise<TestApp> {
  const { scope = 'admin', ...appOpts } = opts;
  const webDist = await mkdtemp(path.join(tmpdir(), 'hm-web-'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>HM test page</title>');
  const app = await startApp({
    databaseUrl: inject('databaseUrl'),
    redisUrl: inject('redisUrl'),
    port: 0,
    host: '127.0.0.1',
    webDist,
    rateLimitPrefix: `test-rate-${randomUUID()}`,
    ...appOpts,
  });
  const { key } = await createTestKey(scope, `test app (${scope})`);
  defaultKeys.set(app.url, key);
  const stop = app.stop.bind(app);
  return Object.assign(app, {
    webDist,
    key,
    async stop() {
      defaultKeys.delete(app.url);
      await stop();
      await rm(webDist, { recursive: true, force: true });
    },
  });
}

/** A new API key in the test database (through the product's own createApiKey). */
export async function createTestKey(
  scope: ApiKeyScopeName = 'read',
  name = `test (${scope})`,
): Promise<{ id: string; key: string }> {
  const db = createDb(inject('databaseUrl'), { poolSize: 1 });
  try {
    const { id, key } = await createApiKey(db, { scope, name });
    return { id, key };
  } finally {
    await db.$disconnect();
  }
}

export interface GqlError {
  message: string;
  extensions?: Record<string, unknown> & { code?: string };
}
export interface GqlResponse<T> {
  data?: T;
  errors?: GqlError[];
}

/** Which key a request sends: a key, `null` for none, or (unset) the app's default key. */
export interface KeyOption {
  key?: string | null;
}

function keyFor(url: string, opts: KeyOption): string | null {
  return opts.key === undefined ? (defaultKeys.get(url) ?? null) : opts.key;
}

/**
 * POSTs a GraphQL operation and returns the parsed body. Sends the app's default key as `x-api-key`
 * unless `opts.key` names another (or `null`: none); `opts.headers` are added as given.
 */
export async function gql<T = unknown>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  opts: KeyOption & { headers?: Record<string, string> } = {},
): Promise<GqlResponse<T>> {
  const res = await gqlResponse(url, query, variables, opts);
  return (await res.json()) as GqlResponse<T>;
}

/** Like `gql`, but the raw response (status, headers). */
export function gqlResponse(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  opts: KeyOption & { headers?: Record<string, string> } = {},
): Promise<Response> {
  const key = keyFor(url, opts);
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...opts.headers },
    body: JSON.stringify({ query, variables }),
  });
}

/**
 * A graphql-ws client of the app at `url` (http URL), sending the app's default key in
 * `connectionParams` unless `opts.key` says otherwise.
 */
export function wsClient(url: string, opts: KeyOption & Partial<ClientOptions> = {}): Client {
  const { key: _key, ...clientOpts } = opts;
  const key = keyFor(url, opts);
  return createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    ...(key ? { connectionParams: { 'x-api-key': key } } : {}),
    ...clientOpts,
  });
}

/**
 * Runs one query or mutation over a graphql-ws client: its result, or `{ errors }` when it is
 * refused (a refused subscription too; an accepted one would not end).
 */
export function wsRun(client: Client, query: string): Promise<GqlResponse<unknown>> {
  return new Promise((resolve) => {
    let result: GqlResponse<unknown> = {};
    client.subscribe(
      { query },
      {
        next: (value) => {
          result = value as GqlResponse<unknown>;
        },
        error: (errors) => resolve({ errors: errors as GqlError[] }),
        complete: () => resolve(result),
      },
    );
  });
}
