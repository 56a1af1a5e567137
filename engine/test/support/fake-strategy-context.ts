import type { StrategyContext } from '../../src/strategy/sdk.js';

/** A StrategyContext whose clock and positions the test sets (strategies are tested without a kernel). */
export interface FakeCtx extends StrategyContext {
  nowMs: number;
  positions: Map<string, number>;
}

export function fakeCtx(markets: string[]): FakeCtx {
  const positions = new Map<string, number>();
  return {
    mode: 'backtest',
    nowMs: 0,
    markets,
    positions,
    position: (s) => positions.get(s) ?? 0,
    avgEntryPrice: () => null,
    openOrders: () => [],
    lastPrice: () => null,
    book: () => null,
    log: () => {},
    plot: () => {},
  };
}
