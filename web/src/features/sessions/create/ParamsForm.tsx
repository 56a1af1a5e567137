import type { ReactElement } from 'react';
import { FormField } from './FormField';
import { boundsText, type ParamField, type ParamValues } from './params-schema';

interface Props {
  fields: readonly ParamField[];
  values: ParamValues;
  errors: Record<string, string>;
  onChange: (name: string, value: string | boolean) => void;
}

/** The strategy's parameters, one input per JSON-Schema property (generated, not hand-written). */
export function ParamsForm({ fields, values, errors, onChange }: Props) {
  if (fields.length === 0) return <p className="muted">This strategy has no parameters.</p>;
  return (
    <div className="params-form" data-testid="params-form">
      {fields.map((f) => {
        const id = `param-${f.name}`;
        const key = `params.${f.name}`;
        const bounds = boundsText(f);
        const help = [f.help, bounds && `allowed ${bounds}`, f.default !== undefined && `default ${String(f.default)}`]
          .filter(Boolean)
          .join(' · ');
        const value = values[f.name];
        let control: ReactElement;
        if (f.kind === 'boolean') {
          control = (
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              onChange={(e) => onChange(f.name, e.target.checked)}
            />
          );
        } else if (f.kind === 'enum') {
          control = (
            <select id={id} value={String(value ?? '')} onChange={(e) => onChange(f.name, e.target.value)}>
              {!f.required && f.default === undefined && <option value="">—</option>}
              {f.options.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else {
          const numeric = f.kind === 'integer' || f.kind === 'number';
          control = (
            <input
              id={id}
              name={f.name}
              type={numeric ? 'number' : 'text'}
              inputMode={f.kind === 'integer' ? 'numeric' : numeric ? 'decimal' : undefined}
              {...(numeric && f.min !== null
                ? { min: f.exclusiveMin && f.kind === 'integer' ? f.min + 1 : f.min }
                : {})}
              {...(numeric && f.max !== null
                ? { max: f.exclusiveMax && f.kind === 'integer' ? f.max - 1 : f.max }
                : {})}
              step={numeric ? f.step : undefined}
              required={f.required}
              placeholder={f.default !== undefined ? String(f.default) : ''}
              value={String(value ?? '')}
              aria-invalid={!!errors[key]}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
          );
        }
        return (
          <FormField
            key={f.name}
            field={key}
            htmlFor={id}
            label={f.unit ? `${f.label} (${f.unit})` : f.label}
            help={help}
            error={errors[key]}
          >
            {control}
          </FormField>
        );
      })}
    </div>
  );
}
