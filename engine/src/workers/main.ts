/**
 * An engine worker process: consumes the engine's BullMQ queues until SIGINT/SIGTERM (or its
 * parent going away), then cancels running jobs, lets them finish cleanly and exits.
 */
import { createDb } from '@hm/db';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { openArchiveStore } from '../archive/open-store.js';
import { QueueName } from '../contracts/queues.js';
import { readEngineEnv } from '../env.js';
import { createLogger } from '../log.js';
import { startSweeper } from '../sessions/sweeper.js';
import { archiveProcessor } from './archive.worker.js';
import { backtestProcessor } from './backtest.worker.js';
import { marketDataProcessor } from './market-data.worker.js';
import { sessionProcessor } from './session.worker.js';

const env = readEngineEnv();
const log = createLogger(`worker:${process.pid}`, env.LOG_LEVEL);
if (!env.REDIS_URL) {
  log.error('REDIS_URL is required for a worker (hm start sets it)');
  process.exit(2);
}

const archiveStore = openArchiveStore(env);
// Workers block on Redis: BullMQ requires maxRetriesPerRequest null for their connection.
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const publisherRedis = new Redis(env.REDIS_URL);

const worker = new Worker(QueueName.marketData, marketDataProcessor(publisherRedis, log, archiveStore), {
  connection,
  // Each market-data job holds a feed open for its lifetime; several feeds may share a worker.
  concurrency: 8,
  // A feed job lives for hours: when its worker is killed, another must take it over within
  // seconds (lock 10 s, checked every 5 s), and however often that happens it is not "failed".
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 1_000_000,
});
// Archive jobs: the collector lives as long as the feed; history generation runs once, for minutes.
const archiveConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const archiveWorker = new Worker(QueueName.archive, archiveProcessor(env.REDIS_URL, archiveStore, log), {
  connection: archiveConnection,
  concurrency: 4,
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 1_000_000,
});
// Backtests: CPU-bound, one at a time per worker process (run more workers to run more at once).
const db = env.DATABASE_URL ? createDb(env.DATABASE_URL, { poolSize: 2 }) : null;
const backtestConnection = db ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }) : null;
const backtestWorker =
  db && backtestConnection
    ? new Worker(QueueName.backtest, backtestProcessor(db, publisherRedis, archiveStore, log), {
        connection: backtestConnection,
        concurrency: 1,
        // A run yields at every archive segment, so the lock renews; a killed worker's job is
        // moved back to waiting within ~15 s and rerun from the start by another worker.
        lockDuration: 10_000,
        stalledInterval: 5_000,
        maxStalledCount: 3,
      })
    : null;
// Sessions (TEST, MARKET): long-lived jobs, mostly waiting on the feed; many share a worker.
const sessionDb = env.DATABASE_URL ? createDb(env.DATABASE_URL, { poolSize: 4 }) : null;
const sessionConnection = sessionDb ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }) : null;
const sessionWorker =
  sessionDb && sessionConnection
    ? new Worker(
        QueueName.session,
        sessionProcessor({
          db: sessionDb,
          redis: publisherRedis,
          archive: archiveStore,
          log,
          live: { secretsKey: env.HM_SECRETS_KEY, simulatorUrl: env.HM_SIM_URL, deadManMs: env.HM_DEADMAN_MS },
        }),
        {
          connection: sessionConnection,
          concurrency: 16,
          // Like a feed job: a killed worker's sessions move to another within ~15 s (lock 10 s,
          // checked every 5 s), and however often that happens the job is not "failed".
          lockDuration: 10_000,
          stalledInterval: 5_000,
          maxStalledCount: 1_000_000,
        },
      )
    : null;
// Sessions whose worker died for good are failed; those whose job vanished are queued again.
const sweeperConnection = sessionDb ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }) : null;
const sessionQueue = sweeperConnection ? new Queue(QueueName.session, { connection: sweeperConnection }) : null;
const sweeper =
  sessionDb && sessionQueue
    ? startSweeper({ db: sessionDb, queue: sessionQueue, redis: publisherRedis, log: log.child('sweeper') })
    : null;
if (!db) log.warn('DATABASE_URL not set: this worker does not take backtests or sessions');
const workers = [
  worker,
  archiveWorker,
  ...(backtestWorker ? [backtestWorker] : []),
  ...(sessionWorker ? [sessionWorker] : []),
];
for (const w of workers) {
  w.on('error', (err) => log.error('worker error', { error: err }));
  w.on('failed', (job, err) => log.error('job failed', { jobId: job?.id, error: err }));
}

await Promise.all(workers.map((w) => w.waitUntilReady()));
log.info('engine worker ready', { queues: workers.map((w) => w.name) });
process.send?.({ type: 'ready' });

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('engine worker stopping', { reason });
  await sweeper?.stop();
  // Cancelled sessions are not stopped: they stay RUNNING and go back to the queue for another worker.
  for (const w of workers) w.cancelAllJobs(reason);
  await Promise.all(workers.map((w) => w.close()));
  await sessionQueue?.close();
  sweeperConnection?.disconnect();
  archiveConnection.disconnect();
  backtestConnection?.disconnect();
  sessionConnection?.disconnect();
  await db?.$disconnect();
  await sessionDb?.$disconnect();
  publisherRedis.disconnect();
  connection.disconnect();
  log.info('engine worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('disconnect', () => void shutdown('parent exited'));
