import { type Instrument, priceToTicks, ticksToPrice } from '../market/instruments.js';
import { Rng } from './rng.js';

/** A BitMEX `trade` table row, exactly as the exchange sends it. */
export interface BitmexTradeRow {
  timestamp: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  size: number;
  price: number;
  tickDirection: 'PlusTick' | 'MinusTick' | 'ZeroPlusTick' | 'ZeroMinusTick';
  trdMatchID: string;
  grossValue: number;
  homeNotional: number;
  foreignNotional: number;
}

export interface ModelOptions {
  seed: number;
  /** Simulated clock start, unix ms UTC. */
  startMs: number;
  instruments: readonly Instrument[];
  /** Mean trades per second per market. @default 4 */
  tradesPerSecond?: number;
}

interface LegState {
  instrument: Instrument;
  /** Multiplicative basis of this leg against the driving XBT price (ETH/XBT ratio for ETHUSD). */
  basis: number;
  lastTicks: number;
  lastDirection: BitmexTradeRow['tickDirection'];
}

/** Annualised volatility floor/base; per-step variance follows GARCH(1,1) so calm and busy spells cluster. */
const BASE_VAR_PER_SEC = (0.6 / Math.sqrt(365 * 86_400)) ** 2;

/**
 * The simulator's market: one driving XBT price with volatility clustering, legs correlated
 * through it (XBTUSD and XBTUSDT follow it with a small basis; ETHUSD follows it times a slowly
 * wandering ETH/XBT ratio), and trades drawn around the moving price. Deterministic for a seed.
 */
export class MarketModel {
  private readonly rng: Rng;
  private readonly legs: LegState[];
  private readonly tradesPerSecond: number;
  private xbt = 90_000;
  private variance = BASE_VAR_PER_SEC;
  nowMs: number;

  constructor(opts: ModelOptions) {
    this.rng = new Rng(opts.seed);
    this.nowMs = opts.startMs;
    this.tradesPerSecond = opts.tradesPerSecond ?? 4;
    this.legs = opts.instruments.map((instrument) => {
      const basis = instrument.underlying === 'ETH' ? 1 / 30 : 1;
      return {
        instrument,
        basis,
        lastTicks: Math.round((this.xbt * basis) / instrument.tickSize),
        lastDirection: 'ZeroPlusTick',
      };
    });
  }

  /** The leg's current fair price in quote currency. */
  fairPrice(symbol: string): number {
    const leg = this.legs.find((l) => l.instrument.symbol === symbol);
    if (!leg) throw new RangeError(`simulator has no market ${symbol}`);
    return this.xbt * leg.basis;
  }

  /** Advances the clock by `dtMs` and returns the trades printed meanwhile, time-ordered. */
  step(dtMs: number): BitmexTradeRow[] {
    const dtSec = dtMs / 1000;
    // GARCH(1,1)-style variance update: shocks raise the next step's variance, which decays back.
    const shock = this.rng.normal() * Math.sqrt(this.variance * dtSec);
    this.variance = BASE_VAR_PER_SEC * 0.05 + 0.9 * this.variance + 0.05 * ((shock * shock) / dtSec);
    this.xbt *= Math.exp(shock);
    const trades: BitmexTradeRow[] = [];
    for (const leg of this.legs) {
      if (leg.instrument.underlying === 'ETH') {
        leg.basis *= Math.exp(this.rng.normal() * 0.0002 * Math.sqrt(dtSec));
      }
      const count = this.rng.poisson(this.tradesPerSecond * dtSec);
      for (let i = 0; i < count; i++) {
        trades.push(this.trade(leg, this.nowMs + Math.floor(((i + 1) * dtMs) / (count + 1)), shock));
      }
    }
    this.nowMs += dtMs;
    trades.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    return trades;
  }

  private trade(leg: LegState, timeMs: number, shock: number): BitmexTradeRow {
    const { instrument } = leg;
    // Buyers lift the offer when the price rises; the half spread is one tick.
    const buy = this.rng.next() < 0.5 + Math.max(-0.3, Math.min(0.3, shock * 2_000));
    const fairTicks = (this.xbt * leg.basis) / instrument.tickSize;
    const ticks = buy ? Math.ceil(fairTicks) : Math.floor(fairTicks);
    const lots = 1 + Math.floor(-Math.log(Math.max(this.rng.next(), 1e-9)) * 5);
    const size = lots * instrument.lotSize;
    leg.lastDirection =
      ticks > leg.lastTicks
        ? 'PlusTick'
        : ticks < leg.lastTicks
          ? 'MinusTick'
          : leg.lastDirection.endsWith('PlusTick')
            ? 'ZeroPlusTick'
            : 'ZeroMinusTick';
    leg.lastTicks = ticks;
    const price = ticksToPrice(ticks, instrument.tickSize);
    priceToTicks(price, instrument.tickSize); // invariant: the simulator never prints off-tick prices
    return {
      timestamp: new Date(timeMs).toISOString(),
      symbol: instrument.symbol,
      side: buy ? 'Buy' : 'Sell',
      size,
      price,
      tickDirection: leg.lastDirection,
      trdMatchID: this.rng.uuid(),
      ...notionals(instrument, size, price),
    };
  }
}

/** BitMEX's grossValue (settle minor units), homeNotional (underlying) and foreignNotional (quote). */
function notionals(
  instrument: Instrument,
  size: number,
  price: number,
): Pick<BitmexTradeRow, 'grossValue' | 'homeNotional' | 'foreignNotional'> {
  switch (instrument.kind) {
    case 'inverse': {
      const grossValue = Math.round((size / price) * 1e8);
      return { grossValue, homeNotional: grossValue / 1e8, foreignNotional: size };
    }
    case 'quanto': {
      const grossValue = Math.round(price * instrument.multiplier * size);
      return { grossValue, homeNotional: size, foreignNotional: size * price };
    }
    case 'linear': {
      const home = size / (instrument.underlyingToPositionMultiplier ?? 1);
      return { grossValue: Math.round(home * price * 1e6), homeNotional: home, foreignNotional: home * price };
    }
  }
}
