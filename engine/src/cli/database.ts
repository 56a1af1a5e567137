import path from 'node:path';
import { applyMigrations, createDb, type Db, runningEmbeddedPostgresUrl, startEmbeddedPostgres } from '@hm/db';
import type { EngineEnv } from '../env.js';
import type { Logger } from '../log.js';

/** A migrated database for one CLI command; `close()` disconnects and stops what was started. */
export interface CliDatabase {
  readonly db: Db;
  close(): Promise<void>;
}

/**
 * The database a CLI command works on, as `hm start` and `npm run db:migrate` find it: DATABASE_URL,
 * else the embedded Postgres under HM_DATA_DIR (the running one when `hm start` has it up, else
 * started for the command and stopped after). Migrations are applied first.
 */
export async function openCliDatabase(env: EngineEnv, log: Logger): Promise<CliDatabase> {
  const dataDir = path.join(env.HM_DATA_DIR, 'postgres');
  const running = env.DATABASE_URL ? null : await runningEmbeddedPostgresUrl(dataDir);
  const embedded =
    env.DATABASE_URL || running ? null : await startEmbeddedPostgres({ dataDir, log: (l) => log.info(l) });
  const url = env.DATABASE_URL ?? running ?? embedded?.url ?? '';
  try {
    const applied = await applyMigrations(url);
    if (applied.length) log.info(`applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const db = createDb(url, { poolSize: 1 });
  return {
    db,
    async close() {
      await db.$disconnect();
      await embedded?.stop();
    },
  };
}
