import { existsSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, createDb, freePort, startEmbeddedPostgres } from '@hm/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { openArchiveStore } from '../../archive/open-store.js';
import { ensureDashboardKey } from '../../auth/dashboard-key.js';
import { ArchiveJob, archiveCollectJobId, MarketDataJob, marketDataJobId, QueueName } from '../../contracts/queues.js';
import { BITMEX_ENDPOINTS, type EngineEnv } from '../../env.js';
import { SecretBox } from '../../live/secret-box.js';
import { ensureSecretsKey } from '../../live/secrets-key.js';
import { ensureSimulatorAccount } from '../../live/simulator-account.js';
import type { Logger } from '../../log.js';
import { repoRoot } from '../../paths.js';
import { FixItError } from '../../services/fix-it-error.js';
import { ensureRedis } from '../../services/redis-server.js';
import { startChild } from '../child-process.js';

const ENTRY = {
  simulator: path.join(repoRoot, 'engine/src/simulator/main.ts'),
  worker: path.join(repoRoot, 'engine/src/workers/main.ts'),
  // The API is its own workspace; the supervisor starts it by path, not by import, so the engine
  // package does not depend on the api package (which depends on the engine's contracts).
  api: path.join(repoRoot, 'api/src/main.ts'),
};

/**
 * `hm start` / `npm start`: the whole stack on an embedded default. Starts (or reuses) Postgres and
 * Redis, applies migrations, runs the simulator, engine workers and the API, and on SIGINT/SIGTERM
 * stops everything it started, in reverse order.
 */
export async function startCommand(env: EngineEnv, log: Logger): Promise<void> {
  if (!existsSync(path.join(repoRoot, 'prisma/generated/prisma/client.ts'))) {
    throw new FixItError('the Prisma client is not generated yet: run `npm run build` (npm start does it for you)');
  }
  const cleanups: (() => Promise<void>)[] = [];
  let shuttingDown: Promise<void> | null = null;
  const shutdown = (code: number) => {
    shuttingDown ??= (async () => {
      log.info('stopping HM Trading…');
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((err: unknown) => log.warn('cleanup failed', { error: err }));
      log.info('stopped; bye');
      process.exit(code);
    })();
    return shuttingDown;
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const pg = env.DATABASE_URL
      ? null
      : await startEmbeddedPostgres({ dataDir: path.join(env.HM_DATA_DIR, 'postgres'), log: (l) => log.info(l) });
    if (pg) cleanups.push(() => pg.stop());
    const databaseUrl = env.DATABASE_URL ?? pg?.url ?? '';
    log.info(
      pg
        ? `embedded PostgreSQL on port ${pg.port} (data in ${path.join(env.HM_DATA_DIR, 'postgres')})`
        : 'using DATABASE_URL',
    );

    const redis = await ensureRedis({
      url: env.REDIS_URL,
      dataDir: path.join(env.HM_DATA_DIR, 'redis'),
      log: (l) => log.info(l),
    });
    cleanups.push(() => redis.stop());

    const applied = await applyMigrations(databaseUrl);
    log.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    const dashboardKey = await dashboardSignInKey(databaseUrl, env.HM_DATA_DIR, log);
    // Exchange credentials are sealed with this key; without HM_SECRETS_KEY one is kept in the data dir.
    const secretsKey = env.HM_SECRETS_KEY ?? (await ensureSecretsKey(env.HM_DATA_DIR));

    // A fixed simulator port: a restarted simulator comes back where the feed job points.
    const simPort = env.HM_SIM_PORT || (await freePort());
    const simUrl = `ws://127.0.0.1:${simPort}/realtime`;
    if (env.HM_FEED === 'simulator') await registerSimulatorAccount(databaseUrl, secretsKey, log);
    const childEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      PORT: String(env.PORT),
      HOST: env.HOST,
      HM_SIM_PORT: String(simPort),
      HM_SIM_URL: env.HM_SIM_URL ?? simUrl,
      HM_SECRETS_KEY: secretsKey,
    };
    const onGiveUp = () => void shutdown(1);
    const run = async (name: string, entry: string) => {
      const child = startChild({ name, entry, env: childEnv, log, onGiveUp });
      cleanups.push(() => child.stop());
      return child.ready;
    };

    let feedUrl: string;
    if (env.HM_FEED === 'simulator') {
      const sim = await run('simulator', ENTRY.simulator);
      feedUrl = sim.url ?? '';
    } else {
      feedUrl = BITMEX_ENDPOINTS[env.HM_FEED];
    }
    await Promise.all(Array.from({ length: env.HM_WORKERS }, (_, i) => run(`worker-${i + 1}`, ENTRY.worker)));
    await ensureFeedJob(redis.url, { feedUrl, symbols: env.HM_SYMBOLS, bookTable: env.HM_BOOK_TABLE });
    await ensureArchiveJobs(redis.url, env, log);
    const api = await run('api', ENTRY.api);

    const url = api.url ?? `http://${env.HOST}:${env.PORT}`;
    console.log('');
    console.log(`  HM Trading is running (feed: ${env.HM_FEED}, markets: ${env.HM_SYMBOLS.join(', ')})`);
    // The sign-in link sets the dashboard's key as an HttpOnly cookie and redirects to `/`.
    console.log(`  Dashboard: ${url}/auth/signin?key=${dashboardKey}`);
    console.log(`  GraphiQL:  ${url}/graphql`);
    console.log('  Press Ctrl-C to stop.');
    console.log('');
  } catch (err) {
    if (err instanceof FixItError) log.error(err.message);
    else log.error('start-up failed', { error: err });
    await shutdown(1);
  }
}

/** The simulator's built-in test account as the exchange account "Simulator" (LIVE sessions work offline). */
async function registerSimulatorAccount(databaseUrl: string, secretsKey: string, log: Logger): Promise<void> {
  const db = createDb(databaseUrl, { poolSize: 1 });
  try {
    await ensureSimulatorAccount(db, new SecretBox(secretsKey));
  } catch (err) {
    log.warn('could not register the simulator exchange account', { error: (err as Error).message });
  } finally {
    await db.$disconnect();
  }
}

/** The admin key the dashboard link carries (HM_DATA_DIR/dashboard.key; a new one when missing or revoked). */
async function dashboardSignInKey(databaseUrl: string, dataDir: string, log: Logger): Promise<string> {
  const db = createDb(databaseUrl, { poolSize: 1 });
  try {
    const { key, created } = await ensureDashboardKey(db, dataDir);
    if (created) log.info(`created the dashboard's admin API key (stored in ${path.join(dataDir, 'dashboard.key')})`);
    return key;
  } finally {
    await db.$disconnect();
  }
}

/**
 * The archive's jobs: the collector (unless HM_COLLECT=false) and, for simulator markets the archive
 * has no trades of, HM_HISTORY_DAYS of synthetic history ending now (book for the last day only:
 * weeks of book are large), so charts and backtests have data at once. Both run on the workers.
 */
async function ensureArchiveJobs(redisUrl: string, env: EngineEnv, log: Logger): Promise<void> {
  const store = openArchiveStore(env);
  const jobs: { name: string; data: ArchiveJob; jobId: string }[] = [];
  if (env.HM_COLLECT === 'true') {
    jobs.push({
      name: 'collect',
      data: { type: 'collect', exchange: 'bitmex', symbols: env.HM_SYMBOLS },
      jobId: archiveCollectJobId('bitmex', env.HM_SYMBOLS),
    });
  }
  if (env.HM_FEED === 'simulator' && env.HM_HISTORY_DAYS > 0) {
    const empty: string[] = [];
    for (const symbol of env.HM_SYMBOLS) {
      if ((await store.list(`bitmex/${symbol}/trades/`)).length === 0) empty.push(symbol);
    }
    if (empty.length > 0) {
      const toMs = Date.now();
      const fromMs = toMs - env.HM_HISTORY_DAYS * 86_400_000;
      log.info(
        `archive has no history for ${empty.join(', ')}: generating ${env.HM_HISTORY_DAYS} days in the background`,
      );
      jobs.push({
        name: 'generate',
        data: { type: 'generate', markets: empty, fromMs, toMs, seed: env.HM_SIM_SEED, bookFromMs: toMs - 86_400_000 },
        jobId: `generate-${empty.join('-')}-${toMs}`,
      });
    }
  }
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(QueueName.archive, { connection });
  try {
    for (const job of jobs) {
      await queue.add(job.name, ArchiveJob.parse(job.data), {
        jobId: job.jobId,
        removeOnComplete: true,
        removeOnFail: true,
      });
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Adds the feed's long-running job once; an identical job id makes a second add a no-op. */
async function ensureFeedJob(redisUrl: string, job: MarketDataJob): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(QueueName.marketData, { connection });
  try {
    const data = MarketDataJob.parse(job);
    // A job left by an earlier run (Redis outlives the stack) may point at another simulator port or
    // feed: it would reconnect there forever. This stack owns the feed queue of its Redis, so a stale
    // job goes, even one a dead worker still "holds" (force), before the workers start.
    const old = await queue.getJob(marketDataJobId(job.symbols));
    if (old && JSON.stringify(old.data) !== JSON.stringify(data)) await queue.obliterate({ force: true });
    await queue.add('feed', data, {
      jobId: marketDataJobId(job.symbols),
      removeOnComplete: true,
      removeOnFail: true,
    });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
