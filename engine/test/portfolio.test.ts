import { describe, expect, it } from 'vitest';
import { getInstrument } from '../src/market/instruments.js';
import { Portfolio } from '../src/portfolio/portfolio.js';
import type { Fill } from '../src/strategy/sdk.js';

const XBTUSD = getInstrument('XBTUSD');
const ETHUSD = getInstrument('ETHUSD');
const XBTUSDT = getInstrument('XBTUSDT');

let seq = 0;
function fill(symbol: string, side: 'buy' | 'sell', qty: number, price: number, timeMs: number, fee = 0): Fill {
  return { orderId: `o${++seq}`, symbol, side, qty, price, fee, liquidity: 'taker', timeMs };
}

function xbtPortfolio(): Portfolio {
  return new Portfolio({ instruments: [XBTUSD, ETHUSD], initialBalance: 1, currency: 'XBT' });
}

describe('inverse XBTUSD', () => {
  it('books a round trip as qty × (1/entry − 1/exit) − fees − funding', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 1000, 10_000, 1, 0.00007));
    p.applyFunding('XBTUSD', 0.0001, 10_500, 2);
    p.applyFill(fill('XBTUSD', 'sell', 1000, 11_000, 3, -0.00002));
    const funding = 0.0001 * (1000 / 10_500);
    const gross = 1000 * (1 / 10_000 - 1 / 11_000);
    const [rt, ...rest] = p.roundTrips();
    expect(rest).toHaveLength(0);
    expect(rt).toMatchObject({ market: 'XBTUSD', side: 'long', qty: 1000, entryTime: 1, exitTime: 3 });
    expect(rt?.entryPrice).toBe(10_000);
    expect(rt?.exitPrice).toBe(11_000);
    expect(rt?.fees).toBeCloseTo(0.00005, 12);
    expect(rt?.funding).toBeCloseTo(funding, 12);
    expect(rt?.pnl).toBeCloseTo(gross - 0.00005 - funding, 12);
    expect(p.realisedPnl()).toBeCloseTo(gross, 12);
    expect(p.balance()).toBeCloseTo(1 + (rt?.pnl ?? Number.NaN), 12);
    expect(p.feesPaid()).toBeCloseTo(0.00005, 12);
    expect(p.fundingPaid()).toBeCloseTo(funding, 12);
    expect(p.position('XBTUSD')).toEqual({ symbol: 'XBTUSD', qty: 0, avgEntry: null });
  });

  it('averages entry harmonically like BitMEX (100 @ 10000 + 100 @ 20000 → 13333.33)', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 100, 10_000, 1));
    p.applyFill(fill('XBTUSD', 'buy', 100, 20_000, 2));
    expect(p.position('XBTUSD').qty).toBe(200);
    expect(p.position('XBTUSD').avgEntry).toBeCloseTo(13_333.3333, 3);
    // A reduce keeps BitMEX's average entry.
    p.applyFill(fill('XBTUSD', 'sell', 50, 15_000, 3));
    expect(p.position('XBTUSD').avgEntry).toBeCloseTo(13_333.3333, 3);
  });

  it('shorts earn when the price falls', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'sell', 500, 20_000, 1));
    p.applyFill(fill('XBTUSD', 'buy', 500, 10_000, 2));
    expect(p.roundTrips()[0]?.side).toBe('short');
    expect(p.roundTrips()[0]?.pnl).toBeCloseTo(-500 * (1 / 20_000 - 1 / 10_000), 12);
    expect(p.roundTrips()[0]?.pnl).toBeGreaterThan(0);
  });
});

it('quanto ETHUSD P&L is qty × (exit − entry) × multiplier × 1e-8 XBT', () => {
  const p = xbtPortfolio();
  p.applyFill(fill('ETHUSD', 'buy', 10, 2000, 1));
  p.applyFill(fill('ETHUSD', 'sell', 10, 2100, 2));
  expect(p.roundTrips()[0]?.pnl).toBeCloseTo(10 * 100 * 100 * 1e-8, 12);
  expect(p.balance()).toBeCloseTo(1.001, 12);
});

describe('linear XBTUSDT', () => {
  it('P&L in USDT is qty / 1e6 × (exit − entry)', () => {
    const p = new Portfolio({ instruments: [XBTUSDT], initialBalance: 100_000, currency: 'USDT' });
    p.applyFill(fill('XBTUSDT', 'buy', 2_000_000, 30_000, 1, 30));
    p.applyFill(fill('XBTUSDT', 'sell', 2_000_000, 29_000, 2, 29));
    expect(p.roundTrips()[0]?.pnl).toBeCloseTo(-2000 - 59, 9);
    expect(p.equity()).toBeCloseTo(100_000 - 2059, 9);
  });

  it('converts into an XBT session with fx, while round trips stay in USDT', () => {
    let usdtPerXbt = 30_000;
    const p = new Portfolio({
      instruments: [XBTUSD, XBTUSDT],
      initialBalance: 1,
      currency: 'XBT',
      fx: (from) => (from === 'USDT' ? 1 / usdtPerXbt : 1),
    });
    p.applyFill(fill('XBTUSDT', 'buy', 1_000_000, 30_000, 1));
    p.mark('XBTUSDT', 33_000);
    usdtPerXbt = 33_000;
    expect(p.unrealisedPnl()).toBeCloseTo(3000 / 33_000, 12);
    expect(p.equity()).toBeCloseTo(1 + 3000 / 33_000, 12);
    p.applyFill(fill('XBTUSDT', 'sell', 1_000_000, 33_000, 2));
    expect(p.roundTrips()[0]?.pnl).toBeCloseTo(3000, 9);
    expect(p.balance()).toBeCloseTo(1 + 3000 / 33_000, 12);
  });

  it('refuses a foreign-settling market without fx', () => {
    expect(() => new Portfolio({ instruments: [XBTUSDT], initialBalance: 1, currency: 'XBT' })).toThrow(/fx/);
  });
});

describe('FIFO round trips', () => {
  it('keeps pyramided entries and partial closes as separate round trips with their own prices', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 100, 10_000, 1, 0.0001));
    p.applyFill(fill('XBTUSD', 'buy', 300, 12_000, 2, 0.0003));
    p.applyFill(fill('XBTUSD', 'sell', 200, 15_000, 3, 0.0002));
    const trips = p.roundTrips();
    expect(trips.map((t) => [t.qty, t.entryPrice, t.exitPrice, t.entryTime])).toEqual([
      [100, 10_000, 15_000, 1],
      [100, 12_000, 15_000, 2],
    ]);
    // Entry fee 1e-6 XBT/contract, exit fee 1e-6 XBT/contract, both pro rata.
    expect(trips[1]?.fees).toBeCloseTo(0.0002, 12);
    expect(p.position('XBTUSD').qty).toBe(200);
    p.applyFill(fill('XBTUSD', 'sell', 200, 11_000, 4));
    expect(p.roundTrips()).toHaveLength(3);
    expect(p.roundTrips()[2]).toMatchObject({ qty: 200, entryPrice: 12_000, exitPrice: 11_000 });
    expect(p.roundTrips()[2]?.fees).toBeCloseTo(0.0002, 12);
    // Earlier round trips are never rewritten.
    expect(p.roundTrips()[0]).toBe(trips[0]);
    const gross = p.roundTrips().reduce((s, t) => s + t.pnl + t.fees + t.funding, 0);
    expect(p.realisedPnl()).toBeCloseTo(gross, 12);
  });

  it('flips long → short: closes every lot, then opens a short lot with the rest', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 100, 10_000, 1));
    p.applyFill(fill('XBTUSD', 'buy', 100, 11_000, 2));
    p.applyFill(fill('XBTUSD', 'sell', 500, 12_000, 3, 0.0005));
    expect(p.roundTrips().map((t) => [t.side, t.qty, t.entryPrice])).toEqual([
      ['long', 100, 10_000],
      ['long', 100, 11_000],
    ]);
    expect(p.position('XBTUSD')).toEqual({ symbol: 'XBTUSD', qty: -300, avgEntry: 12_000 });
    p.applyFill(fill('XBTUSD', 'buy', 300, 12_000, 4));
    const last = p.roundTrips()[2];
    expect(last).toMatchObject({ side: 'short', qty: 300, entryTime: 3, exitTime: 4 });
    // The flip's fee splits 200 : 300 between the closing and the opening contracts.
    expect(last?.fees).toBeCloseTo(0.0003, 12);
    expect(last?.pnl).toBeCloseTo(-0.0003, 12);
  });
});

describe('funding and equity', () => {
  it('longs pay and shorts receive a positive rate; attributed to lots pro rata', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 100, 10_000, 1));
    p.applyFill(fill('XBTUSD', 'buy', 300, 10_000, 2));
    p.applyFunding('XBTUSD', 0.001, 10_000, 3);
    expect(p.fundingPaid()).toBeCloseTo(0.001 * 0.04, 12);
    p.applyFill(fill('XBTUSD', 'sell', 400, 10_000, 4));
    expect(p.roundTrips().map((t) => t.funding / 0.00004)).toEqual([expect.closeTo(0.25, 9), expect.closeTo(0.75, 9)]);
    const s = xbtPortfolio();
    s.applyFill(fill('XBTUSD', 'sell', 400, 10_000, 1));
    s.applyFunding('XBTUSD', 0.001, 10_000, 2);
    expect(s.fundingPaid()).toBeCloseTo(-0.00004, 12);
    expect(s.balance()).toBeCloseTo(1.00004, 12);
    s.applyFunding('XBTUSD', -0.001, 10_000, 3);
    expect(s.fundingPaid()).toBeCloseTo(0, 12);
  });

  it('equity = balance + unrealised P&L at the mark, from the open lots', () => {
    const p = xbtPortfolio();
    p.applyFill(fill('XBTUSD', 'buy', 100, 10_000, 1, 0.00001));
    p.applyFill(fill('XBTUSD', 'buy', 100, 20_000, 2, 0.00001));
    p.applyFill(fill('ETHUSD', 'sell', 5, 2000, 3));
    p.mark('XBTUSD', 16_000);
    p.mark('ETHUSD', 1900);
    const unrealised = 100 * (1 / 10_000 - 1 / 16_000) + 100 * (1 / 20_000 - 1 / 16_000) + 5 * 100 * 100e-8;
    expect(p.unrealisedPnl()).toBeCloseTo(unrealised, 12);
    expect(p.balance()).toBeCloseTo(1 - 0.00002, 12);
    expect(p.equity()).toBeCloseTo(p.balance() + unrealised, 12);
    expect(p.equityPoint(9)).toEqual({ time: 9, equity: p.equity() });
  });
});

describe('margin', () => {
  it('reports initial margin by leverage and liquidates when equity ≤ maintenance', () => {
    const p = new Portfolio({ instruments: [XBTUSD], initialBalance: 0.011, currency: 'XBT' });
    p.applyFill(fill('XBTUSD', 'buy', 10_000, 10_000, 1));
    p.mark('XBTUSD', 10_000);
    expect(p.marginUsed({ XBTUSD: 100 })).toBeCloseTo(0.01, 12);
    expect(p.marginUsed()).toBeCloseTo(1, 12);
    expect(p.isLiquidated()).toBe(false);
    // At 9950: equity 0.011 − (10000/9950 − 1) ≈ 0.005975 > 0.5 % × 10000/9950 ≈ 0.005025.
    p.mark('XBTUSD', 9950);
    expect(p.isLiquidated()).toBe(false);
    // At 9940: equity ≈ 0.004964 ≤ 0.5 % × 10000/9940 ≈ 0.005030.
    p.mark('XBTUSD', 9940);
    expect(p.isLiquidated()).toBe(true);
    expect(p.isLiquidated(0)).toBe(false);
  });

  it.each([
    ['XBTUSD', 'buy', 10_000, 10_000, 0.011, 'XBT'],
    ['XBTUSD', 'sell', 10_000, 10_000, 0.011, 'XBT'],
    ['XBTUSDT', 'buy', 1_000_000, 40_000, 450, 'USDT'],
    ['XBTUSDT', 'sell', 1_000_000, 40_000, 450, 'USDT'],
  ] as const)(
    'answers every mark of a walk as a fresh check would (%s %s): the remembered safe side never hides a liquidation',
    (symbol, side, qty, price, balance, currency) => {
      const inst = getInstrument(symbol);
      const walked = new Portfolio({ instruments: [inst], initialBalance: balance, currency });
      const fresh = new Portfolio({ instruments: [inst], initialBalance: balance, currency });
      for (const p of [walked, fresh]) p.applyFill(fill(symbol, side, qty, price, 1));
      let seed = 5;
      let mark = price;
      let flips = 0;
      let last = false;
      for (let i = 0; i < 4_000; i++) {
        seed = (seed * 16_807) % 2_147_483_647;
        // A walk that drifts against the position, then back: it crosses the threshold both ways.
        const against = (side === 'buy' ? -1 : 1) * (i < 2_000 ? 1 : -1);
        mark = Math.round((mark + (seed / 2_147_483_647 < 0.55 ? against : -against) * price * 0.0002) * 2) / 2;
        walked.mark(symbol, mark);
        fresh.mark(symbol, mark);
        fresh.applyFunding(symbol, 0, mark); // books nothing, forgets any remembered safe side
        const got = walked.isLiquidated();
        expect(got, `mark ${mark} (step ${i})`).toBe(fresh.isLiquidated());
        if (got !== last) flips++;
        last = got;
      }
      expect(flips, 'the walk crosses the liquidation threshold').toBeGreaterThanOrEqual(2);
    },
  );
});
