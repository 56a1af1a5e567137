import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TypedConfirmDialog } from '../../components/TypedConfirmDialog';
import { LIVE_PHRASE } from './create/venue-input';
import { useSelectedSession } from './selection';
import { actionsFor } from './session-model';
import { useSessionActions } from './useSessionActions';

interface Props {
  session: { id: string; name: string; status: string; mode?: string };
  /** Called with the new session after a clone. */
  onCloned?: (id: string) => void;
}

/**
 * Start / Stop / Restart / Clone / Delete, as the status allows; Delete asks first, and starting,
 * restarting or cloning a LIVE session asks for the LIVE phrase (it sends real orders).
 */
export function SessionActions({ session, onCloned }: Props) {
  const actions = useSessionActions();
  const selected = useSelectedSession();
  const [busy, setBusy] = useState(false);
  const [cloningLive, setCloningLive] = useState(false);
  const [startingLive, setStartingLive] = useState<'start' | 'restart' | null>(null);
  const live = session.mode === 'LIVE';
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
      {allowed.includes('start') &&
        button('start', 'Start', async () => (live ? setStartingLive('start') : actions.start(session)), 'primary')}
      {allowed.includes('stop') && button('stop', 'Stop', () => actions.stop(session))}
      {allowed.includes('restart') &&
        button('restart', 'Restart', async () => (live ? setStartingLive('restart') : actions.restart(session)))}
      {startingLive && (
        <TypedConfirmDialog
          title={`${startingLive === 'start' ? 'Start' : 'Restart'} LIVE session ${session.name}`}
          phrase={LIVE_PHRASE}
          confirmLabel={startingLive === 'start' ? 'Start' : 'Restart'}
          testId="start-live-dialog"
          inputTestId="confirm-live"
          onClose={() => setStartingLive(null)}
          onConfirm={async (typed) => {
            const done = await (startingLive === 'start'
              ? actions.start(session, typed)
              : actions.restart(session, typed));
            if (done) setStartingLive(null);
          }}
        >
          <p>This session trades on a real exchange account: once it runs it sends real orders.</p>
        </TypedConfirmDialog>
      )}
      {allowed.includes('clone') &&
        button('clone', 'Clone', async () => {
          if (session.mode === 'LIVE') {
            setCloningLive(true);
            return;
          }
          const copy = await actions.clone(session);
          if (copy) onCloned?.(copy.id);
        })}
      {cloningLive && (
        <TypedConfirmDialog
          title={`Clone LIVE session ${session.name}`}
          phrase={LIVE_PHRASE}
          confirmLabel="Clone (not started)"
          testId="clone-live-dialog"
          inputTestId="confirm-live"
          onClose={() => setCloningLive(false)}
          onConfirm={async (typed) => {
            const copy = await actions.clone(session, typed);
            if (!copy) return;
            setCloningLive(false);
            onCloned?.(copy.id);
          }}
        >
          <p>The copy is a LIVE session on the same exchange account: once started it sends real orders.</p>
        </TypedConfirmDialog>
      )}
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
