import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SecretBox } from './secret-box.js';

/** File under HM_DATA_DIR holding the generated secrets key (mode 0600; `.data/` is git-ignored). */
export const SECRETS_KEY_FILE = 'secrets.key';

/**
 * The key `hm start` encrypts exchange credentials with when HM_SECRETS_KEY is unset: read from
 * `dataDir/secrets.key`, or generated there on first run (owner-only). Losing the file makes stored
 * credentials unreadable (they must be added again), never readable by someone else.
 */
export async function ensureSecretsKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, SECRETS_KEY_FILE);
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (stored) {
    new SecretBox(stored); // a damaged file fails here with the fix-it message
    return stored;
  }
  const key = SecretBox.generateKey();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return key;
}
