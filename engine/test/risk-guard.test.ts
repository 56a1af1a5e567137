import { describe, expect, it } from 'vitest';
import { RiskGuard } from '../src/live/risk-guard.js';
import { defaultRiskLimits, type RiskLimits, readRiskLimits } from '../src/live/risk-limits.js';
import { getInstrument } from '../src/market/instruments.js';
import { OrderBook } from '../src/market/order-book.js';
import { SimulatedVenue } from '../src/venue/simulated-venue.js';

/** XBTUSD: inverse, tick 0.5 → price × 10 ticks here as in the venue tests; lot 100 contracts. */
const XBT = getInstrument('XBTUSD');
const T = (price: number) => Math.round(price * 10);

function setup(limits: Partial<RiskLimits> = {}) {
  const state = { position: 0, equity: 1, halts: [] as string[] };
  const venue = new SimulatedVenue({
    instruments: [XBT],
    latencyMs: 0,
    positionOf: () => state.position,
    idPrefix: 'o',
  });
  const book = new OrderBook('XBTUSD');
  book.set('bid', T(9999.5), 100_000);
  book.set('ask', T(10000), 100_000);
  venue.onBook('XBTUSD', book, 0);
  const guard = new RiskGuard(venue, {
    limits: { ...defaultRiskLimits('XBT'), ...limits },
    instruments: [XBT],
    positionOf: () => state.position,
    lastPrice: () => 10_000,
    equity: () => state.equity,
    onHalt: (reason) => state.halts.push(reason),
  });
  return { guard, state };
}

describe('RiskGuard', () => {
  it('rejects an order that would take the position past max position, counting same-side open orders', () => {
    const { guard, state } = setup({ maxPosition: 500 });
    state.position = 300;
    guard.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9000, clientId: 'a' }, 1);
    guard.advance(1); // the venue takes the order (latency 0): it rests
    guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 200, tag: 'x' }, 2);
    const rejects = guard.drainRejects();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]?.reason).toMatch(/^risk: position would reach 600 contracts, over max position 500/);
    // Reducing is always allowed, and the other side is not counted against the limit.
    guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'sell', qty: 700, reduceOnly: true }, 3);
    expect(guard.drainRejects().filter((r) => r.reason.startsWith('risk:'))).toEqual([]);
    expect(state.halts).toEqual([]);
  });

  it('rejects an order worth more than max order notional (inverse: qty / price XBT)', () => {
    const { guard } = setup({ maxOrderNotional: 0.05 });
    guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 600, tag: 'big' }, 1); // 0.06 XBT
    guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 400, tag: 'ok' }, 2); // 0.04 XBT
    guard.advance(2);
    const rejects = guard.drainRejects();
    expect(rejects.map((r) => r.intent)).toEqual([expect.objectContaining({ tag: 'big' })]);
    expect(rejects[0]?.reason).toMatch(/order value 0\.06 XBT exceeds max order notional 0\.05/);
    expect(guard.drainFills().map((f) => f.qty)).toEqual([400]);
  });

  it('halts a runaway strategy at max orders per minute: open orders cancelled, new ones refused, cancels pass', () => {
    const { guard, state } = setup({ maxOrdersPerMinute: 3, maxPosition: 100_000 });
    for (let i = 0; i < 3; i++)
      guard.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 9000 - i, clientId: `c${i}` }, i);
    guard.advance(3);
    expect(guard.openOrders()).toHaveLength(3);
    guard.submit({ kind: 'limit', symbol: 'XBTUSD', side: 'buy', qty: 100, price: 8000, clientId: 'c4' }, 10);
    guard.advance(11);
    expect(state.halts).toEqual(['more than 3 orders in a minute']);
    expect(guard.halted).toBe('more than 3 orders in a minute');
    expect(guard.openOrders(), 'the halt cancelled every open order').toEqual([]);
    guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100 }, 70_000);
    expect(guard.drainRejects().at(-1)?.reason).toMatch(/^risk: trading halted/);
    expect(state.halts, 'onHalt fires once').toHaveLength(1);
  });

  it('the order window rolls: orders a minute apart never count together', () => {
    const { guard, state } = setup({ maxOrdersPerMinute: 2, maxPosition: 100_000 });
    for (let i = 0; i < 6; i++) guard.submit({ kind: 'market', symbol: 'XBTUSD', side: 'buy', qty: 100 }, i * 30_000);
    expect(state.halts).toEqual([]);
  });

  it('halts when the loss since 00:00 UTC reaches the daily loss limit, and not before', () => {
    const { guard, state } = setup({ dailyLossLimit: 0.1 });
    const day = Date.UTC(2026, 11, 7);
    guard.advance(day + 1_000); // the day's reference equity: 1
    state.equity = 0.91;
    guard.advance(day + 2_000);
    expect(state.halts).toEqual([]);
    state.equity = 0.9;
    guard.advance(day + 3_000);
    expect(state.halts).toEqual(['daily loss 0.1 reached the limit 0.1']);
  });

  it('a new UTC day starts a new loss budget', () => {
    const { guard, state } = setup({ dailyLossLimit: 0.1 });
    const day = Date.UTC(2026, 11, 7);
    guard.advance(day + 1_000);
    state.equity = 0.95;
    guard.advance(day + 86_400_000 + 1); // next day: reference 0.95
    state.equity = 0.86;
    guard.advance(day + 86_400_000 + 2);
    expect(state.halts).toEqual([]);
  });
});

describe('risk limits', () => {
  it('stored limits override the currency defaults field by field; bad ones are refused by name', () => {
    expect(readRiskLimits({ maxPosition: 50 }, 'XBT')).toEqual({ ...defaultRiskLimits('XBT'), maxPosition: 50 });
    expect(readRiskLimits(null, 'USDT')).toEqual(defaultRiskLimits('USDT'));
    expect(() => readRiskLimits({ maxPosition: -1 }, 'XBT')).toThrow(/maxPosition/);
    expect(() => readRiskLimits({ maxPositon: 1 }, 'XBT')).toThrow(/maxPositon/);
  });
});
