/** The session status as a coloured pill with a dot. */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`status-pill status-${status.toLowerCase()}`} data-testid="session-status">
      <span className="dot" />
      {status.toLowerCase()}
    </span>
  );
}
