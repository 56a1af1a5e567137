import type { Rng } from './rng.js';

/**
 * The simulator's price dynamics, in one place: the live model (model.ts) and the history
 * generator (archive/synthesis.ts) step the same equations, so archived and live markets look alike.
 */

/** Base variance of the driving XBT log price per second (60 % a year). */
export const BASE_VAR_PER_SEC = (0.6 / Math.sqrt(365 * 86_400)) ** 2;
/** XBT price the model starts at, USD. */
export const START_XBT = 90_000;
/** Starting price of each underlying as a multiple of the XBT price (unknown ones: 1/1000). */
export const START_RATIO: Readonly<Record<string, number>> = { XBT: 1, ETH: 1 / 30 };
/** Premium of a perpetual over its index: long-run mean (BitMEX's usual +0.01 % funding), reversion per second, stationary sd. */
export const PREMIUM_MEAN = 0.0001;
export const PREMIUM_REVERSION = 1 / 1_800;
export const PREMIUM_SD = 0.0006;

/** Starting ratio of an underlying to XBT. */
export const startRatio = (underlying: string): number => START_RATIO[underlying] ?? 1 / 1_000;

/**
 * The driving XBT log price with GARCH(1,1)-style variance: shocks raise the next step's variance,
 * which decays back, so calm and busy spells cluster.
 */
export class DrivingPrice {
  /** Current variance per second of the log price. */
  variance = BASE_VAR_PER_SEC;

  constructor(
    /** USD. */
    public price = START_XBT,
  ) {}

  /** Advances `dtSec` seconds and returns the log-return shock applied. */
  step(rng: Rng, dtSec: number): number {
    const shock = rng.normal() * Math.sqrt(this.variance * dtSec);
    this.variance = BASE_VAR_PER_SEC * 0.05 + 0.9 * this.variance + 0.05 * ((shock * shock) / dtSec);
    this.price *= Math.exp(shock);
    return shock;
  }
}

/** A non-XBT underlying's ratio to XBT after `dtSec`: a slow multiplicative random walk. */
export function stepRatio(ratio: number, rng: Rng, dtSec: number): number {
  return ratio * Math.exp(rng.normal() * 0.0002 * Math.sqrt(dtSec));
}

/** A perpetual's premium over its index after `dtSec`: Ornstein–Uhlenbeck around {@link PREMIUM_MEAN}. */
export function stepPremium(premium: number, rng: Rng, dtSec: number): number {
  return (
    premium +
    PREMIUM_REVERSION * (PREMIUM_MEAN - premium) * dtSec +
    rng.normal() * PREMIUM_SD * Math.sqrt(2 * PREMIUM_REVERSION * dtSec)
  );
}
