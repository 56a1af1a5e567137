import { useState } from 'react';
import './components.css';

interface Props {
  label: string;
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
}

/** A button that asks first (no blocking `confirm()`): click, then confirm or cancel in place. */
export function ConfirmButton({ label, confirmLabel = 'Confirm', onConfirm, disabled, className, testId }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={className}
        disabled={disabled}
        data-testid={testId}
        onClick={(e) => {
          e.stopPropagation();
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline">
      <button
        type="button"
        className="danger"
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={(e) => {
          e.stopPropagation();
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        onClick={(e) => {
          e.stopPropagation();
          setAsking(false);
        }}
      >
        Cancel
      </button>
    </span>
  );
}
