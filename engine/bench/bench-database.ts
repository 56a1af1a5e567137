import path from 'node:path';
import { applyMigrations, createDb, startEmbeddedPostgres } from '@hm/db';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys.js';

/** The database the bench's API checks its key against, and that key. */
export interface BenchDatabase {
  readonly url: string;
  /** A read key for the bench's graphql-ws clients. */
  readonly apiKey: string;
  /** Revokes the key and stops the private Postgres, if one was started. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL, else a private embedded Postgres under `dir`; migrated, with a fresh read key made
 * through createApiKey (the API refuses subscriptions without one).
 */
export async function startBenchDatabase(dir: string): Promise<BenchDatabase> {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres') });
  const url = process.env.DATABASE_URL ?? pg?.url ?? '';
  await applyMigrations(url);
  const db = createDb(url, { poolSize: 1 });
  const { id, key } = await createApiKey(db, { scope: 'read', name: 'bench' });
  return {
    url,
    apiKey: key,
    async close() {
      await revokeApiKey(db, id).catch(() => null);
      await db.$disconnect();
      await pg?.stop();
    },
  };
}
