import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { repoRoot } from '../src/paths.js';
import { ensureRedis, type RunningRedis } from '../src/services/redis-server.js';
import { startBenchDatabase } from './bench-database.js';

/**
 * A private Redis, a database for API keys and one API process (a child, so load generator and
 * server do not share a loop).
 */
export interface Harness {
  readonly redisUrl: string;
  readonly apiUrl: string;
  /** The read key every bench client sends (graphql-ws connectionParams). */
  readonly apiKey: string;
  readonly apiPid: number;
  client(): Client;
  /** Server-side delivery latency since the last call (api/src/bench-probe.ts). */
  serverLatency(): Promise<{ count: number; p50Ms: number; p99Ms: number; maxMs: number }>;
  close(): Promise<void>;
}

/** Extra node flags for the bench's child processes, e.g. HM_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'. */
export function benchNodeArgs(): string[] {
  return (process.env.HM_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hm-bench-'));
  const redis: RunningRedis = await ensureRedis({ preferLocalDefault: false, dataDir: dir });
  const database = await startBenchDatabase(dir);
  const api: ChildProcess = spawn(process.execPath, [...benchNodeArgs(), '--import', 'tsx', 'api/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      // Subscriptions touch Postgres only to check the key, once per subscribe.
      DATABASE_URL: database.url,
      // Thousands of subscribes from one key within a minute: the capacity bench measures delivery, not the limiter.
      HM_RATE_LIMIT_KEY: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HM_BENCH_PROBE: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    api.on('message', (m: unknown) => {
      const url = (m as { url?: unknown }).url;
      if (typeof url === 'string') resolve(url);
    });
    api.once('exit', (code) => reject(new Error(`api exited (${code})`)));
  });
  const clients: Client[] = [];
  return {
    redisUrl: redis.url,
    apiUrl,
    apiPid: api.pid ?? -1,
    apiKey: database.apiKey,
    client() {
      const c = createClient({
        url: `${apiUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        connectionParams: { 'x-api-key': database.apiKey },
      });
      clients.push(c);
      return c;
    },
    serverLatency() {
      return new Promise((resolve) => {
        const onMessage = (m: unknown) => {
          if ((m as { type?: unknown }).type !== 'probe') return;
          api.off('message', onMessage);
          resolve(m as { count: number; p50Ms: number; p99Ms: number; maxMs: number });
        };
        api.on('message', onMessage);
        api.send({ type: 'probe-report' });
      });
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await new Promise<void>((resolve) => {
        if (api.exitCode !== null) return resolve();
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
      await database.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
