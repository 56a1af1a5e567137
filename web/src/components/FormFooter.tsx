import type { ReactNode } from 'react';

interface Props {
  /** The `id` of the form the submit button submits (it sits in the modal's footer, outside the form). */
  formId: string;
  onCancel: () => void;
  label: ReactNode;
  /** `danger` for what cannot be taken back or trades real money. */
  variant: 'primary' | 'danger';
  disabled: boolean;
  testId?: string | undefined;
}

/** A dialog's footer: Cancel, and the submit button of its form. */
export function FormFooter({ formId, onCancel, label, variant, disabled, testId }: Props) {
  return (
    <>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={formId} className={variant} disabled={disabled} data-testid={testId}>
        {label}
      </button>
    </>
  );
}
