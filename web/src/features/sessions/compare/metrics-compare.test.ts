import { expect, it } from 'vitest';
import { compareMetrics, METRIC_DEFS } from './metrics-compare.js';

it('lines up every metric with its difference and agreement', () => {
  const rows = compareMetrics(
    { netPnl: 0.01, winRate: 0.5, sharpe: null },
    { netPnl: 0.01005, winRate: 0.6, sharpe: null },
  );
  expect(rows).toHaveLength(METRIC_DEFS.length);
  const pnl = rows.find((r) => r.key === 'netPnl');
  expect(pnl?.diff).toBeCloseTo(0.00005);
  expect(pnl?.same).toBe(true); // 0.5 % apart
  const win = rows.find((r) => r.key === 'winRate');
  expect(win).toMatchObject({ a: 0.5, b: 0.6, same: false });
  expect(rows.find((r) => r.key === 'sharpe')).toMatchObject({ a: null, b: null, diff: null, same: true });
  expect(compareMetrics(null, { fills: 3 }).find((r) => r.key === 'fills')).toMatchObject({
    a: null,
    b: 3,
    same: false,
  });
});
