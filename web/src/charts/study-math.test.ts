import { describe, expect, it } from 'vitest';
import { bucketStart } from './periods.js';
import {
  bollinger,
  ema,
  runStudy,
  type Study,
  type StudyBar,
  StudyRun,
  type StudyValues,
  sma,
  vwap,
} from './study-math.js';

const bar = (time: number, close: number, volume = 1, high = close, low = close): StudyBar => ({
  time,
  high,
  low,
  close,
  volume,
});
const closes = (values: number[], step = 60) => values.map((c, i) => bar(i * step, c));
const first = (rows: { values: readonly (number | null)[] }[]) => rows.map((r) => r.values[0] ?? null);

describe('moving averages', () => {
  it('SMA: mean of the last n closes, null while warming up', () => {
    expect(first(runStudy(sma(3), closes([1, 2, 3, 4, 5])))).toEqual([null, null, 2, 3, 4]);
  });

  it('EMA: seeded with the SMA of the first n closes, then α = 2/(n+1)', () => {
    const out = first(runStudy(ema(3), closes([2, 4, 6, 8, 10])));
    expect(out.slice(0, 3)).toEqual([null, null, 4]);
    expect(out[3]).toBeCloseTo(4 + 0.5 * (8 - 4));
    expect(out[4]).toBeCloseTo(6 + 0.5 * (10 - 6));
  });
});

describe('Bollinger bands (20, 2σ)', () => {
  it('middle = SMA, bands = ± k population standard deviations', () => {
    const rows = runStudy(bollinger(4, 2), closes([2, 4, 4, 4, 5, 5, 7, 9].slice(0, 4)));
    expect(rows[2]?.values).toEqual([null, null, null]);
    const [mid, upper, lower] = rows[3]?.values ?? [];
    // closes 2 4 4 4: mean 3.5, population variance (2.25 + 0.25·3)/4 = 0.75
    expect(mid).toBeCloseTo(3.5);
    expect(upper).toBeCloseTo(3.5 + 2 * Math.sqrt(0.75));
    expect(lower).toBeCloseTo(3.5 - 2 * Math.sqrt(0.75));
  });

  it('matches the textbook example (population σ of 2 4 4 4 5 5 7 9 is 2)', () => {
    const rows = runStudy(bollinger(8, 2), closes([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(rows.at(-1)?.values).toEqual([5, 9, 1]);
  });
});

describe('VWAP', () => {
  it('weights the typical price by volume and starts again at 00:00 UTC', () => {
    const day = 86_400;
    const bars = [
      bar(day - 120, 10, 1, 12, 8), // typical 10
      bar(day - 60, 20, 3), // typical 20 → (10 + 60) / 4
      bar(day, 30, 2), // a new UTC day: only this bar
      bar(day + 60, 40, 2), // (60 + 80) / 4
    ];
    expect(first(runStudy(vwap(), bars))).toEqual([10, 17.5, 30, 35]);
  });

  it('shows the typical price while the day has no volume', () => {
    expect(first(runStudy(vwap(), [bar(0, 5, 0, 6, 4)]))).toEqual([5]);
  });
});

describe('the forming candle', () => {
  it('re-computes the last value from the closed bars as the forming bar changes, then moves on', () => {
    const run = new StudyRun(sma(2));
    expect(run.push(bar(0, 10))).toEqual([null]);
    expect(run.push(bar(60, 20))).toEqual([15]);
    // Ticks of the same bar replace it: the window is still [10, close].
    expect(run.push(bar(60, 30))).toEqual([20]);
    expect(run.push(bar(60, 12))).toEqual([11]);
    // The next bar closes the forming one at its last close (12).
    expect(run.push(bar(120, 14))).toEqual([13]);
    expect(run.push(bar(60, 99)), 'an older bar is ignored').toBeNull();
  });

  it('gives the same values live as a full recomputation over the final bars', () => {
    const live = [bar(0, 1), bar(60, 2), bar(60, 5), bar(120, 3), bar(120, 4), bar(180, 8), bar(180, 6)];
    const final = [bar(0, 1), bar(60, 5), bar(120, 4), bar(180, 6)];
    const check = <S>(study: Study<S>) => {
      const run = new StudyRun(study);
      let last: StudyValues | null = null;
      for (const b of live) last = run.push(b) ?? last;
      expect(last).toEqual(runStudy(study, final).at(-1)?.values);
    };
    check(sma(2));
    check(ema(2));
    check(bollinger(3, 2));
    check(vwap());
  });
});

describe('candle buckets', () => {
  it('puts a time in the bucket the engine uses, weeks from Monday 00:00 UTC', () => {
    expect(bucketStart(125, 'M1')).toBe(120);
    expect(bucketStart(3_599, 'H1')).toBe(0);
    expect(bucketStart(Date.UTC(2024, 0, 17, 13) / 1000, 'W1')).toBe(Date.UTC(2024, 0, 15) / 1000);
    expect(bucketStart(Date.UTC(2024, 0, 15) / 1000, 'W1')).toBe(Date.UTC(2024, 0, 15) / 1000);
  });
});
