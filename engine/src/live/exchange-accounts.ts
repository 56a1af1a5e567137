/**
 * Exchange accounts: the one place exchange API credentials are stored and read back. Key id and
 * secret are sealed with {@link SecretBox} before they reach the database; lists show a 4-character
 * hint of the key id and never the secret.
 */
import type { Db, ExchangeNetwork } from '@hm/db';
import { z } from 'zod';
import type { SecretBox } from './secret-box.js';

export const EXCHANGE_NETWORKS = ['MAINNET', 'TESTNET', 'SIMULATOR'] as const;

/** What creating an account takes (validated here: CLI and API hand it over as typed). */
export const NewExchangeAccount = z.object({
  name: z.string().trim().min(1).max(100),
  network: z.enum(EXCHANGE_NETWORKS),
  /** BitMEX API key id (24 characters on BitMEX; the simulator's are free-form). */
  apiKey: z.string().trim().min(8).max(200),
  apiSecret: z.string().trim().min(8).max(500),
});
export type NewExchangeAccount = z.infer<typeof NewExchangeAccount>;

/** An account as lists and the API show it. */
export interface ExchangeAccountInfo {
  id: string;
  name: string;
  network: ExchangeNetwork;
  /** First 4 characters of the key id, then `…`. */
  keyHint: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Credentials for one run: held in memory by the venue only, never logged. */
export interface ExchangeCredentials {
  accountId: string;
  network: ExchangeNetwork;
  apiKey: string;
  apiSecret: string;
}

/** An account name already taken, or an id that names no usable account. */
export class ExchangeAccountError extends Error {
  override name = 'ExchangeAccountError';
}

const info = (row: ExchangeAccountInfo): ExchangeAccountInfo => ({
  id: row.id,
  name: row.name,
  network: row.network,
  keyHint: row.keyHint,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/** Stores a new account with its credentials sealed. */
export async function createExchangeAccount(
  db: Db,
  box: SecretBox,
  input: NewExchangeAccount,
): Promise<ExchangeAccountInfo> {
  const a = NewExchangeAccount.parse(input);
  if (await db.exchangeAccount.findUnique({ where: { name: a.name } }))
    throw new ExchangeAccountError(`an exchange account named "${a.name}" exists already`);
  const row = await db.exchangeAccount.create({
    data: {
      name: a.name,
      network: a.network,
      keyHint: `${a.apiKey.slice(0, 4)}…`,
      apiKeyCipher: box.seal(a.apiKey),
      apiSecretCipher: box.seal(a.apiSecret),
    },
  });
  return info(row);
}

/** Every account, newest first (revoked ones included, marked). */
export async function listExchangeAccounts(db: Db): Promise<ExchangeAccountInfo[]> {
  const rows = await db.exchangeAccount.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map(info);
}

/** Revokes an account: its sessions can no longer start; its ciphertexts are wiped. */
export async function revokeExchangeAccount(db: Db, id: string): Promise<ExchangeAccountInfo> {
  const row = await db.exchangeAccount.findUnique({ where: { id } });
  if (!row) throw new ExchangeAccountError(`no exchange account ${id}`);
  const updated = await db.exchangeAccount.update({
    where: { id },
    data: { revokedAt: row.revokedAt ?? new Date(), apiKeyCipher: '', apiSecretCipher: '' },
  });
  return info(updated);
}

/** The usable account `id` with its credentials opened, for a session about to trade. */
export async function loadCredentials(db: Db, box: SecretBox, id: string): Promise<ExchangeCredentials> {
  const row = await db.exchangeAccount.findUnique({ where: { id } });
  if (!row) throw new ExchangeAccountError(`no exchange account ${id}`);
  if (row.revokedAt) throw new ExchangeAccountError(`exchange account "${row.name}" is revoked`);
  return {
    accountId: row.id,
    network: row.network,
    apiKey: box.open(row.apiKeyCipher),
    apiSecret: box.open(row.apiSecretCipher),
  };
}

/** Every usable account with credentials (the kill switch cancels on all of them). */
export async function loadAllCredentials(db: Db, box: SecretBox): Promise<ExchangeCredentials[]> {
  const rows = await db.exchangeAccount.findMany({ where: { revokedAt: null }, select: { id: true } });
  return Promise.all(rows.map((r) => loadCredentials(db, box, r.id)));
}
