import type { Mode } from '../session-model';
import { FormField } from './FormField';

const LABELS: Record<Mode, string> = {
  TEST: 'TEST — paper trading on live data',
  BACKTEST: 'BACKTEST — replay the archive',
  MARKET: 'MARKET — collect market data',
  LIVE: 'LIVE — real orders, real money',
};
const ORDER: Mode[] = ['TEST', 'BACKTEST', 'MARKET', 'LIVE'];

interface Props {
  mode: Mode;
  name: string;
  confirmName: string;
  errors: Record<string, string>;
  onMode: (mode: Mode) => void;
  onConfirmName: (text: string) => void;
}

/** The mode; LIVE needs the session name typed again before it can be submitted. */
export function ModePicker({ mode, name, confirmName, errors, onMode, onConfirmName }: Props) {
  return (
    <>
      <FormField label="Mode" htmlFor="session-mode" field="mode" error={errors.mode}>
        <select id="session-mode" value={mode} onChange={(e) => onMode(e.target.value as Mode)}>
          {ORDER.map((m) => (
            <option key={m} value={m}>
              {LABELS[m]}
            </option>
          ))}
        </select>
      </FormField>
      {mode === 'LIVE' && (
        <div className="live-warning" role="note">
          <strong>LIVE trading sends real orders.</strong> Type the session name <b>{name}</b> to confirm.
          <FormField label="Session name again" htmlFor="confirm-name" field="confirmName" error={errors.confirmName}>
            <input
              id="confirm-name"
              value={confirmName}
              autoComplete="off"
              onChange={(e) => onConfirmName(e.target.value)}
            />
          </FormField>
        </div>
      )}
    </>
  );
}
