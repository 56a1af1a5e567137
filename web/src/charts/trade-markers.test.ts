import { expect, it } from 'vitest';
import { DOWN, UP } from './theme.js';
import { roundTripMarkers } from './trade-markers.js';

const MIN = 60_000;
const opts = { period: 'M1' as const, firstBarTime: 0, formatPnl: (p: number) => (p > 0 ? `+${p}` : String(p)) };

it('marks a long entry with an up arrow below the bar and its exit with a down arrow and the P&L', () => {
  const markers = roundTripMarkers(
    [{ seq: 0, side: 'long', entryMs: 5 * MIN + 30_000, exitMs: 7 * MIN, pnl: 2 }],
    opts,
  );
  expect(markers).toEqual([
    { id: 'entry-0', time: 300, position: 'belowBar', shape: 'arrowUp', color: UP, text: 'L' },
    { id: 'exit-0', time: 420, position: 'aboveBar', shape: 'arrowDown', color: UP, text: '+2' },
  ]);
});

it('marks a short the other way round, a loss in red, on the candle of the period', () => {
  const markers = roundTripMarkers([{ seq: 3, side: 'short', entryMs: 61 * MIN, exitMs: 130 * MIN, pnl: -1 }], {
    ...opts,
    period: 'H1',
  });
  expect(markers.map((m) => [m.time, m.shape, m.position, m.color, m.text])).toEqual([
    [3600, 'arrowDown', 'aboveBar', DOWN, 'S'],
    [7200, 'arrowUp', 'belowBar', DOWN, '-1'],
  ]);
});

it('sorts by time and leaves out what lies before the first candle on the chart', () => {
  const trips = [
    { seq: 2, side: 'long', entryMs: 20 * MIN, exitMs: 21 * MIN, pnl: 1 },
    { seq: 1, side: 'short', entryMs: 4 * MIN, exitMs: 12 * MIN, pnl: 1 },
  ];
  const markers = roundTripMarkers(trips, { ...opts, firstBarTime: 10 * 60 });
  expect(markers.map((m) => m.id)).toEqual(['exit-1', 'entry-2', 'exit-2']);
  expect(roundTripMarkers(trips, { ...opts, firstBarTime: null })).toEqual([]);
});
