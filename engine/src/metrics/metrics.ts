import type { EquityPoint, RoundTrip } from '../portfolio/portfolio-port.js';
import { drawdown } from './drawdown.js';
import {
  DAY_MS,
  HOUR_MS,
  PERIODS_PER_YEAR,
  type SharpeBasis,
  sampleEquity,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
} from './returns.js';
import { tradeStats } from './trades.js';

export type { SharpeBasis } from './returns.js';

/** Version of the formulas below (docs/metrics.md). Bump on any change that alters a value. */
export const METRICS_VERSION = 1;

/** Runs shorter than this (ms) sample hourly instead of daily. */
export const DAILY_BASIS_MIN_MS = 2 * DAY_MS;

/** What {@link computeMetrics} needs; the same for a live session and a backtest. */
export interface MetricsInput {
  /** Equity curve sorted by time, session currency. */
  equity: readonly EquityPoint[];
  /** Closed round trips (their pnl, net of fees and funding, is summed as given). */
  roundTrips: readonly RoundTrip[];
  /** Number of fills. */
  fills: number;
  /** Totals, session currency (passed through). */
  feesPaid: number;
  fundingPaid: number;
  /** Time with a non-zero position, ms; omit when unknown (exposurePct is then null). */
  exposureMs?: number;
  /** Run span, Unix ms. */
  fromMs: number;
  toMs: number;
}

/** Performance figures of a run; see docs/metrics.md for every formula and edge case. */
export interface Metrics {
  /** Last − first equity, session currency; null without points. */
  netPnl: number | null;
  /** netPnl / first equity × 100; null without points or when first equity ≤ 0. */
  returnPct: number | null;
  sharpe: number | null;
  sortino: number | null;
  sharpeBasis: SharpeBasis;
  /** Session currency, ≥ 0; null without points. */
  maxDrawdown: number | null;
  maxDrawdownPct: number | null;
  maxDrawdownDurationMs: number | null;
  calmar: number | null;
  profitFactor: number | null;
  expectancy: number | null;
  winRate: number | null;
  avgWin: number | null;
  avgLoss: number | null;
  largestWin: number | null;
  largestLoss: number | null;
  roundTrips: number;
  fills: number;
  /** exposureMs / (toMs − fromMs) × 100; null when exposureMs is missing or the span is ≤ 0. */
  exposurePct: number | null;
  feesPaid: number;
  fundingPaid: number;
}

/** Computes {@link Metrics} from a run's equity curve and round trips. Pure: no clock, no I/O. */
export function computeMetrics(input: MetricsInput): Metrics {
  const { equity, fromMs, toMs } = input;
  const spanMs = toMs - fromMs;
  const first = equity[0];
  const last = equity[equity.length - 1];
  const sharpeBasis: SharpeBasis = spanMs >= DAILY_BASIS_MIN_MS ? 'daily' : 'hourly';
  const returns = simpleReturns(sampleEquity(equity, sharpeBasis === 'daily' ? DAY_MS : HOUR_MS));
  const dd = drawdown(equity);
  const netPnl = first && last ? last.equity - first.equity : null;
  return {
    netPnl,
    returnPct: first && netPnl !== null && first.equity > 0 ? (netPnl / first.equity) * 100 : null,
    sharpe: sharpeRatio(returns, PERIODS_PER_YEAR[sharpeBasis]),
    sortino: sortinoRatio(returns, PERIODS_PER_YEAR[sharpeBasis]),
    sharpeBasis,
    maxDrawdown: dd?.maxDrawdown ?? null,
    maxDrawdownPct: dd?.maxDrawdownPct ?? null,
    maxDrawdownDurationMs: dd?.maxDrawdownDurationMs ?? null,
    calmar: calmarRatio(first?.equity, last?.equity, spanMs, dd?.maxDrawdownPct ?? null),
    ...tradeStats(input.roundTrips),
    fills: input.fills,
    exposurePct: input.exposureMs !== undefined && spanMs > 0 ? (input.exposureMs / spanMs) * 100 : null,
    feesPaid: input.feesPaid,
    fundingPaid: input.fundingPaid,
  };
}

/** Annualised return in % over `spanMs`: ((last / first)^(365 d / span) − 1) × 100; null when undefined. */
export function annualisedReturnPct(first: number, last: number, spanMs: number): number | null {
  if (!(first > 0) || !(last >= 0) || !(spanMs > 0)) return null;
  const value = ((last / first) ** ((365 * DAY_MS) / spanMs) - 1) * 100;
  return Number.isFinite(value) ? value : null;
}

/** Calmar: annualised return % / max drawdown %; null without a drawdown or an annualised return. */
function calmarRatio(
  first: number | undefined,
  last: number | undefined,
  spanMs: number,
  maxDrawdownPct: number | null,
): number | null {
  if (first === undefined || last === undefined || maxDrawdownPct === null || !(maxDrawdownPct > 0)) return null;
  const annual = annualisedReturnPct(first, last, spanMs);
  return annual === null ? null : annual / maxDrawdownPct;
}
