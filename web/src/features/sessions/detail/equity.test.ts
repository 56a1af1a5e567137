import { expect, it } from 'vitest';
import { drawdownPoints, toChartPoints } from './equity.js';

it('turns ms equity into ascending one-per-second chart points', () => {
  const pts = toChartPoints([
    { time: 3_000, equity: 3 },
    { time: 1_000, equity: 1 },
    { time: 1_500, equity: 1.5 },
    { time: Number.NaN, equity: 9 },
  ]);
  expect(pts).toEqual([
    { time: 1, value: 1.5 },
    { time: 3, value: 3 },
  ]);
});

it('measures the drawdown below the running peak in percent', () => {
  const dd = drawdownPoints([
    { time: 1, value: 100 },
    { time: 2, value: 90 },
    { time: 3, value: 120 },
    { time: 4, value: 60 },
  ]);
  expect(dd.map((p) => p.value)).toEqual([0, -10, 0, -50]);
});
