import { expect, it } from 'vitest';
import { pointsPerCandle } from './indicator-points.js';

it('keeps the last value plotted in each candle, at the candle’s time, ascending', () => {
  const points = [
    { time: 125_000, value: 3 },
    { time: 61_000, value: 1 },
    { time: 119_000, value: 2 },
    { time: 121_000, value: 2.5 },
  ];
  expect(pointsPerCandle(points, 'M1', 0)).toEqual([
    { time: 60, value: 2 },
    { time: 120, value: 3 },
  ]);
});

it('leaves out values before the oldest candle, and everything while there is none', () => {
  const points = [
    { time: 10_000, value: 1 },
    { time: 3_700_000, value: 2 },
  ];
  expect(pointsPerCandle(points, 'H1', 3_600)).toEqual([{ time: 3_600, value: 2 }]);
  expect(pointsPerCandle(points, 'H1', null)).toEqual([]);
  expect(pointsPerCandle([{ time: 0, value: Number.NaN }], 'M1', 0)).toEqual([]);
});
