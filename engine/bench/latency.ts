import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { RedisPublisher } from '../src/adapters/redis-publisher.js';
import { connectFeed } from '../src/bitmex/feed-client.js';
import { createLogger } from '../src/log.js';
import { feedTopics, MarketDataPipeline } from '../src/market/market-data.js';
import { repoRoot } from '../src/paths.js';
import { startFrameSource } from './frame-source.js';
import { benchNodeArgs, type Harness } from './harness.js';
import { cpuSeconds, percentile, progress } from './stats.js';

export interface LatencyResult {
  rate: number;
  subscribers: number;
  seconds: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Frame sent → result handed to the subscriber's socket, measured in the API process (goal G13). */
  server: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** CPU used during the window, in cores (1 = one core busy): API process, clients' process, bench process. */
  cpu: { api: number; clients: number; bench: number };
}

const QUERY = 'subscription { trades(market: "XBTUSD", snapshot: 0) { id } }';

/**
 * Frame source → feed client → pipeline → Redis → API process → graphql-ws subscribers: the latency
 * from the source's send to each subscriber's receive, over `seconds` after a 2 s warm-up. The
 * subscribers run in a child process (latency-clients.ts), not next to the source and pipeline.
 */
export async function measureLatency(
  h: Harness,
  rate: number,
  subscribers: number,
  seconds: number,
): Promise<LatencyResult> {
  const source = await startFrameSource(rate);
  const redis = new Redis(h.redisUrl);
  const publisher = new RedisPublisher(redis);
  const log = createLogger('bench', 'error');
  const pipeline = new MarketDataPipeline(['XBTUSD'], publisher, log);
  const feed = connectFeed({
    url: source.url,
    topics: feedTopics(['XBTUSD'], 'orderBookL2_25'),
    log,
    onMessage: (m) => pipeline.handle(m),
  });
  // HM_BENCH_CLIENT_PROCS (default 1) spreads the subscribers over that many client processes.
  const procs = Math.max(1, Math.min(subscribers, Number(process.env.HM_BENCH_CLIENT_PROCS ?? 1) || 1));
  const groups = Array.from({ length: procs }, (_, i) =>
    spawnClients(h, Math.floor(subscribers / procs) + (i < subscribers % procs ? 1 : 0)),
  );
  await Promise.all(groups.map((g) => g.ready));
  await wait(2_000); // warm-up: JIT, connections, Redis SUBSCRIBE
  await h.serverLatency(); // discard warm-up samples
  for (const g of groups) g.child.send({ type: 'record', on: true });
  const cpuAt = async () => ({
    at: performance.now(),
    api: await cpuSeconds(h.apiPid),
    clients: (await Promise.all(groups.map((g) => cpuSeconds(g.child.pid ?? -1)))).reduce((a, b) => a + b, 0),
    bench: await cpuSeconds(process.pid),
  });
  const cpu0 = await cpuAt();
  for (let s = 1; s <= seconds; s++) {
    await wait(1_000);
    progress('latency', s, seconds);
  }
  const cpu1 = await cpuAt();
  for (const g of groups) g.child.send({ type: 'record', on: false });
  const wall = (cpu1.at - cpu0.at) / 1_000;
  const server = await h.serverLatency();
  const parts: Float64Array[] = [];
  for (const g of groups) parts.push(await g.report());
  for (const g of groups) g.child.disconnect();
  const samples = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => {
    samples.set(p, at);
    return at + p.length;
  }, 0);
  await feed.close();
  await publisher.close();
  redis.disconnect();
  await source.close();
  samples.sort();
  return {
    rate,
    subscribers,
    seconds,
    samples: samples.length,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples.at(-1) ?? Number.NaN,
    server,
    cpu: {
      api: (cpu1.api - cpu0.api) / wall,
      clients: (cpu1.clients - cpu0.clients) / wall,
      bench: (cpu1.bench - cpu0.bench) / wall,
    },
  };
}

/** Starts latency-clients.ts with the tsx loader (as the harness starts the API). */
function spawnClients(h: Harness, subscribers: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...benchNodeArgs(), '--import', 'tsx', 'engine/bench/latency-clients.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HM_BENCH_WS_URL: `${h.apiUrl.replace('http', 'ws')}/graphql`,
        HM_BENCH_SUBSCRIBERS: String(subscribers),
        HM_BENCH_QUERY: QUERY,
        HM_BENCH_API_KEY: h.apiKey,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`latency clients exited (${code})`))),
  );
  exited.catch(() => {});
  const ready = Promise.race([
    exited,
    timeout(60_000, 'latency clients: not every subscriber received a first result'),
    new Promise<void>((resolve) => {
      child.on('message', (m: { type?: string }) => {
        if (m.type === 'ready') resolve();
      });
    }),
  ]);
  const report = () =>
    Promise.race([
      exited,
      timeout(120_000, 'latency clients: no report'),
      new Promise<Float64Array>((resolve) => {
        const batches: Float64Array[] = [];
        const onMessage = (m: { type?: string; samples?: Float64Array; count?: number }) => {
          if (m.type === 'samples' && m.samples) batches.push(m.samples);
          if (m.type !== 'done') return;
          child.off('message', onMessage);
          const all = new Float64Array(m.count ?? 0);
          let at = 0;
          for (const b of batches) {
            all.set(b, at);
            at += b.length;
          }
          resolve(all);
        };
        child.on('message', onMessage);
        child.send({ type: 'report' });
      }),
    ]);
  return { child, ready, report };
}

function timeout(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

/** A benchmark phase's fixed duration (this is a benchmark, not a test: timing is the point). */
function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
