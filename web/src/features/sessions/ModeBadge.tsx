const LABEL: Record<string, string> = { LIVE: 'LIVE', TEST: 'paper', BACKTEST: 'backtest', MARKET: 'collector' };

/** The session mode; LIVE stands out (real money); a TEST on an exchange account is `test`, not paper. */
export function ModeBadge({ mode, venue }: { mode: string; venue?: string }) {
  const exchangeTest = mode === 'TEST' && venue === 'EXCHANGE';
  return (
    <span
      className={`mode-badge mode-${mode.toLowerCase()} ${exchangeTest ? 'mode-exchange-test' : ''}`}
      title={exchangeTest ? 'mode TEST on an exchange account' : `mode ${mode}`}
      data-testid="session-mode"
    >
      {exchangeTest ? 'test' : (LABEL[mode] ?? mode)}
    </span>
  );
}
