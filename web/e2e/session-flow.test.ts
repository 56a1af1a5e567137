import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRedis, type RunningRedis } from '@hm/engine/services';
import type {} from '@hm/engine/testing';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { isAlive, repoRoot, type Stack, startStack } from './stack.js';

// The session workflow of the control API over the real stack: `hm start` with two workers, plus a
// second API process on the same Redis. A session created through API 2 is watched through API 1.

let dir: string;
let redis: RunningRedis;
let stack: Stack | undefined;
let api2: { child: ChildProcess; url: string } | undefined;
let ws: Client | undefined;

/** A second API process (the same entry `hm start` runs), on a free port. */
function startSecondApi(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'api/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'ready' && m.url) resolve({ child, url: m.url });
    });
    child.once('exit', (code) => reject(new Error(`second API exited (${code}) before it was ready`)));
  });
}

async function gql<T>(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

interface Seen {
  id: string;
  status: string;
  heartbeatAt: string | null;
  workerId: string | null;
  fillCount: number;
  health: string | null;
}
/** Every `sessionUpdated` message of one session, and a way to wait for one that matches. */
function watch(client: Client, id: string) {
  const seen: Seen[] = [];
  const waiters: { test: (s: Seen) => boolean; resolve: (s: Seen) => void }[] = [];
  const dispose = client.subscribe<{ sessionUpdated: Seen }>(
    {
      query: 'subscription($id: ID!) { sessionUpdated(id: $id) { id status heartbeatAt workerId fillCount health } }',
      variables: { id },
    },
    {
      next: (msg) => {
        const s = msg.data?.sessionUpdated;
        if (!s) return;
        seen.push(s);
        for (const w of [...waiters]) {
          if (w.test(s)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(s);
          }
        }
      },
      error: (err) => {
        throw new Error(`sessionUpdated failed: ${JSON.stringify(err)}`);
      },
      complete: () => {},
    },
  );
  const until = (test: (s: Seen) => boolean): Promise<Seen> => {
    const hit = seen.find(test);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  };
  return { seen, until, dispose };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-e2e-sessions-'));
  redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  stack = await startStack({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: redis.url,
    PORT: '0',
    HM_DATA_DIR: path.join(dir, 'data'),
    HM_HISTORY_DAYS: '0',
    HM_WORKERS: '2',
    LOG_LEVEL: 'warn',
  });
  api2 = await startSecondApi({ DATABASE_URL: stack.databaseUrl, REDIS_URL: redis.url });
  ws = createClient({
    url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': stack.key },
  });
});

afterAll(async () => {
  await ws?.dispose();
  api2?.child.kill('SIGTERM');
  if (stack && isAlive(stack.process.pid ?? -1)) {
    const exited = new Promise((resolve) => stack?.process.once('exit', resolve));
    stack.process.kill('SIGINT');
    await exited;
  }
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('sessions on the real stack', { shuffle: false }, () => {
  const RESULT = '__typename ... on Error { message code } ... on InputError { field }';
  let sessionId = '';

  it('a TEST session created through API 2 runs with fresh heartbeats, seen through API 1', async () => {
    if (!stack || !api2 || !ws) throw new Error('stack did not start');
    const created = await gql<{ createSession: { __typename: string; data?: { id: string }; message?: string } }>(
      api2.url,
      stack.key,
      `mutation($input: CreateSessionInput!) { createSession(input: $input, start: true) {
        ${RESULT} ... on MutationCreateSessionSuccess { data { id } } } }`,
      {
        input: {
          name: 'e2e TestBot',
          mode: 'TEST',
          strategy: 'TestBot',
          markets: ['XBTUSD'],
          params: { trade_interval: 1 },
        },
      },
    );
    expect(created.createSession.__typename, created.createSession.message).toBe('MutationCreateSessionSuccess');
    sessionId = created.createSession.data?.id ?? '';
    const w = watch(ws, sessionId);
    const running = await w.until((s) => s.status === 'RUNNING' && s.heartbeatAt !== null);
    const later = await w.until(
      (s) => s.heartbeatAt !== null && s.heartbeatAt > (running.heartbeatAt ?? '') && s.fillCount > 0,
    );
    expect(later.health).toBe('HEALTHY');
    expect(later.workerId).toMatch(/:\d+$/);

    // Killing the worker that runs it: another worker takes the job over and the session goes on.
    const pid = Number(later.workerId?.split(':').pop());
    process.kill(pid, 'SIGKILL');
    const resumed = await w.until(
      (s) => s.status === 'RUNNING' && s.workerId !== later.workerId && s.heartbeatAt !== null,
    );
    expect(resumed.workerId).not.toBe(later.workerId);
    await w.until((s) => s.workerId === resumed.workerId && s.fillCount > later.fillCount);
    w.dispose();
  });

  it('stops (STOPPED, flat, with metrics) and is backtested over its exact window', async () => {
    if (!stack || !ws) throw new Error('stack did not start');
    const w = watch(ws, sessionId);
    const stop = await gql<{ stopSession: { __typename: string } }>(
      stack.url,
      stack.key,
      `mutation($id: ID!) { stopSession(id: $id) { ${RESULT} } }`,
      { id: sessionId },
    );
    expect(stop.stopSession.__typename).toBe('MutationStopSessionSuccess');
    await w.until((s) => s.status === 'STOPPED');
    w.dispose();

    const bt = await gql<{
      backtestFromSession: {
        __typename: string;
        message?: string;
        data?: { id: string; rangeFrom: string; rangeTo: string };
      };
    }>(
      stack.url,
      stack.key,
      `mutation($id: ID!) { backtestFromSession(id: $id) { ${RESULT}
        ... on MutationBacktestFromSessionSuccess { data { id rangeFrom rangeTo } } } }`,
      { id: sessionId },
    );
    expect(bt.backtestFromSession.__typename, bt.backtestFromSession.message).toBe(
      'MutationBacktestFromSessionSuccess',
    );
    const backtest = bt.backtestFromSession.data as { id: string; rangeFrom: string; rangeTo: string };
    const source = await gql<{
      session: {
        firstDecisionAt: string;
        metrics: { fills: number } | null;
        fills: { edges: { node: { time: string } }[] };
      };
    }>(
      stack.url,
      stack.key,
      'query($id: ID!) { session(id: $id) { firstDecisionAt metrics { fills } fills(last: 1) { edges { node { time } } } } }',
      { id: sessionId },
    );
    expect(backtest.rangeFrom).toBe(source.session.firstDecisionAt);
    const lastFill = source.session.fills.edges[0]?.node.time ?? '';
    expect(new Date(backtest.rangeTo).getTime()).toBe(new Date(lastFill).getTime() + 1);

    // Follow it to the end through backtestProgress.
    const final = await new Promise<string>((resolve, reject) => {
      let status = '';
      ws?.subscribe<{ backtestProgress: { status: string } }>(
        {
          query: 'subscription($id: ID!) { backtestProgress(id: $id) { status percent } }',
          variables: { id: backtest.id },
        },
        {
          next: (m) => {
            status = m.data?.backtestProgress.status ?? status;
          },
          error: reject,
          complete: () => resolve(status),
        },
      );
    });
    expect(final).toBe('COMPLETED');
    const result = await gql<{
      session: { status: string; clonedFrom: { id: string }; metrics: { fills: number; netPnl: number } };
    }>(
      stack.url,
      stack.key,
      'query($id: ID!) { session(id: $id) { status clonedFrom { id } metrics { fills netPnl } } }',
      { id: backtest.id },
    );
    expect(result.session.status).toBe('COMPLETED');
    expect(result.session.clonedFrom.id).toBe(sessionId);
    expect(result.session.metrics.fills).toBeGreaterThan(0);
  });
});
