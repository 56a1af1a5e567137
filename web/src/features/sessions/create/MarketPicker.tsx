import type { MarketInfo } from '../../../lib/markets';
import { FormField } from './FormField';

interface Props {
  markets: readonly MarketInfo[];
  /** Number of legs; null = any number (MARKET collectors). */
  legs: number | null;
  value: string[];
  errors: Record<string, string>;
  onChange: (markets: string[]) => void;
}

const LEG_LABEL = ['Market (leg 1)', 'Market (leg 2)'];

/** One select per leg, or checkboxes for a collector that records several markets. */
export function MarketPicker({ markets, legs, value, errors, onChange }: Props) {
  if (legs === null) {
    const toggle = (symbol: string, on: boolean) =>
      onChange(on ? [...value, symbol] : value.filter((m) => m !== symbol));
    return (
      <FormField label="Markets to collect" field="markets" error={errors.markets ?? errors['markets[0]']}>
        <div className="checkbox-grid">
          {markets.map((m) => (
            <label key={m.symbol} className="checkbox">
              <input
                type="checkbox"
                checked={value.includes(m.symbol)}
                onChange={(e) => toggle(m.symbol, e.target.checked)}
              />
              {m.symbol}
            </label>
          ))}
        </div>
      </FormField>
    );
  }
  return (
    <div className="form-row">
      {Array.from({ length: legs }, (_, i) => {
        const id = `market-${i}`;
        return (
          <FormField
            key={id}
            htmlFor={id}
            field={`markets[${i}]`}
            label={legs === 1 ? 'Market' : (LEG_LABEL[i] ?? `Market ${i + 1}`)}
            error={errors[`markets[${i}]`] ?? (i === 0 ? errors.markets : undefined)}
          >
            <select
              id={id}
              value={value[i] ?? ''}
              onChange={(e) => {
                const next = [...value];
                next[i] = e.target.value;
                onChange(next.slice(0, legs));
              }}
            >
              <option value="">Choose…</option>
              {markets.map((m) => (
                <option key={m.symbol} value={m.symbol}>
                  {m.symbol} · {m.kind.toLowerCase()} · {m.settleCurrency}
                </option>
              ))}
            </select>
          </FormField>
        );
      })}
    </div>
  );
}
