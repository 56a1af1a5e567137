import { type AccountLike, isRealMoney } from '../../live/accounts';
import type { Mode } from '../session-model';
import { type RiskForm, type RiskInput, riskOf } from './risk-input';

/** What a LIVE session's creator types (the API checks the same text: `confirmLive`). */
export const LIVE_PHRASE = 'I understand this trades real money';

export type Venue = 'SIMULATED' | 'EXCHANGE';

/** The part of the form that says where a TEST or LIVE session trades and under which limits. */
export interface VenueForm {
  mode: Mode;
  venue: Venue;
  accountId: string;
  confirmLive: string;
  risk: RiskForm;
}

export interface VenueInput {
  venue?: Venue;
  accountId?: string;
  risk?: RiskInput;
  confirmLive?: string;
}

/** Whether the session sends orders to an exchange account (LIVE always; TEST when chosen). */
export const onExchange = (f: Pick<VenueForm, 'mode' | 'venue'>): boolean =>
  f.mode === 'LIVE' || (f.mode === 'TEST' && f.venue === 'EXCHANGE');

/**
 * The venue, account, risk limits and LIVE confirmation to send, checked like the API: LIVE needs
 * the phrase typed exactly and an account; an exchange TEST needs a non-MAINNET account. Nothing
 * for BACKTEST and MARKET (they never trade), and only typed limits for paper. Errors are keyed
 * like InputError fields (`accountId`, `confirmLive`, `risk.maxPosition`).
 */
export function venueInputOf(
  f: VenueForm,
  accounts: readonly AccountLike[],
  errors: Record<string, string>,
): VenueInput {
  if (f.mode !== 'TEST' && f.mode !== 'LIVE') return {};
  const risk = riskOf(f.risk, errors);
  const out: VenueInput = risk ? { risk } : {};
  if (!onExchange(f)) return out;
  const account = accounts.find((a) => a.id === f.accountId);
  if (!f.accountId) errors.accountId = 'pick an exchange account';
  else if (!account) errors.accountId = 'this account is not available (revoked?)';
  else if (account.revokedAt) errors.accountId = `“${account.name}” is revoked`;
  else if (f.mode === 'TEST' && isRealMoney(account.network))
    errors.accountId = 'TEST sessions trade on testnet or the simulator, never MAINNET';
  out.accountId = f.accountId;
  if (f.mode === 'TEST') return { venue: 'EXCHANGE', ...out };
  if (f.confirmLive.trim() !== LIVE_PHRASE) errors.confirmLive = `type “${LIVE_PHRASE}” exactly`;
  return { ...out, confirmLive: f.confirmLive.trim() };
}
