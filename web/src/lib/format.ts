/** Decimal places implied by a tick size: 0.5 → 1, 0.01 → 2, 1 → 0. */
export function decimalsOf(tickSize: number): number {
  const text = tickSize.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp?.[1]) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `en-US` number text with `min`..`max` decimals. Formatters are cached: building one is costly
 * (toLocaleString builds one per call), and the book and tape format hundreds of numbers a second.
 * Never "-0.00": a value that rounds to zero has no sign; `signed` adds "+" only to values that
 * stay positive after rounding.
 */
export function formatDecimal(value: number, min: number, max = min, { signed = false, grouping = true } = {}): string {
  const key = `${min}:${max}:${signed}:${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      signDisplay: signed ? 'exceptZero' : 'negative',
      useGrouping: grouping,
    });
    formatters.set(key, f);
  }
  return f.format(value);
}

/** A price with exactly the instrument's precision and thousands separators, e.g. 90,012.5. */
export function formatPrice(price: number, tickSize: number): string {
  const d = decimalsOf(tickSize);
  return formatDecimal(price, d);
}

/** A contract count: exact below 10k, then K/M/B with two decimals (sizes are never rounded away). */
export function formatSize(size: number): string {
  const abs = Math.abs(size);
  if (abs >= 1e9) return `${(size / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(size / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(size / 1e3).toFixed(2)}K`;
  return formatDecimal(size, 0, 3);
}

/** Decimals a settlement currency is shown with: satoshi precision for XBT, cents for USD(T). */
export function currencyDecimals(currency: string | null | undefined): number {
  if (currency === 'XBT' || currency === 'BTC') return 8;
  if (currency === 'USDT' || currency === 'USD' || currency === 'USDC') return 2;
  return 6;
}

/** An amount of money with its currency, e.g. `+0.00012345 XBT`; `—` when unknown. */
export function formatMoney(
  value: number | null | undefined,
  currency: string | null | undefined,
  { signed = false, unit = true }: { signed?: boolean; unit?: boolean } = {},
): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const text = formatDecimal(value, currencyDecimals(currency), undefined, { signed });
  return `${text}${unit && currency ? ` ${currency}` : ''}`;
}

/** A percentage, e.g. `+1.25%` with `signed`; `—` when unknown. */
export function formatPct(value: number | null | undefined, digits = 2, signed = false): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return `${formatDecimal(value, digits, digits, { signed, grouping: false })}%`;
}

/** A plain number with fixed decimals; `—` when unknown, `∞` for infinities. */
export function formatNumber(value: number | null | undefined, digits = 2, signed = false): string {
  if (value == null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? `${signed ? '+' : ''}∞` : '-∞';
  return formatDecimal(value, digits, digits, { signed });
}

/** A quantity in contracts with the instrument's lot precision. */
export function formatQty(qty: number, lotSize = 1): string {
  return formatDecimal(qty, 0, decimalsOf(lotSize));
}

/** `up` / `down` / '' by sign, for colouring P&L. */
export function signClass(value: number | null | undefined): string {
  if (value == null || value === 0 || !Number.isFinite(value)) return '';
  return value > 0 ? 'up' : 'down';
}

/** A duration as `hh:mm:ss`, with days in front past 24 h (`2d 03:04:05`); negative → 00:00:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** An instant as `YYYY-MM-DD HH:MM:SS` in UTC (input: ISO string, unix ms or Date; DateTime scalars). */
export function formatUtc(time: unknown, withMs = false): string {
  if (time == null || time === '') return '—';
  const d = time instanceof Date ? time : new Date(typeof time === 'number' ? time : String(time));
  if (Number.isNaN(d.getTime())) return '—';
  return d
    .toISOString()
    .slice(0, withMs ? 23 : 19)
    .replace('T', ' ');
}

/**
 * A strategy's indicator value of any magnitude (a z-score, a divergence of 0.00003, a price):
 * four significant digits, at most two decimals from 100 on, never "-0".
 */
export function formatIndicator(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return formatDecimal(value, 2);
  if (abs < 1e-12) return '0';
  const decimals = Math.min(12, Math.max(0, 3 - Math.floor(Math.log10(abs))));
  return formatDecimal(Number(value.toPrecision(4)), 0, decimals);
}
