import { FormField } from './FormField';

interface StrategyOption {
  name: string;
  description: string;
  legs: number;
}

interface Props {
  strategies: readonly StrategyOption[];
  value: string;
  error: string | undefined;
  onChange: (name: string) => void;
}

/** The strategy select (only those supporting the chosen mode), its description as help. */
export function StrategyField({ strategies, value, error, onChange }: Props) {
  const current = strategies.find((s) => s.name === value);
  return (
    <FormField label="Strategy" htmlFor="session-strategy" field="strategy" error={error} help={current?.description}>
      <select id="session-strategy" value={value} onChange={(e) => onChange(e.target.value)}>
        {strategies.length === 0 && <option value="">no strategy runs in this mode</option>}
        {strategies.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name} ({s.legs === 2 ? '2 legs' : '1 market'})
          </option>
        ))}
      </select>
    </FormField>
  );
}
