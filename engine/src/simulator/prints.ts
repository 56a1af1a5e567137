import { type Instrument, ticksToPrice } from '../market/instruments.js';
import type { Fill } from './order-flow.js';
import type { Rng } from './rng.js';

/** A BitMEX `trade` table row, exactly as the exchange sends it (a type alias, so it is a plain `Row`). */
export type BitmexTradeRow = {
  timestamp: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  size: number;
  price: number;
  tickDirection: TickDirection;
  trdMatchID: string;
  grossValue: number;
  homeNotional: number;
  foreignNotional: number;
};

/** BitMEX tick direction of a print against the previous print's price. */
export type TickDirection = 'PlusTick' | 'MinusTick' | 'ZeroPlusTick' | 'ZeroMinusTick';

/** Turns one market's fills into `trade` rows: tick direction against the previous print, match ids. */
export class TradePrinter {
  /** Price of the last print, ticks. */
  lastTicks: number;
  lastDirection: TickDirection = 'ZeroPlusTick';

  constructor(
    private readonly instrument: Instrument,
    private readonly rng: Rng,
    initialTicks: number,
  ) {
    this.lastTicks = initialTicks;
  }

  /** The `trade` row of one fill (draws its trdMatchID from the market's stream). */
  print(fill: Fill): BitmexTradeRow {
    const { instrument } = this;
    this.lastDirection =
      fill.ticks > this.lastTicks
        ? 'PlusTick'
        : fill.ticks < this.lastTicks
          ? 'MinusTick'
          : this.lastDirection.endsWith('PlusTick')
            ? 'ZeroPlusTick'
            : 'ZeroMinusTick';
    this.lastTicks = fill.ticks;
    const price = ticksToPrice(fill.ticks, instrument.tickSize);
    return {
      timestamp: new Date(fill.timeMs).toISOString(),
      symbol: instrument.symbol,
      side: fill.side,
      size: fill.size,
      price,
      tickDirection: this.lastDirection,
      trdMatchID: this.rng.uuid(),
      ...notionals(instrument, fill.size, price),
    };
  }
}

/**
 * BitMEX's grossValue (settle currency minor units: XBt or USDt), homeNotional (underlying) and
 * foreignNotional (quote currency) of `size` contracts at `price`.
 */
export function notionals(
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
