import { existsSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, freePort, startEmbeddedPostgres } from '@hm/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MarketDataJob, marketDataJobId, QueueName } from '../../contracts/queues.js';
import { BITMEX_ENDPOINTS, type EngineEnv } from '../../env.js';
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

    // A fixed simulator port: a restarted simulator comes back where the feed job points.
    const simPort = env.HM_SIM_PORT || (await freePort());
    const childEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      PORT: String(env.PORT),
      HOST: env.HOST,
      HM_SIM_PORT: String(simPort),
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
    const api = await run('api', ENTRY.api);

    const url = api.url ?? `http://${env.HOST}:${env.PORT}`;
    console.log('');
    console.log(`  HM Trading is running (feed: ${env.HM_FEED}, markets: ${env.HM_SYMBOLS.join(', ')})`);
    console.log(`  Dashboard: ${url}/`);
    console.log(`  GraphiQL:  ${url}/graphql`);
    console.log('  Press Ctrl-C to stop.');
    console.log('');
  } catch (err) {
    if (err instanceof FixItError) log.error(err.message);
    else log.error('start-up failed', { error: err });
    await shutdown(1);
  }
}

/** Adds the feed's long-running job once; an identical job id makes a second add a no-op. */
async function ensureFeedJob(redisUrl: string, job: MarketDataJob): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(QueueName.marketData, { connection });
  try {
    await queue.add('feed', MarketDataJob.parse(job), {
      jobId: marketDataJobId(job.symbols),
      removeOnComplete: true,
      removeOnFail: true,
    });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
