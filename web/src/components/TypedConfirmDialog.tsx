import { type ReactNode, useId, useState } from 'react';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

interface Props {
  title: string;
  /** What must be typed, exactly, before the action can run. */
  phrase: string;
  confirmLabel: string;
  /** What the action does (and does not do), above the field. */
  children: ReactNode;
  /** Runs with the text typed (equal to `phrase`); the dialog stays open and busy until it settles. */
  onConfirm: (typed: string) => Promise<void>;
  onClose: () => void;
  testId?: string;
  inputTestId?: string;
  confirmTestId?: string;
}

/**
 * A dialog for an action that cannot be taken back: its button stays disabled until the phrase is
 * typed exactly (a click alone never triggers it), and is disabled again while the action runs.
 */
export function TypedConfirmDialog({
  title,
  phrase,
  confirmLabel,
  children,
  onConfirm,
  onClose,
  testId,
  inputTestId,
  confirmTestId,
}: Props) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = typed === phrase;
  const submit = async () => {
    if (!matches || busy) return;
    setBusy(true);
    try {
      await onConfirm(typed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <FormFooter
          formId={`${id}-form`}
          onCancel={onClose}
          label={busy ? 'Working…' : confirmLabel}
          variant="danger"
          disabled={!matches || busy}
          testId={confirmTestId}
        />
      }
    >
      <form
        id={`${id}-form`}
        className="typed-confirm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {children}
        <label htmlFor={`${id}-input`}>
          Type <b className="phrase">{phrase}</b> to confirm
        </label>
        <input
          id={`${id}-input`}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={typed !== '' && !phrase.startsWith(typed)}
          data-testid={inputTestId}
          onChange={(e) => setTyped(e.target.value)}
        />
      </form>
    </Modal>
  );
}
