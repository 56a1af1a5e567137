import type { Db } from '@hm/db';
import { InputError } from './errors.js';
import type { SessionInput } from './session-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The exchange account a session names must exist, not be revoked, and suit the mode: TEST
 * sessions never trade on a MAINNET account (TEST means no real money).
 */
export async function checkExchangeAccount(db: Db, input: SessionInput): Promise<void> {
  const onExchange = input.mode === 'LIVE' || input.venue === 'EXCHANGE';
  if (!onExchange || !input.accountId) return;
  if (!UUID.test(input.accountId)) throw new InputError('accountId is not an exchange account id', 'accountId');
  const account = await db.exchangeAccount.findUnique({ where: { id: input.accountId } });
  if (!account) throw new InputError(`no exchange account ${input.accountId}`, 'accountId');
  if (account.revokedAt) throw new InputError(`exchange account "${account.name}" is revoked`, 'accountId');
  if (input.mode === 'TEST' && account.network === 'MAINNET')
    throw new InputError(
      `TEST sessions trade on testnet or the simulator; "${account.name}" is a MAINNET account`,
      'accountId',
    );
}
