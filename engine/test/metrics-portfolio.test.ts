import { expect, it } from 'vitest';
import { getInstrument } from '../src/market/instruments.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { Portfolio } from '../src/portfolio/portfolio.js';
import type { EquityPoint } from '../src/portfolio/portfolio-port.js';

/** Deterministic PRNG (mulberry32) so the "random" runs replay identically. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const symbol of ['XBTUSD', 'ETHUSD', 'XBTUSDT'] as const) {
  it(`${symbol}: netPnl = last − first equity = Σ round trip pnl when flat at the end`, () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = rng(seed);
      const inst = getInstrument(symbol);
      const p = new Portfolio({ instruments: [inst], initialBalance: 1_000_000, currency: inst.settleCurrency });
      const lot = inst.lotSize;
      let price = symbol === 'ETHUSD' ? 2000 : 30_000;
      let t = Date.UTC(2024, 0, 1);
      const curve: EquityPoint[] = [p.equityPoint(t)];
      let fills = 0;
      for (let i = 0; i < 60; i++) {
        t += Math.floor(rand() * 6 * 3_600_000);
        price = Math.max(100, price * (1 + (rand() - 0.5) * 0.04));
        const qty = lot * (1 + Math.floor(rand() * 10));
        const fee = (rand() - 0.3) * 1e-4 * qty; // some rebates
        p.applyFill({
          orderId: `${i}`,
          symbol,
          side: rand() < 0.5 ? 'buy' : 'sell',
          qty,
          price,
          fee,
          liquidity: 'taker',
          timeMs: t,
        });
        fills++;
        if (rand() < 0.3) p.applyFunding(symbol, (rand() - 0.5) * 0.002, price, t);
        p.mark(symbol, price);
        curve.push(p.equityPoint(t));
      }
      const open = p.position(symbol).qty;
      if (open !== 0) {
        t += 3_600_000;
        p.applyFill({
          orderId: 'close',
          symbol,
          side: open > 0 ? 'sell' : 'buy',
          qty: Math.abs(open),
          price,
          fee: 0,
          liquidity: 'taker',
          timeMs: t,
        });
        fills++;
        curve.push(p.equityPoint(t));
      }
      const first = curve[0] as EquityPoint;
      const m = computeMetrics({
        equity: curve,
        roundTrips: p.roundTrips(),
        fills,
        feesPaid: p.feesPaid(),
        fundingPaid: p.fundingPaid(),
        fromMs: first.time,
        toMs: t,
      });
      const sumTrips = p.roundTrips().reduce((s, rt) => s + rt.pnl, 0);
      const scale = Math.max(1, Math.abs(sumTrips));
      expect(p.unrealisedPnl()).toBe(0);
      expect(m.netPnl).toBe((curve[curve.length - 1] as EquityPoint).equity - first.equity);
      expect(Math.abs((m.netPnl ?? Number.NaN) - sumTrips) / scale).toBeLessThan(1e-9);
      const gross = p.roundTrips().reduce((s, rt) => s + rt.pnl + rt.fees + rt.funding, 0);
      expect(Math.abs(p.realisedPnl() - gross) / scale).toBeLessThan(1e-9);
    }
  });
}
