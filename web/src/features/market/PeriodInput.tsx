import { useEffect, useState } from 'react';
import { clampPeriod, MAX_PERIOD, MIN_PERIOD } from '../../charts/study-config';

interface Props {
  label: string;
  value: number;
  onChange: (period: number) => void;
}

/**
 * A study's period. What is typed is applied once it is a whole number in range (typing "15"
 * passes through "1", which must not become 2); leaving the field shows the period in use again.
 */
export function PeriodInput({ label, value, onChange }: Props) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const valid = (text: string) => /^\d+$/.test(text) && clampPeriod(Number(text)) === Number(text);
  return (
    <input
      type="number"
      className={`period-input ${valid(draft) ? '' : 'invalid'}`}
      aria-label={label}
      min={MIN_PERIOD}
      max={MAX_PERIOD}
      step={1}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        if (valid(e.target.value)) onChange(Number(e.target.value));
      }}
      onBlur={() => setDraft(String(value))}
    />
  );
}
