import { describe, expect, it } from 'vitest';
import { computeMetrics, METRICS_VERSION, type MetricsInput } from '../src/metrics/metrics.js';
import type { EquityPoint, RoundTrip } from '../src/portfolio/portfolio-port.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 1);

function input(equity: EquityPoint[], over: Partial<MetricsInput> = {}): MetricsInput {
  const from = equity[0]?.time ?? T0;
  const to = equity[equity.length - 1]?.time ?? T0;
  return { equity, roundTrips: [], fills: 0, feesPaid: 0, fundingPaid: 0, fromMs: from, toMs: to, ...over };
}

function trip(pnl: number): RoundTrip {
  const base = { market: 'XBTUSD', side: 'long', qty: 100, entryTime: 0, exitTime: 1 } as const;
  return { ...base, entryPrice: 1, exitPrice: 1, pnl, fees: 0, funding: 0 };
}

/** Sample-std Sharpe of [0.1, −0.1, 0.1], unannualised: mean 1/30, std √(0.08/3 / 2). */
const RAW_SHARPE = 1 / 30 / Math.sqrt((2 * (0.2 / 3) ** 2 + (0.4 / 3) ** 2) / 2);

describe('Sharpe and Sortino', () => {
  it('samples the last point at or before each UTC midnight on runs of 2 days or more', () => {
    const m = computeMetrics(
      input([
        { time: T0, equity: 100 },
        { time: T0 + 12 * HOUR, equity: 500 }, // intraday: not a day-end sample
        { time: T0 + DAY, equity: 110 },
        { time: T0 + DAY + 6 * HOUR, equity: 105 },
        { time: T0 + 2 * DAY, equity: 99 },
        { time: T0 + 3 * DAY, equity: 108.9 },
      ]),
    );
    expect(METRICS_VERSION).toBe(1);
    expect(m.sharpeBasis).toBe('daily');
    expect(m.sharpe).toBeCloseTo(RAW_SHARPE * Math.sqrt(365), 9);
    // Downside deviation √(0.01 / 2) with n − 1 = 2.
    expect(m.sortino).toBeCloseTo((1 / 30 / Math.sqrt(0.01 / 2)) * Math.sqrt(365), 9);
  });

  it('uses hourly samples × √8760 on runs shorter than 2 days', () => {
    const m = computeMetrics(
      input([
        { time: T0, equity: 100 },
        { time: T0 + HOUR, equity: 110 },
        { time: T0 + HOUR + 30_000, equity: 1 }, // not an hour end
        { time: T0 + 2 * HOUR, equity: 99 },
        { time: T0 + 3 * HOUR, equity: 108.9 },
      ]),
    );
    expect(m.sharpeBasis).toBe('hourly');
    expect(m.sharpe).toBeCloseTo(RAW_SHARPE * Math.sqrt(8760), 9);
  });

  it('is null with fewer than 2 returns, a flat curve, or no losing period (Sortino)', () => {
    expect(computeMetrics(input([{ time: T0, equity: 1 }])).sharpe).toBeNull();
    expect(
      computeMetrics(
        input([
          { time: T0, equity: 1 },
          { time: T0 + HOUR, equity: 2 },
        ]),
      ).sharpe,
    ).toBeNull();
    const flat = [0, 1, 2, 3].map((h) => ({ time: T0 + h * HOUR, equity: 5 }));
    expect(computeMetrics(input(flat)).sharpe).toBeNull();
    const up = [1, 2, 4, 5].map((e, h) => ({ time: T0 + h * HOUR, equity: e }));
    expect(computeMetrics(input(up)).sortino).toBeNull();
    expect(computeMetrics(input(up)).sharpe).not.toBeNull();
  });
});

describe('drawdown', () => {
  it('measures peak-to-trough depth and the longest time under a peak', () => {
    const curve = [100, 120, 90, 110, 120, 130, 117].map((e, h) => ({ time: T0 + h * HOUR, equity: e }));
    const m = computeMetrics(input(curve));
    expect(m.maxDrawdown).toBe(30);
    expect(m.maxDrawdownPct).toBeCloseTo(25, 12);
    // 120 at 1 h, back to 120 at 4 h → 3 h; 130 at 5 h, unrecovered at 6 h → 1 h.
    expect(m.maxDrawdownDurationMs).toBe(3 * HOUR);
    expect(m.netPnl).toBe(17);
    expect(m.returnPct).toBeCloseTo(17, 12);
  });

  it('takes the absolute and the percentage maxima independently; an open drawdown runs to the end', () => {
    const curve = [50, 25, 200, 160, 170, 180].map((e, d) => ({ time: T0 + d * DAY, equity: e }));
    const m = computeMetrics(input(curve));
    expect(m.maxDrawdown).toBe(40);
    expect(m.maxDrawdownPct).toBeCloseTo(50, 12);
    // 50 → recovered 2 days later; 200 at day 2 still unrecovered at day 5 → 3 days.
    expect(m.maxDrawdownDurationMs).toBe(3 * DAY);
  });

  it('Calmar = annualised return % / max drawdown %', () => {
    const span = 730 * DAY;
    const curve = [
      { time: T0, equity: 100 },
      { time: T0 + DAY, equity: 80 },
      { time: T0 + span, equity: 121 },
    ];
    const m = computeMetrics(input(curve));
    // (121/100)^(365/730) − 1 = 10 %; drawdown 20 %.
    expect(m.calmar).toBeCloseTo(0.5, 9);
    expect(computeMetrics(input([curve[0] as EquityPoint, curve[2] as EquityPoint])).calmar).toBeNull();
  });
});

describe('round trip statistics', () => {
  it('computes win rate, profit factor, expectancy and extremes', () => {
    const m = computeMetrics(input([], { roundTrips: [3, -1, 2, -2, 0].map(trip), fills: 10 }));
    expect(m).toMatchObject({ roundTrips: 5, fills: 10, winRate: 0.4, avgWin: 2.5, avgLoss: -1.5 });
    expect(m).toMatchObject({ largestWin: 3, largestLoss: -2 });
    expect(m.profitFactor).toBeCloseTo(5 / 3, 12);
    expect(m.expectancy).toBeCloseTo(0.4, 12);
    expect(m.netPnl).toBeNull();
    expect(m.maxDrawdown).toBeNull();
  });

  it('returns null where a figure is undefined', () => {
    const wins = computeMetrics(input([], { roundTrips: [1, 2].map(trip) }));
    expect(wins.profitFactor).toBeNull();
    expect(wins.avgLoss).toBeNull();
    expect(wins.largestLoss).toBeNull();
    const losses = computeMetrics(input([], { roundTrips: [-1].map(trip) }));
    expect(losses.profitFactor).toBe(0);
    expect(losses.winRate).toBe(0);
    const none = computeMetrics(input([]));
    expect([none.winRate, none.expectancy, none.profitFactor, none.avgWin, none.exposurePct]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reports exposure as a share of the run span and passes totals through', () => {
    const m = computeMetrics(
      input([{ time: T0, equity: 1 }], {
        exposureMs: 6 * HOUR,
        fromMs: T0,
        toMs: T0 + DAY,
        feesPaid: 2,
        fundingPaid: -1,
      }),
    );
    expect(m.exposurePct).toBeCloseTo(25, 12);
    expect([m.feesPaid, m.fundingPaid]).toEqual([2, -1]);
  });
});
