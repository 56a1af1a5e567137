import { describe, expect, it } from 'vitest';
import type { OrderRow, PositionRow } from '../src/bitmex/auth/private-rows.js';
import { reconcile } from '../src/live/reconcile.js';

const position = (symbol: string, currentQty: number): PositionRow => ({ account: 1, symbol, currentQty });
const order = (orderID: string, clOrdID: string, symbol = 'XBTUSD'): OrderRow => ({
  orderID,
  clOrdID,
  account: 1,
  symbol,
  side: 'Buy',
  ordType: 'Limit',
  ordStatus: 'New',
  timestamp: '2026-12-07T00:00:00.000Z',
});
const owns = (id: string | null | undefined) => typeof id === 'string' && id.startsWith('hm-abc-');

describe('reconcile', () => {
  it('agrees when the exchange holds what the session booked', () => {
    expect(
      reconcile({
        symbols: ['XBTUSD'],
        positions: [position('XBTUSD', 200), position('ETHUSD', -5)],
        openOrders: [order('1', 'hm-abc-x-1'), order('2', 'someone-else')],
        localPosition: () => 200,
        localOpenOrderIds: new Set(['1']),
        owns,
      }),
    ).toEqual([]);
  });

  it('reports a position difference, this session’s orders it does not know, and orders gone from the exchange', () => {
    const found = reconcile({
      symbols: ['XBTUSD', 'XBTUSDT'],
      positions: [position('XBTUSD', 300)],
      openOrders: [order('9', 'hm-abc-y-4'), order('8', 'manual')],
      localPosition: (s) => (s === 'XBTUSD' ? 200 : 1),
      localOpenOrderIds: new Set(['7']),
      owns,
    });
    expect(found.map((m) => [m.kind, m.symbol, m.exchange, m.local])).toEqual([
      ['position', 'XBTUSD', 300, 200],
      ['position', 'XBTUSDT', 0, 1],
      ['unknown-order', 'XBTUSD', '9', null],
      ['missing-order', '', null, '7'],
    ]);
    expect(found[0]?.detail).toBe('XBTUSD: exchange position 300 contracts, session books 200');
  });
});
