import type { Db } from '@hm/db';
import { findApiKey } from '@hm/engine/auth';
import type { Logger } from '@hm/engine/log';
import type { Auth, KeyStatus } from '../context.js';

/**
 * Checks a presented key against the database (engine/src/auth/api-keys.ts). A database that does
 * not answer is `unavailable`, not an error: public fields (`health`) keep answering.
 */
export async function authenticate(
  db: Db,
  key: string | null,
  log: Logger,
): Promise<{ auth: Auth | null; key: KeyStatus }> {
  if (!key) return { auth: null, key: 'none' };
  try {
    const found = await findApiKey(db, key);
    if (!found) return { auth: null, key: 'invalid' };
    return { auth: { keyId: found.id, name: found.name, scope: found.scope }, key: 'valid' };
  } catch (err) {
    log.warn('API key not checked: the database did not answer', { error: err });
    return { auth: null, key: 'unavailable' };
  }
}
