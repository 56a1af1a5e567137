import { expect, it } from 'vitest';
import { TradeDeduper } from '../src/market/trade-dedupe.js';

it('accepts an id once and forgets the oldest ids beyond its capacity', () => {
  const d = new TradeDeduper(2);
  expect(d.accept('a')).toBe(true);
  expect(d.accept('a')).toBe(false);
  expect(d.accept('b')).toBe(true);
  expect(d.accept('c')).toBe(true); // evicts a
  expect(d.accept('b')).toBe(false);
  expect(d.accept('a')).toBe(true);
});
