import { useState } from 'react';
import { useClient } from 'urql';
import { TypedConfirmDialog } from '../../components/TypedConfirmDialog';
import { useToast } from '../../components/toast-context';
import { ExchangeAccountsQuery, KillSwitchMutation } from './documents';
import { KILL_PHRASE, killSummary } from './kill-switch';
import './live.css';

/**
 * The red button in the header: halts every running TEST and LIVE session and cancels every open
 * order on every exchange account, after KILL is typed. Always in view, never in a menu: it is
 * what a user reaches for when something runs away.
 */
export function KillSwitchButton() {
  const client = useClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  const pull = async (confirm: string) => {
    const r = await client
      .mutation(KillSwitchMutation, { confirm, reason: reason.trim() ? reason.trim() : null })
      .toPromise();
    const result = r.data?.killSwitch;
    if (!result) {
      toast.error(`Kill switch failed: ${r.error?.message ?? 'no answer from the server'}`);
      return;
    }
    // Names for the summary; without them (a key that may not list accounts) the ids are shown.
    const accounts = await client.query(ExchangeAccountsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const names = new Map((accounts.data?.exchangeAccounts ?? []).map((a) => [a.id, a.name]));
    const summary = killSummary(result, names);
    toast.show(summary.ok ? 'success' : 'error', summary.message, { sticky: true });
    setOpen(false);
    setReason('');
  };

  return (
    <>
      <button
        type="button"
        className="kill-switch"
        data-testid="kill-switch"
        title="Halt every running TEST and LIVE session and cancel every open order on every exchange account"
        onClick={() => setOpen(true)}
      >
        Kill switch
      </button>
      {open && (
        <TypedConfirmDialog
          title="Kill switch"
          phrase={KILL_PHRASE}
          confirmLabel="Halt everything"
          onConfirm={pull}
          onClose={() => setOpen(false)}
          testId="kill-switch-dialog"
          inputTestId="kill-switch-input"
          confirmTestId="kill-switch-confirm"
        >
          <div className="kill-explain">
            <p>
              <strong>Every running TEST and LIVE session halts now</strong> (status HALTED) and every open order on
              every exchange account is cancelled, including orders no session placed.
            </p>
            <p className="muted">
              Open positions are left as they are: closing them is a trading decision. Halted sessions do not restart by
              themselves. Backtests and market collectors are not affected.
            </p>
          </div>
          <label htmlFor="kill-reason">Reason (optional, written to each session’s log)</label>
          <input
            id="kill-reason"
            value={reason}
            maxLength={500}
            placeholder="e.g. runaway strategy"
            onChange={(e) => setReason(e.target.value)}
          />
        </TypedConfirmDialog>
      )}
    </>
  );
}
