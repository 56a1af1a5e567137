import { expect, it } from 'vitest';
import { getInstrument, priceToTicks, ticksToPrice, UnknownMarketError } from '../src/market/instruments.js';

it('converts prices to integer ticks exactly and back', () => {
  expect(priceToTicks(9378.3, 0.1)).toBe(93783);
  expect(ticksToPrice(93783, 0.1)).toBe(9378.3);
  expect(priceToTicks(1811.65, 0.05)).toBe(36233);
  expect(ticksToPrice(3, 0.1), 'no float noise such as 0.30000000000000004').toBe(0.3);
});

it('rejects a price that is not on the tick grid instead of rounding it', () => {
  expect(() => priceToTicks(100.25, 0.5)).toThrow(/not a multiple of tick/);
});

it('names the known markets when asked for an unknown one', () => {
  expect(() => getInstrument('DOGEUSD')).toThrow(UnknownMarketError);
  expect(() => getInstrument('DOGEUSD')).toThrow(/XBTUSD/);
  expect(getInstrument('XBTUSD').kind).toBe('inverse');
  expect(getInstrument('ETHUSD').kind).toBe('quanto');
  expect(getInstrument('XBTUSDT').kind).toBe('linear');
});
