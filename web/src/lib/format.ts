/** Decimal places implied by a tick size: 0.5 → 1, 0.01 → 2, 1 → 0. */
export function decimalsOf(tickSize: number): number {
  const text = tickSize.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp?.[1]) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A price with exactly the instrument's precision and thousands separators, e.g. 90,012.5. */
export function formatPrice(price: number, tickSize: number): string {
  const d = decimalsOf(tickSize);
  return price.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A contract count: exact below 10k, then K/M/B with two decimals (sizes are never rounded away). */
export function formatSize(size: number): string {
  const abs = Math.abs(size);
  if (abs >= 1e9) return `${(size / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(size / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(size / 1e3).toFixed(2)}K`;
  return size.toLocaleString('en-US');
}
