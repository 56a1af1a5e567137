const LABEL: Record<string, string> = { LIVE: 'LIVE', TEST: 'paper', BACKTEST: 'backtest', MARKET: 'collector' };

/** The session mode; LIVE stands out (real money). */
export function ModeBadge({ mode }: { mode: string }) {
  return (
    <span className={`mode-badge mode-${mode.toLowerCase()}`} title={`mode ${mode}`} data-testid="session-mode">
      {LABEL[mode] ?? mode}
    </span>
  );
}
