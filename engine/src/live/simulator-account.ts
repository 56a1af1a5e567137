import type { Db } from '@hm/db';
import { defaultTestAccount } from '../simulator/private/accounts.js';
import { createExchangeAccount } from './exchange-accounts.js';
import type { SecretBox } from './secret-box.js';

/** Name of the exchange account `hm start` registers for the local simulator. */
export const SIMULATOR_ACCOUNT_NAME = 'Simulator';

/**
 * Registers the local simulator's built-in test account (its published test key, worthless outside
 * the simulator) as the exchange account "Simulator", once, so LIVE sessions can be tried offline
 * right after `npm start`. Returns its id.
 */
export async function ensureSimulatorAccount(db: Db, box: SecretBox): Promise<string> {
  const existing = await db.exchangeAccount.findUnique({ where: { name: SIMULATOR_ACCOUNT_NAME } });
  if (existing) return existing.id;
  const sim = defaultTestAccount();
  const created = await createExchangeAccount(db, box, {
    name: SIMULATOR_ACCOUNT_NAME,
    network: 'SIMULATOR',
    apiKey: sim.apiKey,
    apiSecret: sim.apiSecret,
  });
  return created.id;
}
