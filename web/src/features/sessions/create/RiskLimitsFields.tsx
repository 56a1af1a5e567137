import { formatDecimal } from '../../../lib/format';
import { FormField } from './FormField';
import { defaultRisk, RISK_KEYS, type RiskForm, type RiskKey } from './risk-input';

interface Props {
  value: RiskForm;
  settleCurrency: string | null;
  /** Exchange sessions always run under limits: the fields are shown open, not folded away. */
  exchange: boolean;
  errors: Record<string, string>;
  onChange: (value: RiskForm) => void;
}

const LABEL: Record<RiskKey, string> = {
  maxPosition: 'Max position',
  maxOrderNotional: 'Max order value',
  maxOrdersPerMinute: 'Max orders per minute',
  dailyLossLimit: 'Daily loss limit',
};

const HELP: Record<RiskKey, string> = {
  maxPosition: '|position| per market, open orders counted; a larger order is rejected',
  maxOrderNotional: 'one order’s value; a larger order is rejected',
  maxOrdersPerMinute: 'more new orders in 60 s halt the session',
  dailyLossLimit: 'loss since 00:00 UTC incl. unrealised; reaching it halts the session',
};

/** The four risk limits (blank = the default, shown as the placeholder), for TEST and LIVE. */
export function RiskLimitsFields({ value, settleCurrency, exchange, errors, onChange }: Props) {
  const cur = settleCurrency ?? 'settlement currency';
  const unit: Record<RiskKey, string> = {
    maxPosition: 'contracts',
    maxOrderNotional: cur,
    maxOrdersPerMinute: 'orders/min',
    dailyLossLimit: cur,
  };
  const defaults = defaultRisk(settleCurrency);
  const fields = (
    <div className="risk-grid">
      {RISK_KEYS.map((key) => (
        <FormField
          key={key}
          label={`${LABEL[key]} (${unit[key]})`}
          htmlFor={`risk-${key}`}
          field={`risk.${key}`}
          error={errors[`risk.${key}`]}
          help={HELP[key]}
        >
          <input
            id={`risk-${key}`}
            type="number"
            min="0"
            step={key === 'maxPosition' || key === 'maxOrdersPerMinute' ? '1' : 'any'}
            placeholder={`default ${formatDecimal(defaults[key], 0, 8)}`}
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          />
        </FormField>
      ))}
    </div>
  );
  if (exchange)
    return (
      <fieldset className="risk-limits" data-testid="risk-limits" data-open="true">
        <legend>Risk limits (always enforced on an exchange; blank = default)</legend>
        {fields}
      </fieldset>
    );
  const invalid = RISK_KEYS.some((k) => errors[`risk.${k}`]);
  return (
    <details className="risk-limits fees-fields" data-testid="risk-limits" open={invalid || undefined}>
      <summary>Risk limits (optional on paper; blank = default)</summary>
      {fields}
    </details>
  );
}
