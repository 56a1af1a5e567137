/**
 * The session status as a coloured pill with a dot. HALTED (a risk limit or the kill switch) has a
 * style of its own: the session did not fail nor was it stopped by hand, a guard stopped it.
 */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`status-pill status-${status.toLowerCase()}`} data-testid="session-status">
      <span className="dot" />
      {status.toLowerCase()}
    </span>
  );
}
