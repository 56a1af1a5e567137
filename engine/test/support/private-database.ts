import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '@hm/db';
import { migrate } from './global-setup.js';

/**
 * A migrated database of its own on the test run's Postgres, for tests whose processes scan every
 * session (the workers' sweeper): other files' sessions must not meet them. `drop()` removes it.
 */
export async function privateDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hm_test_${randomUUID().replaceAll('-', '')}`;
  const admin: Db = createDb(serverUrl, { poolSize: 1 });
  try {
    await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.$disconnect();
  }
  const url = serverUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  migrate(url);
  return {
    url,
    async drop() {
      const again = createDb(serverUrl, { poolSize: 1 });
      try {
        await again.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.$disconnect();
      }
    },
  };
}
