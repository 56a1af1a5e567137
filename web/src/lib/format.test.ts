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
