/**
 * Price ↔ integer-tick conversions: the one implementation (instruments.ts re-exports it).
 * Exact for every tick size including 1e-8 (the satoshi, BitMEX's finest price precision), which
 * prints in exponent form and makes naive decimal counting or fixed tolerances fail.
 */

const decimalsCache = new Map<number, number>();

/** Decimal places of a tick size, also when it prints in exponent form (1e-8 → 8, 0.05 → 2, 5 → 0). */
export function tickDecimals(tickSize: number): number {
  const cached = decimalsCache.get(tickSize);
  if (cached !== undefined) return cached;
  let decimals = 0;
  while (decimals < 20 && Number(tickSize.toFixed(decimals)) !== tickSize) decimals++;
  decimalsCache.set(tickSize, decimals);
  return decimals;
}

/** Integer ticks → price in quote currency, rounded to the tick's decimals (0.1 × 3 is 0.3). */
export function fromTicks(ticks: number, tickSize: number): number {
  return Number((ticks * tickSize).toFixed(tickDecimals(tickSize)));
}

/**
 * Price → integer ticks, or null when the price is not a whole number of ticks (beyond float
 * noise) or the tick count is not a safe integer.
 */
export function toTicks(price: number, tickSize: number): number | null {
  const ticks = Math.round(price / tickSize);
  if (!Number.isSafeInteger(ticks)) return null;
  if (fromTicks(ticks, tickSize) === price) return ticks;
  // Float noise only: a relative error far below any real price difference.
  return Math.abs(ticks * tickSize - price) <= Math.abs(price) * 1e-12 ? ticks : null;
}

/** Like {@link toTicks}, but an off-grid price is an error: it is rejected, never rounded. */
export function priceToTicks(price: number, tickSize: number): number {
  const ticks = toTicks(price, tickSize);
  if (ticks === null) throw new RangeError(`price ${price} is not a multiple of tick ${tickSize}`);
  return ticks;
}
