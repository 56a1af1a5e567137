/** What the kill switch's result means for people (pure: the modal and its test share it). */

/** What the user types to pull it (the API wants the same word). */
export const KILL_PHRASE = 'KILL';

export interface KillResult {
  sessionsHalted: number;
  accounts: readonly { accountId: string; network: string; cancelled: number; error?: string | null }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * One line for the toast: sessions halted, then per account the orders cancelled or why it could
 * not be reached (named from `names` when known). `ok` is false when any account failed: its
 * orders may still be working, so the toast must read as an error.
 */
export function killSummary(r: KillResult, names: ReadonlyMap<string, string>): { ok: boolean; message: string } {
  const parts = [`Kill switch: ${plural(r.sessionsHalted, 'session')} halted`];
  for (const a of r.accounts) {
    const who = `${names.get(a.accountId) ?? a.accountId.slice(0, 8)} (${a.network.toLowerCase()})`;
    parts.push(a.error ? `${who}: FAILED — ${a.error}` : `${who}: ${plural(a.cancelled, 'order')} cancelled`);
  }
  if (r.accounts.length === 0) parts.push('no exchange account to cancel on');
  return { ok: r.accounts.every((a) => !a.error), message: parts.join('; ') };
}
