import type { CreateForm } from './create-input';
import { FormField } from './FormField';

type FeeKeys = 'makerFeePct' | 'takerFeePct' | 'latencyMs' | 'initialBalance';

interface Props {
  form: Pick<CreateForm, FeeKeys>;
  settleCurrency: string | null;
  errors: Record<string, string>;
  onChange: (key: FeeKeys, value: string) => void;
}

/** Optional fees (percent of contract value, negative = rebate), latency and starting balance. */
export function FeesFields({ form, settleCurrency, errors, onChange }: Props) {
  const input = (key: FeeKeys, field: string, label: string, placeholder: string, help: string, step = 'any') => (
    <FormField label={label} htmlFor={`fee-${key}`} field={field} error={errors[field]} help={help}>
      <input
        id={`fee-${key}`}
        type="number"
        step={step}
        placeholder={placeholder}
        value={form[key]}
        onChange={(e) => onChange(key, e.target.value)}
      />
    </FormField>
  );
  return (
    <details className="fees-fields">
      <summary>Fees, latency and balance (optional)</summary>
      <div className="form-row">
        {input('makerFeePct', 'fees.makerFee', 'Maker fee (%)', 'instrument default', 'e.g. -0.025 = 0.025 % rebate')}
        {input('takerFeePct', 'fees.takerFee', 'Taker fee (%)', 'instrument default', 'e.g. 0.075')}
      </div>
      <div className="form-row">
        {input('latencyMs', 'fees.latencyMs', 'Order latency (ms)', 'default', 'simulated, 0 – 60,000', '1')}
        {input(
          'initialBalance',
          'initialBalance',
          `Initial balance${settleCurrency ? ` (${settleCurrency})` : ''}`,
          'default',
          'settlement currency; default 1 XBT / 100,000 USDT',
        )}
      </div>
    </details>
  );
}
