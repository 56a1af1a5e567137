import type { Db } from '@hm/db';
import { defaultTestAccount } from '../simulator/private/accounts.js';
import { createExchangeAccount } from './exchange-accounts.js';
import { type SecretBox, SecretBoxError } from './secret-box.js';

/** Name of the exchange account `hm start` registers for the local simulator. */
export const SIMULATOR_ACCOUNT_NAME = 'Simulator';

/**
 * Registers the local simulator's built-in test account (its published test key, worthless outside
 * the simulator) as the exchange account "Simulator", once, so LIVE sessions can be tried offline
 * right after `npm start`. When the stored one was sealed under another HM_SECRETS_KEY (a new data
 * dir on the same database), it is sealed again under this one: these credentials are public, so
 * nothing is disclosed, and the account keeps working. A revoked one stays revoked. Returns its id.
 */
export async function ensureSimulatorAccount(db: Db, box: SecretBox, name = SIMULATOR_ACCOUNT_NAME): Promise<string> {
  const sim = defaultTestAccount();
  const existing = await db.exchangeAccount.findUnique({ where: { name } });
  if (existing) {
    if (existing.revokedAt || existing.network !== 'SIMULATOR' || opens(box, existing.apiSecretCipher))
      return existing.id;
    await db.exchangeAccount.update({
      where: { id: existing.id },
      data: { apiKeyCipher: box.seal(sim.apiKey), apiSecretCipher: box.seal(sim.apiSecret) },
    });
    return existing.id;
  }
  const created = await createExchangeAccount(db, box, {
    name,
    network: 'SIMULATOR',
    apiKey: sim.apiKey,
    apiSecret: sim.apiSecret,
  });
  return created.id;
}

function opens(box: SecretBox, sealed: string): boolean {
  try {
    box.open(sealed);
    return true;
  } catch (err) {
    if (err instanceof SecretBoxError) return false;
    throw err;
  }
}
