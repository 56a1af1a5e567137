import { expect, it } from 'vitest';
import { formatMetric } from './metric-format.js';

it('formats each kind of metric: money, percent, share of 1, ratio, count, duration', () => {
  expect(formatMetric('money', 0.0021, 'XBT', true)).toBe('+0.00210000 XBT');
  expect(formatMetric('money', -12.5, 'USDT')).toBe('-12.50 USDT');
  expect(formatMetric('pct', 1.234, null)).toBe('1.23%');
  expect(formatMetric('share', 0.58, null)).toBe('58.0%');
  expect(formatMetric('ratio', 1.845, null)).toBe('1.85');
  expect(formatMetric('ratio', Number.POSITIVE_INFINITY, null)).toBe('∞');
  expect(formatMetric('count', 2, null, true)).toBe('+2');
  expect(formatMetric('duration', 42 * 60_000, null)).toBe('00:42:00');
  expect(formatMetric('duration', -5_000, null, true)).toBe('-00:00:05');
  expect(formatMetric('ratio', null, null)).toBe('—');
});

it('shows no negative zero and no sign on values that round to zero', () => {
  expect(formatMetric('pct', -0.001, null)).toBe('0.00%');
  expect(formatMetric('pct', -0.001, null, true)).toBe('0.00%');
  expect(formatMetric('share', -0.0001, null, true)).toBe('0.0%');
  expect(formatMetric('ratio', -0.001, null, true)).toBe('0.00');
  expect(formatMetric('money', -1e-12, 'XBT', true)).toBe('0.00000000 XBT');
  expect(formatMetric('count', 0, null, true)).toBe('0');
  expect(formatMetric('count', -3, null, true)).toBe('-3');
  expect(formatMetric('duration', -400, null, true)).toBe('00:00:00');
});
