import type { ExchangeAccountRow } from '../../live/useExchangeAccounts';
import type { Mode } from '../session-model';
import { AccountPicker } from './AccountPicker';
import { FormField } from './FormField';
import { VenuePicker } from './VenuePicker';
import { LIVE_PHRASE, type Venue } from './venue-input';

const LABELS: Record<Mode, string> = {
  TEST: 'TEST — paper or testnet trading on live data',
  BACKTEST: 'BACKTEST — replay the archive',
  MARKET: 'MARKET — collect market data',
  LIVE: 'LIVE — real orders, real money',
};
const ORDER: Mode[] = ['TEST', 'BACKTEST', 'MARKET', 'LIVE'];

interface Props {
  mode: Mode;
  venue: Venue;
  accountId: string;
  confirmLive: string;
  accounts: readonly ExchangeAccountRow[];
  accountsError: string | null;
  accountsLoading: boolean;
  errors: Record<string, string>;
  onChange: (patch: { mode?: Mode; venue?: Venue; accountId?: string; confirmLive?: string }) => void;
}

/**
 * The mode and where its orders go. TEST chooses paper fills or a testnet/simulator account; LIVE
 * picks any account and cannot be submitted until the phrase is typed exactly.
 */
export function ModePicker({
  mode,
  venue,
  accountId,
  confirmLive,
  accounts,
  accountsError,
  accountsLoading,
  errors,
  onChange,
}: Props) {
  const picker = (m: 'TEST' | 'LIVE') => (
    <AccountPicker
      mode={m}
      accounts={accounts}
      loadError={accountsError}
      loading={accountsLoading}
      value={accountId}
      error={errors.accountId}
      onChange={(id) => onChange({ accountId: id })}
    />
  );
  return (
    <>
      <FormField label="Mode" htmlFor="session-mode" field="mode" error={errors.mode}>
        <select id="session-mode" value={mode} onChange={(e) => onChange({ mode: e.target.value as Mode })}>
          {ORDER.map((m) => (
            <option key={m} value={m}>
              {LABELS[m]}
            </option>
          ))}
        </select>
      </FormField>
      {mode === 'TEST' && (
        <>
          <VenuePicker value={venue} onChange={(v) => onChange({ venue: v })} />
          {errors.venue && <span className="field-error">{errors.venue}</span>}
          {venue === 'EXCHANGE' && picker('TEST')}
        </>
      )}
      {mode === 'LIVE' && (
        <div className="live-warning" role="note">
          <p>
            <strong>LIVE trading sends real orders</strong> to the exchange account below: on a MAINNET account they
            move real money. The session's risk limits are enforced, and the kill switch in the header halts it.
          </p>
          {picker('LIVE')}
          <FormField
            label={`Type “${LIVE_PHRASE}” to confirm`}
            htmlFor="confirm-live"
            field="confirmLive"
            error={errors.confirmLive}
          >
            <input
              id="confirm-live"
              value={confirmLive}
              autoComplete="off"
              spellCheck={false}
              placeholder={LIVE_PHRASE}
              data-testid="confirm-live"
              onChange={(e) => onChange({ confirmLive: e.target.value })}
            />
          </FormField>
        </div>
      )}
    </>
  );
}
