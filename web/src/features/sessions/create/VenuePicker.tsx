import type { Venue } from './venue-input';

const CHOICES: { value: Venue; label: string }[] = [
  { value: 'SIMULATED', label: 'Paper (simulated fills)' },
  { value: 'EXCHANGE', label: 'Exchange (testnet or simulator account)' },
];

/** TEST only: simulated fills (the default), or real orders on a testnet or simulator account. */
export function VenuePicker({ value, onChange }: { value: Venue; onChange: (v: Venue) => void }) {
  return (
    <fieldset className="venue-picker" data-testid="venue-picker" data-field="venue">
      <legend>Venue</legend>
      {CHOICES.map((c) => (
        <label key={c.value} className="checkbox">
          <input
            type="radio"
            name="session-venue"
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
