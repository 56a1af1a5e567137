/** The API as a process (`hm start` runs it): serves until SIGINT/SIGTERM, then closes cleanly. */
import { createLogger } from '@hm/engine/log';
import { startApp } from './app.js';
import { benchProbe } from './bench-probe.js';
import { limitsFromEnv, readApiEnv } from './env.js';

const env = readApiEnv();
const log = createLogger('api', env.LOG_LEVEL);
const app = await startApp({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  port: env.PORT,
  host: env.HOST,
  webDist: env.HM_WEB_DIST,
  log,
  limits: limitsFromEnv(env),
  ...(env.HM_BENCH_PROBE ? { onNext: benchProbe() } : {}),
});
log.info('api listening', { url: app.url });
process.send?.({ type: 'ready', url: app.url });

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('api stopping', { reason });
  await app.stop();
  log.info('api stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('disconnect', () => void shutdown('parent exited'));
