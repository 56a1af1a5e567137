import { hasReason } from './session-model';

interface Props {
  session: { status: string; error: string | null; warning?: string | null };
  /** Show `error` whatever the status (the drawer), not only for FAILED and HALTED (the cards). */
  anyError?: boolean;
}

/**
 * The lines under a session: why it FAILED or was HALTED, and the exchange reconciliation's
 * warning (positions or orders differing from the exchange) while there is one.
 */
export function SessionNotices({ session: s, anyError = false }: Props) {
  return (
    <>
      {(anyError || hasReason(s.status)) && s.error && (
        <div className={`sc-error ${s.status === 'HALTED' ? 'sc-halted' : ''}`} data-testid="session-reason">
          {s.error}
        </div>
      )}
      {s.warning && (
        <div className="sc-warning" role="status" data-testid="session-warning">
          <b>⚠ exchange mismatch:</b> {s.warning}
        </div>
      )}
    </>
  );
}
