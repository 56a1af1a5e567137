import type { Instrument } from '../market/instruments.js';
import { type Currency, Portfolio } from '../portfolio/portfolio.js';
import { defaultFees, type FeeRates } from '../venue/simulated-venue.js';

/**
 * Adapters every simulated run (backtest, paper session) is wired with the same way: the
 * portfolio in the first leg's settlement currency and the fee table.
 */

/** Starting balance when a session names none, by session currency. */
export const DEFAULT_INITIAL_BALANCE: Readonly<Record<Currency, number>> = { XBT: 1, USDT: 100_000 };

/**
 * A portfolio in the first leg's settlement currency. Other currencies convert at the latest XBT
 * price `xbtPrice()` gives (null before the first: nothing can be open in the other currency yet).
 */
export function sessionPortfolio(
  instruments: readonly Instrument[],
  initialBalance: number | undefined,
  xbtPrice: () => number | null,
): Portfolio {
  const currency = instruments[0]?.settleCurrency ?? 'XBT';
  return new Portfolio({
    instruments,
    initialBalance: initialBalance ?? DEFAULT_INITIAL_BALANCE[currency],
    currency,
    fx: (from) => {
      if (from === currency) return 1;
      const px = xbtPrice();
      // Before the first XBT price nothing can be open in the other currency: any rate values 0 as 0.
      if (px === null) return 1;
      return from === 'USDT' ? 1 / px : px;
    },
  });
}

/** Fee rates per symbol: the given maker / taker rates, else each instrument's default. */
export function feeTable(
  instruments: readonly Instrument[],
  makerFee?: number,
  takerFee?: number,
): Record<string, FeeRates> {
  return Object.fromEntries(
    instruments.map((i) => {
      const d = defaultFees(i);
      return [i.symbol, { maker: makerFee ?? d.maker, taker: takerFee ?? d.taker }];
    }),
  );
}

/**
 * The simulated venue's initial-margin check for a session at `leverage` (cross margin): an order
 * is refused when the initial margin of every position, this one as the order leaves it, exceeds
 * the equity (balance + unrealised P&L).
 */
export function marginGuard(
  portfolio: Portfolio,
  leverage: number,
): (symbol: string, positionAfter: number, price: number) => string | null {
  return (symbol, positionAfter, price) => {
    const required = portfolio.marginIfHeld(symbol, positionAfter, price, leverage);
    const equity = portfolio.equity();
    if (required <= equity) return null;
    return `insufficient margin: ${required.toPrecision(6)} needed at ${leverage}× leverage for a position of ${positionAfter}, equity ${equity.toPrecision(6)}`;
  };
}

/** A strategy's `leverage` parameter (every strategy has one, default 1). */
export const leverageOf = (params: unknown): number => {
  const v = (params as { leverage?: unknown } | null)?.leverage;
  return typeof v === 'number' && v > 0 ? v : 1;
};
