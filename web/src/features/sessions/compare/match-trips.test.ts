import { expect, it } from 'vitest';
import { matchRoundTrips, summarize, type TripLike } from './match-trips.js';

const T0 = Date.parse('2024-01-15T12:00:00.000Z');
let seq = 0;
const trip = (atS: number, over: Partial<TripLike> = {}): TripLike => ({
  seq: seq++,
  market: 'XBTUSD',
  side: 'long',
  qty: 100,
  entryTime: new Date(T0 + atS * 1000).toISOString(),
  exitTime: new Date(T0 + (atS + 60) * 1000).toISOString(),
  entryPrice: 40_000,
  exitPrice: 40_100,
  pnl: 0.000006,
  ...over,
});

it('pairs identical trades and reports no divergence', () => {
  const a = [trip(0), trip(300)];
  const b = [trip(0), trip(300)];
  const rows = matchRoundTrips(a, b);
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r.a && r.b && !r.divergent)).toBe(true);
  expect(summarize(rows)).toEqual({ matched: 2, identical: 2, divergent: 0, onlyA: 0, onlyB: 0 });
});

it('pairs by market, side and the nearest entry time, not by position in the list', () => {
  const a = [trip(0), trip(100)];
  // b misses the first trade: its only trip must pair with a's second one, not the first.
  const b = [trip(101)];
  const rows = matchRoundTrips(a, b);
  expect(rows.map((r) => [r.a?.entryTime ?? null, r.b?.entryTime ?? null])).toEqual([
    [a[0]?.entryTime, null],
    [a[1]?.entryTime, b[0]?.entryTime],
  ]);
  expect(rows[1]?.entryDtMs).toBe(1_000);
  const other = matchRoundTrips([trip(0)], [trip(0, { side: 'short' }), trip(0, { market: 'ETHUSD' })]);
  expect(summarize(other)).toMatchObject({ matched: 0, onlyA: 1, onlyB: 2 });
});

it('flags price, P&L, time and size divergences beyond the tolerances', () => {
  const [r] = matchRoundTrips([trip(0)], [trip(5, { entryPrice: 40_100, pnl: 0.000001, qty: 200 })]);
  expect(r?.diverges).toEqual({ time: true, price: true, pnl: true, qty: true });
  expect(r?.entryPriceDiff).toBe(100);
  const [small] = matchRoundTrips([trip(0)], [trip(1, { entryPrice: 40_010, pnl: 0.0000061 })]);
  expect(small?.divergent).toBe(false); // 1 s, 0.025 %, 1.7 % are within tolerance
});

it('leaves trades further apart than the gap unmatched, both sides', () => {
  const rows = matchRoundTrips([trip(0)], [trip(600)]);
  expect(summarize(rows)).toEqual({ matched: 0, identical: 0, divergent: 0, onlyA: 1, onlyB: 1 });
  expect(rows.every((r) => r.divergent)).toBe(true);
  expect(matchRoundTrips([], [])).toEqual([]);
});
