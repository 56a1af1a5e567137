import type { Session } from '@hm/db';
import { SessionFees } from '../contracts/sessions.js';
import { DEFAULT_INITIAL_BALANCE } from '../kernel/wiring.js';
import { type RiskLimits, RiskLimitsInput, readRiskLimits } from '../live/risk-limits.js';
import { findInstrument, type Instrument } from '../market/instruments.js';
import { getStrategy } from '../strategy/registry.js';
import type { CommonParams, StrategyDefinition } from '../strategy/sdk.js';

/** A session row that cannot run as stored (the session fails with this message; no retry helps). */
export class SessionSetupError extends Error {
  override name = 'SessionSetupError';
}

/** A validated session: what the runner builds its adapters from. */
export interface SessionPlan {
  mode: 'TEST' | 'LIVE' | 'MARKET';
  /** Where orders go: simulated fills (paper) or the exchange account `accountId`. */
  venue: 'SIMULATED' | 'EXCHANGE';
  accountId: string | null;
  /** Limits the risk guard enforces: always on an exchange; on paper only when the session sets them. */
  risk: RiskLimits | null;
  /** Legs in order. */
  instruments: Instrument[];
  /** Session currency: the first leg's settlement currency. */
  currency: 'XBT' | 'USDT';
  initialBalance: number;
  fees: SessionFees;
  /** The strategy and its parameters after defaults; null for MARKET (data collection) sessions. */
  strategy: { def: StrategyDefinition; params: CommonParams } | null;
}

/**
 * Checks a stored session before it runs: mode, markets, strategy and parameters (the registry's
 * zod schema), fees (`SessionFees`). Throws a {@link SessionSetupError} naming what is wrong.
 */
export function planSession(row: Session): SessionPlan {
  if (row.mode === 'BACKTEST') throw new SessionSetupError('a BACKTEST session runs on the backtest queue');
  if (row.markets.length === 0) throw new SessionSetupError('the session has no market');
  const instruments = row.markets.map((symbol) => {
    const inst = findInstrument(symbol);
    if (!inst) throw new SessionSetupError(`unknown market "${symbol}"`);
    return inst;
  });
  const fees = SessionFees.safeParse(row.fees ?? {});
  if (!fees.success) throw new SessionSetupError(`invalid fees: ${issues(fees.error.issues)}`);
  const currency = instruments[0]?.settleCurrency ?? 'XBT';
  const stored = row.initialBalance === null ? null : Number(row.initialBalance.toString());
  if (stored !== null && !(stored > 0)) throw new SessionSetupError(`initial balance must be positive, got ${stored}`);
  const base = { instruments, currency, initialBalance: stored ?? DEFAULT_INITIAL_BALANCE[currency], fees: fees.data };
  if (row.mode === 'MARKET')
    return { ...base, mode: 'MARKET', venue: 'SIMULATED', accountId: null, risk: null, strategy: null };
  const venue = row.mode === 'LIVE' ? 'EXCHANGE' : row.venue;
  if (venue === 'EXCHANGE' && !row.accountId)
    throw new SessionSetupError(`a ${row.mode} session on an exchange needs an exchange account`);
  const riskParsed = RiskLimitsInput.safeParse(row.risk ?? {});
  if (!riskParsed.success) throw new SessionSetupError(`invalid risk limits: ${issues(riskParsed.error.issues)}`);
  const risk = venue === 'EXCHANGE' || row.risk !== null ? readRiskLimits(row.risk, currency) : null;
  const mode = row.mode === 'LIVE' ? 'live' : 'test';

  let def: StrategyDefinition;
  try {
    def = getStrategy(row.strategy);
  } catch (err) {
    throw new SessionSetupError((err as Error).message);
  }
  if (!def.modes.includes(mode)) throw new SessionSetupError(`${def.name} does not run in ${row.mode} mode`);
  if (instruments.length !== def.legs)
    throw new SessionSetupError(`${def.name} trades ${def.legs} market(s); got ${row.markets.join(', ')}`);
  const params = def.params.safeParse(row.params ?? {});
  if (!params.success) throw new SessionSetupError(`invalid ${def.name} parameters: ${issues(params.error.issues)}`);
  return {
    ...base,
    mode: row.mode,
    venue,
    accountId: venue === 'EXCHANGE' ? row.accountId : null,
    risk,
    strategy: { def, params: params.data },
  };
}

const issues = (list: readonly { path: PropertyKey[]; message: string }[]) =>
  list.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
