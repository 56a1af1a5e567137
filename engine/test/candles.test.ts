import { describe, expect, it } from 'vitest';
import { CandleBuilder } from '../src/market/candles.js';
import { bucketStart } from '../src/market/periods.js';
import type { Trade } from '../src/market/trade.js';

const trade = (timeMs: number, priceTicks: number, size = 100, id = `${timeMs}-${priceTicks}`): Trade => ({
  id,
  symbol: 'XBTUSD',
  timeMs,
  priceTicks,
  size,
  side: 'BUY',
});

describe('bucketStart', () => {
  it('aligns weeks to Monday 00:00 UTC, not to the epoch Thursday', () => {
    const wed = Date.UTC(2024, 0, 17, 15, 30) / 1000; // Wednesday 2024-01-17
    expect(bucketStart(wed, 'W1')).toBe(Date.UTC(2024, 0, 15) / 1000); // Monday 2024-01-15
    const monMidnight = Date.UTC(2024, 0, 15) / 1000;
    expect(bucketStart(monMidnight, 'W1'), 'Monday 00:00 opens its own week').toBe(monMidnight);
    expect(bucketStart(monMidnight - 1, 'W1')).toBe(Date.UTC(2024, 0, 8) / 1000);
  });

  it('aligns intraday periods to multiples of their length', () => {
    const t = Date.UTC(2024, 0, 15, 13, 47, 12) / 1000;
    expect(bucketStart(t, 'M1')).toBe(Date.UTC(2024, 0, 15, 13, 47) / 1000);
    expect(bucketStart(t, 'M15')).toBe(Date.UTC(2024, 0, 15, 13, 45) / 1000);
    expect(bucketStart(t, 'H4')).toBe(Date.UTC(2024, 0, 15, 12) / 1000);
    expect(bucketStart(t, 'D1')).toBe(Date.UTC(2024, 0, 15) / 1000);
  });
});

describe('CandleBuilder', () => {
  it('folds trades into the forming candle and opens a new one at the next bucket', () => {
    const b = new CandleBuilder('M1');
    const t0 = Date.UTC(2024, 0, 15, 13, 0, 5);
    b.apply(trade(t0, 1000, 100));
    b.apply(trade(t0 + 1000, 1010, 200));
    const third = b.apply(trade(t0 + 2000, 995, 300));
    const first = { time: t0 / 1000 - 5, open: 1000, high: 1010, low: 995, close: 995, volume: 600 };
    expect(third).toEqual({ forming: first, closed: null });
    const next = b.apply(trade(t0 + 60_000, 1001, 100));
    expect(next).toEqual({
      forming: { time: t0 / 1000 + 55, open: 1001, high: 1001, low: 1001, close: 1001, volume: 100 },
      closed: first,
    });
  });

  it('never lets a late trade reopen a closed candle', () => {
    const b = new CandleBuilder('M1');
    const t0 = Date.UTC(2024, 0, 15, 13, 1, 0);
    b.apply(trade(t0, 1000));
    expect(b.apply(trade(t0 - 1, 900))).toBeNull();
    expect(b.current()?.low).toBe(1000);
  });
});
