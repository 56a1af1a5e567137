import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@hm/db';
import { createApiKey, findApiKey } from './api-keys.js';

/** File under HM_DATA_DIR holding the dashboard's key (mode 0600; `.data/` is git-ignored). */
export const DASHBOARD_KEY_FILE = 'dashboard.key';

/**
 * The admin key `hm start` prints the dashboard's sign-in link with. Reuses the one stored in
 * `dataDir/dashboard.key` while the database still accepts it; otherwise (first run, key revoked,
 * another database) creates an admin key named `dashboard` and stores it there, readable by the
 * owner only. Returns the key and whether it was just created.
 */
export async function ensureDashboardKey(db: Db, dataDir: string): Promise<{ key: string; created: boolean }> {
  const file = path.join(dataDir, DASHBOARD_KEY_FILE);
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (stored && (await findApiKey(db, stored))) return { key: stored, created: false };
  const { key } = await createApiKey(db, { scope: 'admin', name: 'dashboard' });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an older file keeps its own otherwise.
  await chmod(file, 0o600);
  return { key, created: true };
}
