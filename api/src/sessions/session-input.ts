import type { Prisma } from '@hm/db';
import { findInstrument, SessionFees } from '@hm/engine/contracts';
import { RiskLimitsInput } from '@hm/engine/live';
import { STRATEGIES } from '@hm/engine/strategies';
import { InputError } from './errors.js';

/** What `createSession` (and `cloneSession` overrides, `runBacktest`) may say. */
export interface SessionInput {
  name: string;
  mode: 'LIVE' | 'TEST' | 'BACKTEST' | 'MARKET';
  strategy: string;
  markets: readonly string[];
  params?: unknown;
  rangeFrom?: Date | null | undefined;
  rangeTo?: Date | null | undefined;
  fees?: unknown;
  initialBalance?: number | null | undefined;
  /** TEST only: `EXCHANGE` places real orders on a testnet (or simulator) account; default simulated fills. */
  venue?: 'SIMULATED' | 'EXCHANGE' | null | undefined;
  /** The exchange account an EXCHANGE or LIVE session trades on. */
  accountId?: string | null | undefined;
  /** Risk limits (engine/src/live/risk-limits.ts); unset fields take the defaults. */
  risk?: unknown;
  /** LIVE only: must be exactly {@link LIVE_CONFIRMATION}. */
  confirmLive?: string | null | undefined;
}

/** What a LIVE session's creator must type: real money is at stake. */
export const LIVE_CONFIRMATION = 'I understand this trades real money';

/** The strategy name MARKET (data collection) sessions are stored with: they run no strategy. */
export const COLLECTOR = 'Collector';

/**
 * Checks a session input against the strategy registry, the instruments and the mode's needs and
 * returns the row to store (parameters with their defaults applied). Throws an {@link InputError}
 * naming the first field that is wrong.
 */
export function validateSessionInput(input: SessionInput, nowMs: number): Prisma.SessionCreateInput {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) throw new InputError('name must be 1 to 120 characters', 'name');
  if (input.markets.length === 0) throw new InputError('give at least one market', 'markets');
  input.markets.forEach((m, i) => {
    if (!findInstrument(m)) throw new InputError(`unknown market "${m}"`, `markets[${i}]`);
  });
  if (new Set(input.markets).size !== input.markets.length)
    throw new InputError('the legs must be different markets', 'markets');
  const venue: 'SIMULATED' | 'EXCHANGE' = input.mode === 'LIVE' ? 'EXCHANGE' : (input.venue ?? 'SIMULATED');
  if (input.mode === 'LIVE' && input.confirmLive !== LIVE_CONFIRMATION)
    throw new InputError(`a LIVE session needs confirmLive: "${LIVE_CONFIRMATION}"`, 'confirmLive');
  if (venue === 'EXCHANGE' && input.mode !== 'LIVE' && input.mode !== 'TEST')
    throw new InputError('only TEST and LIVE sessions trade on an exchange', 'venue');
  if (venue === 'EXCHANGE' && !input.accountId)
    throw new InputError(`a ${input.mode} session on an exchange needs accountId`, 'accountId');
  const risk = RiskLimitsInput.safeParse(input.risk ?? {});
  if (!risk.success) {
    const issue = risk.error.issues[0];
    throw new InputError(issue?.message ?? 'invalid risk limits', ['risk', ...(issue?.path ?? [])].join('.'));
  }

  const fees = SessionFees.safeParse(input.fees ?? {});
  if (!fees.success) {
    const issue = fees.error.issues[0];
    throw new InputError(issue?.message ?? 'invalid fees', ['fees', ...(issue?.path ?? [])].join('.'));
  }
  let fromTime: Date | null = null;
  let toTime: Date | null = null;
  if (input.mode === 'BACKTEST') {
    if (!input.rangeFrom) throw new InputError('a backtest needs rangeFrom (UTC)', 'rangeFrom');
    if (!input.rangeTo) throw new InputError('a backtest needs rangeTo (UTC)', 'rangeTo');
    if (input.rangeTo.getTime() <= input.rangeFrom.getTime())
      throw new InputError('rangeTo must be after rangeFrom', 'rangeTo');
    if (input.rangeFrom.getTime() > nowMs) throw new InputError('rangeFrom is in the future', 'rangeFrom');
    fromTime = input.rangeFrom;
    toTime = input.rangeTo;
  }
  if (input.initialBalance !== undefined && input.initialBalance !== null && !(input.initialBalance > 0))
    throw new InputError('initialBalance must be positive', 'initialBalance');

  const common = {
    name,
    mode: input.mode,
    markets: [...input.markets],
    fromTime,
    toTime,
    fees: fees.data,
    ...(input.initialBalance ? { initialBalance: String(input.initialBalance) } : {}),
    venue,
    ...(venue === 'EXCHANGE' && input.accountId ? { account: { connect: { id: input.accountId } } } : {}),
    ...(input.risk !== undefined && input.risk !== null ? { risk: stripUndefined(risk.data) } : {}),
  };
  if (input.mode === 'MARKET') return { ...common, strategy: COLLECTOR, params: {} };

  const def = STRATEGIES.find((s) => s.name === input.strategy);
  if (!def) {
    throw new InputError(
      `unknown strategy "${input.strategy}"; valid: ${STRATEGIES.map((s) => s.name).join(', ')}`,
      'strategy',
    );
  }
  if (!def.modes.includes(input.mode.toLowerCase() as (typeof def.modes)[number]))
    throw new InputError(`${def.name} does not run in ${input.mode} mode`, 'mode');
  if (input.markets.length !== def.legs)
    throw new InputError(`${def.name} trades ${def.legs} market(s); got ${input.markets.length}`, 'markets');
  const params = def.params.safeParse(input.params ?? {});
  if (!params.success) {
    const issue = params.error.issues[0];
    throw new InputError(
      `${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`,
      ['params', ...(issue?.path ?? []).map(String)].join('.'),
    );
  }
  return { ...common, strategy: def.name, params: params.data as unknown as Prisma.InputJsonValue };
}

/** JSON without the keys zod left `undefined` (Prisma's JSON input refuses them). */
function stripUndefined(o: object): Prisma.InputJsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Prisma.InputJsonObject;
}
