import type { AccountLike } from '../../live/accounts';
import type { Mode } from '../session-model';
import { type ParamField, type ParamValues, validateParams } from './params-schema';
import { EMPTY_RISK, type RiskForm } from './risk-input';
import { type Venue, type VenueInput, venueInputOf } from './venue-input';

/** Everything the New session dialog holds, as typed by the user. */
export interface CreateForm {
  mode: Mode;
  name: string;
  /** TEST only: paper fills or an exchange account (LIVE always trades on the exchange). */
  venue: Venue;
  /** The exchange account of a LIVE or exchange TEST session. */
  accountId: string;
  /** LIVE only: the phrase (venue-input.ts `LIVE_PHRASE`), typed. */
  confirmLive: string;
  /** TEST and LIVE: blank fields take the defaults. */
  risk: RiskForm;
  strategy: string;
  /** One symbol per leg (MARKET: any number). */
  markets: string[];
  params: ParamValues;
  /** `YYYY-MM-DD HH:mm` (24-hour) as typed, read as UTC. */
  rangeFrom: string;
  rangeTo: string;
  /** Percent, e.g. `-0.025` (rebate) or `0.075`; empty = the instrument's default. */
  makerFeePct: string;
  takerFeePct: string;
  latencyMs: string;
  initialBalance: string;
}

export interface FeesInput {
  makerFee?: number;
  takerFee?: number;
  latencyMs?: number;
}

export type Submission =
  | {
      kind: 'create';
      input: {
        name: string;
        mode: Mode;
        strategy?: string;
        markets: string[];
        params?: Record<string, unknown>;
        fees?: FeesInput;
        initialBalance?: number;
      } & VenueInput;
    }
  | {
      kind: 'backtest';
      input: {
        name?: string;
        strategy: string;
        markets: string[];
        params: Record<string, unknown>;
        rangeFrom: string;
        rangeTo: string;
        fees?: FeesInput;
        initialBalance?: number;
      };
    };

/** A blank form for `mode`, on the chart's market. */
export function emptyForm(mode: Mode, market: string): CreateForm {
  return {
    mode,
    name: '',
    venue: 'SIMULATED',
    accountId: '',
    confirmLive: '',
    risk: EMPTY_RISK,
    strategy: '',
    markets: [market],
    params: {},
    rangeFrom: '',
    rangeTo: '',
    makerFeePct: '',
    takerFeePct: '',
    latencyMs: '',
    initialBalance: '',
  };
}

/** Whether an InputError `field` names a control of this form (else it is shown above the form). */
export function isFormField(field: string): boolean {
  return /^(mode|name|venue|accountId|confirmLive|risk\..+|strategy|markets(\[\d+\])?|params\..+|rangeFrom|rangeTo|fees\..+|initialBalance)$/.test(
    field,
  );
}

/** How a backtest window bound is typed (24-hour clock, UTC), as shown in the field. */
export const UTC_INPUT_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * A typed instant read as UTC (the fields are labelled UTC), whatever the browser's zone or
 * clock convention: `YYYY-MM-DD HH:mm` on a 24-hour clock, optionally with seconds (a `T` in
 * place of the space is accepted too). Unix ms, or null when it is not such a real date and time
 * (2024-02-30, 24:00 and 12-hour times with AM/PM are rejected).
 */
export function parseUtcInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const t = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s, ms);
  // Date.UTC rolls 2024-02-30 over into March and 25:00 into the next day: a real instant reads back the same.
  const back = new Date(t);
  const fields = [back.getUTCFullYear(), back.getUTCMonth() + 1, back.getUTCDate(), back.getUTCHours()];
  const same =
    [y, mo, d, h].every((v, i) => v === fields[i]) && back.getUTCMinutes() === mi && back.getUTCSeconds() === s;
  return Number.isNaN(t) || !same ? null : t;
}

/** Unix ms as a window bound in UTC, to the minute: `YYYY-MM-DD HH:mm`. */
export function toUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The name used when the user leaves it empty, e.g. `SDBot XBTUSD test`. */
export function defaultName(form: Pick<CreateForm, 'mode' | 'strategy' | 'markets'>): string {
  const who = form.mode === 'MARKET' ? 'Collector' : form.strategy || 'session';
  return `${who} ${form.markets.filter(Boolean).join('/')} ${form.mode.toLowerCase()}`.replace(/\s+/g, ' ').trim();
}

function feesOf(form: CreateForm, errors: Record<string, string>): FeesInput | undefined {
  const fees: FeesInput = {};
  for (const [key, raw] of [
    ['makerFee', form.makerFeePct],
    ['takerFee', form.takerFeePct],
  ] as const) {
    if (raw.trim() === '') continue;
    const pct = Number(raw);
    if (!Number.isFinite(pct) || pct < -1 || pct > 1) errors[`fees.${key}`] = 'a percentage between -1 and 1';
    else fees[key] = Number((pct / 100).toPrecision(12));
  }
  if (form.latencyMs.trim() !== '') {
    const ms = Number(form.latencyMs);
    if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) errors['fees.latencyMs'] = 'whole ms from 0 to 60,000';
    else fees.latencyMs = ms;
  }
  return Object.keys(fees).length > 0 ? fees : undefined;
}

/**
 * Checks the form and builds the mutation input. Errors are keyed like the API's InputError
 * `field` (`name`, `markets[1]`, `params.period`, `rangeTo`, `fees.makerFee`…).
 */
export function buildSubmission(
  form: CreateForm,
  strategy: { name: string; legs: number; fields: readonly ParamField[] } | null,
  nowMs: number,
  /** The exchange accounts the dialog offers (an exchange session must pick one of them). */
  accounts: readonly AccountLike[] = [],
): { ok: true; submission: Submission } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = form.name.trim() || defaultName(form);
  if (name.length > 120) errors.name = 'at most 120 characters';
  const venue = venueInputOf(form, accounts, errors);
  const legs = strategy?.legs ?? 1;
  const markets = (form.mode === 'MARKET' ? form.markets : form.markets.slice(0, legs)).filter(Boolean);
  if (form.mode === 'MARKET') {
    if (markets.length === 0) errors.markets = 'pick at least one market';
  } else {
    if (!strategy) errors.strategy = 'pick a strategy';
    for (let i = 0; i < legs; i++) if (!form.markets[i]) errors[`markets[${i}]`] = 'pick a market';
    if (legs === 2 && markets[0] && markets[0] === markets[1]) errors['markets[1]'] = 'the legs must differ';
  }
  const { params, errors: paramErrors } =
    form.mode === 'MARKET' || !strategy ? { params: {}, errors: {} } : validateParams(strategy.fields, form.params);
  Object.assign(errors, paramErrors);
  const fees = feesOf(form, errors);
  let initialBalance: number | undefined;
  if (form.initialBalance.trim() !== '') {
    initialBalance = Number(form.initialBalance);
    if (!(initialBalance > 0)) errors.initialBalance = 'must be positive';
  }
  const extras = { ...(fees ? { fees } : {}), ...(initialBalance !== undefined ? { initialBalance } : {}) };

  if (form.mode === 'BACKTEST') {
    const from = parseUtcInput(form.rangeFrom);
    const to = parseUtcInput(form.rangeTo);
    const bad = (typed: string, what: string) =>
      typed.trim() === '' ? `${what} (UTC) is needed` : `${UTC_INPUT_FORMAT}, 24-hour UTC (e.g. 2024-01-15 13:00)`;
    if (from === null) errors.rangeFrom = bad(form.rangeFrom, 'a start');
    else if (from > nowMs) errors.rangeFrom = 'the start is in the future';
    if (to === null) errors.rangeTo = bad(form.rangeTo, 'an end');
    else if (from !== null && to <= from) errors.rangeTo = 'the end must be after the start';
    if (Object.keys(errors).length > 0 || from === null || to === null || !strategy) return { ok: false, errors };
    return {
      ok: true,
      submission: {
        kind: 'backtest',
        input: {
          ...(form.name.trim() ? { name } : {}),
          strategy: strategy.name,
          markets,
          params,
          rangeFrom: new Date(from).toISOString(),
          rangeTo: new Date(to).toISOString(),
          ...extras,
        },
      },
    };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    submission: {
      kind: 'create',
      input: {
        name,
        mode: form.mode,
        markets,
        ...(form.mode === 'MARKET' || !strategy ? {} : { strategy: strategy.name, params }),
        ...extras,
        ...venue,
      },
    },
  };
}
