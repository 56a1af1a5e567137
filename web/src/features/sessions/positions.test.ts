import { expect, it } from 'vitest';
import { type FillLike, netPositions } from './positions.js';

let seq = 0;
const fill = (side: string, qty: number, price: number, market = 'XBTUSDT'): FillLike => ({
  seq: seq++,
  market,
  side,
  qty,
  price,
  fee: 0.1,
  time: `2024-01-15T12:00:0${seq % 10}.000Z`,
});

it('averages entries while adding, keeps the average while reducing, and resets when flat', () => {
  const [p] = netPositions([fill('buy', 1, 100), fill('buy', 3, 200), fill('sell', 2, 300)]);
  expect(p?.qty).toBe(2);
  expect(p?.avgEntry).toBeCloseTo(175);
  expect(p?.fills).toBe(3);
  expect(p?.fees).toBeCloseTo(0.3);
  const [flat] = netPositions([fill('buy', 1, 100), fill('sell', 1, 110)]);
  expect(flat?.qty).toBe(0);
  expect(flat?.avgEntry).toBeNull();
});

it('opens the remainder of a flip at the flipping fill’s price', () => {
  const [p] = netPositions([fill('sell', 2, 100), fill('buy', 5, 90)]);
  expect(p?.qty).toBe(3);
  expect(p?.avgEntry).toBe(90);
});

it('averages inverse contracts harmonically, per market, whatever order the fills arrive in', () => {
  const a = fill('buy', 100, 40_000, 'XBTUSD');
  const b = fill('buy', 100, 60_000, 'XBTUSD');
  const other = fill('sell', 7, 3_000, 'ETHUSD');
  const out = netPositions([b, other, a], (m) => m === 'XBTUSD');
  const xbt = out.find((p) => p.market === 'XBTUSD');
  expect(xbt?.qty).toBe(200);
  expect(xbt?.avgEntry).toBeCloseTo(48_000); // 200 / (100/40k + 100/60k)
  expect(out.find((p) => p.market === 'ETHUSD')?.qty).toBe(-7);
});
