import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useSelectedSession } from './selection';
import { actionsFor } from './session-model';
import { useSessionActions } from './useSessionActions';

interface Props {
  session: { id: string; name: string; status: string };
  /** Called with the new session after a clone. */
  onCloned?: (id: string) => void;
}

/** Start / Stop / Restart / Clone / Delete, as the status allows; Delete asks first. */
export function SessionActions({ session, onCloned }: Props) {
  const actions = useSessionActions();
  const selected = useSelectedSession();
  const [busy, setBusy] = useState(false);
  const allowed = actionsFor(session.status);
  const run = (fn: () => Promise<unknown>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const button = (id: string, label: string, fn: () => Promise<unknown>, className = '') => (
    <button
      type="button"
      className={className}
      disabled={busy}
      data-testid={`action-${id}`}
      onClick={(e) => {
        e.stopPropagation();
        void run(fn)();
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="actions">
      {allowed.includes('start') && button('start', 'Start', () => actions.start(session), 'primary')}
      {allowed.includes('stop') && button('stop', 'Stop', () => actions.stop(session))}
      {allowed.includes('restart') && button('restart', 'Restart', () => actions.restart(session))}
      {allowed.includes('clone') &&
        button('clone', 'Clone', async () => {
          const copy = await actions.clone(session);
          if (copy) onCloned?.(copy.id);
        })}
      {allowed.includes('delete') && (
        <ConfirmButton
          label="Delete"
          confirmLabel="Delete?"
          disabled={busy}
          testId="action-delete"
          onConfirm={() =>
            void run(async () => {
              const gone = await actions.remove(session);
              if (gone && selected.id === session.id) selected.close();
            })()
          }
        />
      )}
    </div>
  );
}
