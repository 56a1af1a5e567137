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

/** Ticks per unit of price when that is a whole number (0.1 → 10, 0.5 → 2, 1e-8 → 1e8), else NaN. */
const perUnitCache = new Map<number, number>();
export function ticksPerUnit(tickSize: number): number {
  let n = perUnitCache.get(tickSize);
  if (n === undefined) {
    const inv = Math.round(1 / tickSize);
    n = tickSize <= 1 && Math.abs(inv * tickSize - 1) < 1e-12 ? inv : Number.NaN;
    perUnitCache.set(tickSize, n);
  }
  return n;
}
let lastTick = Number.NaN;
let lastPerUnit = Number.NaN;

/**
 * Integer ticks → price in quote currency, rounded to the tick's decimals (0.1 × 3 is 0.3). For
 * ticks like 0.1 or 1e-8 it divides by the whole ticks-per-unit: IEEE division is correctly
 * rounded, so the result is the double nearest the exact decimal, as parsing it would give, and no
 * string is built (the backtest hot path converts every trade).
 */
export function fromTicks(ticks: number, tickSize: number): number {
  if (tickSize !== lastTick) {
    lastTick = tickSize;
    lastPerUnit = ticksPerUnit(tickSize);
  }
  if (!Number.isNaN(lastPerUnit)) return ticks / lastPerUnit;
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
