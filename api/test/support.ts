import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from '@hm/engine/testing';
import { inject } from 'vitest';
import { type App, startApp } from '../src/app.js';

/** Starts the real API on a free port against the test run's Postgres and Redis. */
export async function startTestApp(): Promise<App & { webDist: string }> {
  const webDist = await mkdtemp(path.join(tmpdir(), 'hm-web-'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>HM test page</title>');
  const app = await startApp({
    databaseUrl: inject('databaseUrl'),
    redisUrl: inject('redisUrl'),
    port: 0,
    host: '127.0.0.1',
    webDist,
  });
  return Object.assign(app, { webDist });
}

/** POSTs a GraphQL operation and returns the parsed body. */
export async function gql<T = unknown>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string }[] };
}
