import { useState } from 'react';
import { formatUtc } from '../../../lib/format';
import { parseUtcInput, UTC_INPUT_FORMAT } from './create-input';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The form's error for the field (on submit); a malformed entry is flagged as soon as it is left. */
  invalid: boolean;
}

/**
 * An instant typed as `YYYY-MM-DD HH:mm` on a 24-hour clock in UTC. A text field rather than
 * datetime-local, whose picker follows the browser's locale (12-hour AM/PM in some) and zone.
 */
export function UtcTimeInput({ id, value, onChange, invalid }: Props) {
  const [left, setLeft] = useState(false);
  const parsed = parseUtcInput(value);
  // The form's own error (after a submit) says it already: then the hint stays neutral.
  const malformed = left && !invalid && value.trim() !== '' && parsed === null;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={UTC_INPUT_FORMAT}
        className="utc-input"
        value={value}
        aria-invalid={invalid || malformed}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
        onFocus={() => setLeft(false)}
        onBlur={() => setLeft(true)}
      />
      <span id={`${id}-hint`} className={`help ${malformed ? 'field-error' : 'muted'}`}>
        {malformed
          ? `use ${UTC_INPUT_FORMAT}, 24-hour UTC`
          : parsed === null
            ? `${UTC_INPUT_FORMAT}, 24-hour UTC`
            : `${WEEKDAYS[new Date(parsed).getUTCDay()]} ${formatUtc(parsed).slice(0, 16)} UTC`}
      </span>
    </>
  );
}
