/** Pure rules about exchange accounts shared by the accounts panel, the session dialog and cards. */

export type Network = 'MAINNET' | 'TESTNET' | 'SIMULATOR';

/** In the order the Add account form offers them (the safe ones first). */
export const NETWORKS: readonly Network[] = ['TESTNET', 'SIMULATOR', 'MAINNET'];

export const NETWORK_LABEL: Record<Network, string> = {
  MAINNET: 'mainnet',
  TESTNET: 'testnet',
  SIMULATOR: 'simulator',
};

export interface AccountLike {
  id: string;
  name: string;
  network: Network;
  keyHint?: string;
  revokedAt?: unknown;
}

/** Whether orders on this network move real money. */
export const isRealMoney = (network: string | null | undefined): boolean => network === 'MAINNET';

/**
 * The accounts a session of `mode` may trade on: never a revoked one, and a TEST session never a
 * MAINNET one (TEST means no real money; the API refuses it too).
 */
export function pickableAccounts<T extends AccountLike>(accounts: readonly T[], mode: string): T[] {
  return accounts.filter((a) => !a.revokedAt && (mode === 'LIVE' || !isRealMoney(a.network)));
}

/** `Simulator · simulator · key abcd…` (the API's hint ends in `…`); a MAINNET account says it trades real money. */
export function accountOptionLabel(a: AccountLike): string {
  const parts = [a.name, isRealMoney(a.network) ? 'MAINNET — real money' : NETWORK_LABEL[a.network]];
  if (a.keyHint) parts.push(`key ${a.keyHint}`);
  return parts.join(' · ');
}

export interface NewAccountForm {
  name: string;
  network: Network;
  apiKey: string;
  apiSecret: string;
}

/** Checks the Add account form like the API (name 1–100 characters, key id and secret ≥ 8). */
export function accountFormErrors(f: NewAccountForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = f.name.trim();
  if (name.length === 0 || name.length > 100) errors.name = '1 to 100 characters';
  if (f.apiKey.trim().length < 8) errors.apiKey = 'the API key id (at least 8 characters)';
  if (f.apiSecret.trim().length < 8) errors.apiSecret = 'the API secret (at least 8 characters)';
  return errors;
}
