/** Funding of the perpetuals (bitmex-protocol notes §1.15, §4.4): every 8 h at 04:00, 12:00, 20:00 UTC. */

/** 8 h, ms. */
export const FUNDING_INTERVAL_MS = 8 * 3_600_000;
/** The interval as a BitMEX timespan (offset from 2000-01-01T00:00:00Z). */
export const FUNDING_INTERVAL = '2000-01-01T08:00:00.000Z';
/** First funding instant of a UTC day, ms after midnight (04:00). */
const FUNDING_OFFSET_MS = 4 * 3_600_000;
/** Interest component per interval, fraction: 0.01 %. */
const INTEREST = 0.0001;
/** |interest − premium| is clamped to this, fraction: 0.05 %. */
const CLAMP = 0.0005;
/** Rate cap, fraction: 75 % of (initial − maintenance margin) = 0.375 %. */
const CAP = 0.00375;

/** A BitMEX `funding` table row. */
export type FundingRow = {
  /** The funding instant, ISO. */
  timestamp: string;
  symbol: string;
  fundingInterval: string;
  /** Fraction of position value paid by longs to shorts (negative: shorts pay). */
  fundingRate: number;
  /** 3 × fundingRate. */
  fundingRateDaily: number;
};

/** The first funding instant strictly after `ms` (unix ms). */
export function nextFundingMs(ms: number): number {
  return (Math.floor((ms - FUNDING_OFFSET_MS) / FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS + FUNDING_OFFSET_MS;
}

/** BitMEX's rule: premium index P plus clamp(interest − P, ±0.05 %), capped; rounded to 1e-6. */
export function fundingRateFor(premiumIndex: number): number {
  const rate = premiumIndex + Math.max(-CLAMP, Math.min(CLAMP, INTEREST - premiumIndex));
  return round6(Math.max(-CAP, Math.min(CAP, rate)));
}

/**
 * One perpetual's funding state: the rate that applies at the next instant, the indicative rate
 * for the interval after it (from the time-weighted average premium so far), and the last event.
 */
export class FundingClock {
  /** Rate applied at {@link nextMs}, fraction. */
  rate: number;
  /** Projected rate for the interval after {@link nextMs}, fraction. */
  indicativeRate: number;
  /** Next funding instant, unix ms. */
  nextMs: number;
  /** The latest funding event (the table's partial). */
  lastRow: FundingRow;
  /** ∫ premium dt over the current interval, fraction × ms. */
  private premiumSum: number;
  /** Time accrued in the current interval, ms. */
  private accruedMs: number;

  /**
   * @param premium the market's current premium over its index, fraction
   * @param rates the rate for the next instant and the one applied at the previous instant
   */
  constructor(
    private readonly symbol: string,
    nowMs: number,
    premium: number,
    rates: { next: number; previous: number },
  ) {
    this.nextMs = nextFundingMs(nowMs);
    this.rate = rates.next;
    this.lastRow = row(symbol, this.nextMs - FUNDING_INTERVAL_MS, rates.previous);
    // Assume the premium held at today's level since the interval began.
    this.accruedMs = nowMs - (this.nextMs - FUNDING_INTERVAL_MS);
    this.premiumSum = premium * this.accruedMs;
    this.indicativeRate = fundingRateFor(premium);
  }

  /** Accrues `dtMs` of premium (fraction) into the premium index. */
  accrue(premium: number, dtMs: number): void {
    this.premiumSum += premium * dtMs;
    this.accruedMs += dtMs;
    this.indicativeRate = fundingRateFor(this.premiumSum / this.accruedMs);
  }

  /**
   * If the funding instant falls in `(fromMs, toMs]`, pays it: returns the `funding` row and rolls
   * forward (the indicative rate becomes the next rate; the premium index restarts).
   */
  settle(fromMs: number, toMs: number): FundingRow | undefined {
    if (this.nextMs <= fromMs || this.nextMs > toMs) return undefined;
    this.lastRow = row(this.symbol, this.nextMs, this.rate);
    this.rate = this.indicativeRate;
    this.nextMs += FUNDING_INTERVAL_MS;
    this.premiumSum = 0;
    this.accruedMs = 0;
    return this.lastRow;
  }
}

function row(symbol: string, atMs: number, rate: number): FundingRow {
  return {
    timestamp: new Date(atMs).toISOString(),
    symbol,
    fundingInterval: FUNDING_INTERVAL,
    fundingRate: rate,
    fundingRateDaily: round6(rate * 3),
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
