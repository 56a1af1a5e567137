import { accountOptionLabel, isRealMoney, pickableAccounts } from '../../live/accounts';
import type { ExchangeAccountRow } from '../../live/useExchangeAccounts';
import { FormField } from './FormField';

interface Props {
  mode: 'TEST' | 'LIVE';
  accounts: readonly ExchangeAccountRow[];
  /** Why the accounts could not be listed (e.g. a key without the admin scope). */
  loadError: string | null;
  loading: boolean;
  value: string;
  error: string | undefined;
  onChange: (id: string) => void;
}

/**
 * The exchange account to trade on: revoked ones are never offered, TEST sees only testnet and
 * simulator accounts, and MAINNET ones say "real money". Nothing is preselected: trading on an
 * account is always an explicit choice.
 */
export function AccountPicker({ mode, accounts, loadError, loading, value, error, onChange }: Props) {
  const offered = pickableAccounts(accounts, mode);
  const chosen = offered.find((a) => a.id === value);
  const help =
    loadError ??
    (offered.length === 0
      ? loading
        ? 'loading accounts…'
        : `no ${mode === 'TEST' ? 'testnet or simulator ' : ''}account: add one in the Accounts tab`
      : chosen && isRealMoney(chosen.network)
        ? 'MAINNET: this session trades real money'
        : undefined);
  return (
    <FormField label="Exchange account" htmlFor="session-account" field="accountId" error={error} help={help}>
      <select
        id="session-account"
        value={chosen ? value : ''}
        data-testid="account-picker"
        className={chosen && isRealMoney(chosen.network) ? 'real-money-select' : ''}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Choose an account…</option>
        {offered.map((a) => (
          <option key={a.id} value={a.id}>
            {accountOptionLabel(a)}
          </option>
        ))}
      </select>
    </FormField>
  );
}
