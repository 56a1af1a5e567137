import { expect, it } from 'vitest';
import { decimalsOf, formatPrice, formatSize } from './format.js';

it('derives price precision from the tick size, not from a per-market table', () => {
  expect(decimalsOf(0.5)).toBe(1);
  expect(decimalsOf(0.01)).toBe(2);
  expect(decimalsOf(1)).toBe(0);
  expect(decimalsOf(1e-8)).toBe(8);
  expect(formatPrice(90012.5, 0.1)).toBe('90,012.5');
  expect(formatPrice(3012, 0.01)).toBe('3,012.00');
});

it('abbreviates large contract counts without silently rounding small ones', () => {
  expect(formatSize(9_999)).toBe('9,999');
  expect(formatSize(12_345_678)).toBe('12.35M');
  expect(formatSize(45_000)).toBe('45.00K');
});

it('formats money in the settlement currency’s precision, signed on request', async () => {
  const { formatMoney, signClass } = await import('./format.js');
  expect(formatMoney(0.00012345, 'XBT', { signed: true })).toBe('+0.00012345 XBT');
  expect(formatMoney(-1234.5, 'USDT')).toBe('-1,234.50 USDT');
  expect(formatMoney(null, 'XBT')).toBe('—');
  expect(signClass(-1)).toBe('down');
  expect(signClass(0)).toBe('');
});

it('formats durations as hh:mm:ss with days past 24 h, and UTC instants', async () => {
  const { formatDuration, formatUtc } = await import('./format.js');
  expect(formatDuration(0)).toBe('00:00:00');
  expect(formatDuration(3_723_000)).toBe('01:02:03');
  expect(formatDuration(2 * 86_400_000 + 5_000)).toBe('2d 00:00:05');
  expect(formatDuration(-5)).toBe('00:00:00');
  expect(formatUtc('2024-01-15T13:47:12.345Z')).toBe('2024-01-15 13:47:12');
  expect(formatUtc(0, true)).toBe('1970-01-01 00:00:00.000');
  expect(formatUtc('nope')).toBe('—');
});

it('never shows a negative zero: tiny negatives round to an unsigned 0', async () => {
  const { formatMoney, formatNumber, formatPct, formatDecimal } = await import('./format.js');
  expect(formatPct(-0.001)).toBe('0.00%');
  expect(formatPct(-0.001, 2, true)).toBe('0.00%');
  expect(formatPct(0.001, 2, true)).toBe('0.00%');
  expect(formatPct(0.005, 2, true)).toBe('+0.01%');
  expect(formatPct(-0.006)).toBe('-0.01%');
  expect(formatPct(-0)).toBe('0.00%');
  expect(formatPct(1234.5)).toBe('1234.50%');
  expect(formatNumber(-0.004)).toBe('0.00');
  expect(formatNumber(-0.004, 2, true)).toBe('0.00');
  expect(formatNumber(1.5, 2, true)).toBe('+1.50');
  expect(formatNumber(Number.POSITIVE_INFINITY, 2, true)).toBe('+∞');
  expect(formatMoney(-1e-10, 'XBT', { signed: true })).toBe('0.00000000 XBT');
  expect(formatMoney(-0.004, 'USDT')).toBe('0.00 USDT');
  expect(formatDecimal(-0.4, 0)).toBe('0');
});

it('formats the same number the same way every time (cached formatters)', async () => {
  const { formatDecimal, formatPrice, formatQty } = await import('./format.js');
  expect(formatDecimal(1234.5, 2)).toBe('1,234.50');
  expect(formatDecimal(1234.5, 2)).toBe('1,234.50');
  expect(formatDecimal(1234.5, 2, 2, { grouping: false })).toBe('1234.50');
  expect(formatPrice(-0.04, 0.1)).toBe('0.0');
  expect(formatQty(1.25, 0.1)).toBe('1.3');
  expect(formatQty(100, 1)).toBe('100');
});

it('formats indicator values of any size with four significant digits, never as -0', async () => {
  const { formatIndicator } = await import('./format.js');
  expect(formatIndicator(-0.0000312345)).toBe('-0.00003123');
  expect(formatIndicator(1.23456)).toBe('1.235');
  expect(formatIndicator(-2.5)).toBe('-2.5');
  expect(formatIndicator(0)).toBe('0');
  expect(formatIndicator(-1e-15)).toBe('0');
  expect(formatIndicator(90123.456)).toBe('90,123.46');
  expect(formatIndicator(Number.NaN)).toBe('—');
});
