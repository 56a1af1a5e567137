import { describe, expect, it } from 'vitest';
import type { MarketBatch, MarketDataSource } from '../src/kernel/batch-source.js';
import { Kernel } from '../src/kernel/kernel.js';
import { LiveTradeColumns } from '../src/kernel/live-columns.js';
import { feeTable, sessionPortfolio } from '../src/kernel/wiring.js';
import { createLogger } from '../src/log.js';
import { getInstrument } from '../src/market/instruments.js';
import { contractValue } from '../src/portfolio/contract-math.js';
import type { EquityPoint } from '../src/portfolio/portfolio-port.js';
import { getStrategy } from '../src/strategy/registry.js';
import type { Fill, OrderIntent } from '../src/strategy/sdk.js';
import { SimulatedVenue } from '../src/venue/simulated-venue.js';

// The kernel as live and paper sessions run it: open-ended, clocked by the source, hooks per fill.
const XBTUSD = getInstrument('XBTUSD');
const T0 = Date.UTC(2026, 11, 1, 3, 59, 0); // the run crosses the 04:00 funding instant
const log = createLogger('kernel-live-test', 'error');

/** A scripted live source: each step is a trade (unix ms, price) and/or a clock; ends after the last. */
function scripted(steps: { trade?: [number, number]; clockMs: number }[]): MarketDataSource {
  const cols = new LiveTradeColumns({ exchange: 'bitmex', symbol: 'XBTUSD', tickSize: XBTUSD.tickSize });
  return {
    async *batches(): AsyncIterable<MarketBatch> {
      for (const s of steps) {
        cols.clear();
        if (s.trade) cols.add(s.trade[0], Math.round(s.trade[1] / XBTUSD.tickSize), 100, 1, `t${s.trade[0]}`);
        yield { legs: [s.trade ? { trades: cols.columns(), book: null } : null], clockMs: s.clockMs };
      }
    },
  };
}

function testBotKernel(source: MarketDataSource, hooks: { fills: Fill[]; equity: EquityPoint[]; intents: number[] }) {
  const def = getStrategy('TestBot');
  const params = def.params.parse({ trade_interval: 45 });
  const portfolio = sessionPortfolio([XBTUSD], 1, () => null);
  const fees = feeTable([XBTUSD]);
  const venue = new SimulatedVenue({
    instruments: [XBTUSD],
    fees,
    latencyMs: 0,
    positionOf: (s) => portfolio.positionQty(s),
  });
  const kernel = new Kernel({
    mode: 'test',
    strategy: def.create(params, ['XBTUSD']),
    candles: [],
    usesBook: false,
    markets: [XBTUSD],
    source,
    venue,
    portfolio,
    fromMs: T0,
    toMs: Number.POSITIVE_INFINITY,
    fundingRate: 0.0001,
    fundingRateOf: () => 0.001,
    closingFeeRate: (s) => fees[s]?.taker ?? 0,
    initialPrices: { XBTUSD: 50_000 },
    keepFills: false,
    log,
    onFill: (f) => hooks.fills.push({ ...f }),
    onEquity: (p) => hooks.equity.push({ ...p }),
    onIntent: (_i: OrderIntent, timeMs) => hooks.intents.push(timeMs),
  });
  return { kernel, portfolio };
}

describe('an open-ended kernel run', () => {
  it('advances on clock batches alone: timers fire, funding is charged, the run ends flat at its clock', async () => {
    const hooks = { fills: [] as Fill[], equity: [] as EquityPoint[], intents: [] as number[] };
    const steps = [
      { trade: [T0 + 500, 50_000] as [number, number], clockMs: T0 + 1_000 },
      { clockMs: T0 + 45_000 }, // TestBot's first timer: a market buy
      { clockMs: T0 + 50_000 }, // … which fills at the next step of time, at the last trade price
      { trade: [T0 + 55_000, 51_000] as [number, number], clockMs: T0 + 56_000 },
      { clockMs: T0 + 62_000 }, // 04:00: funding on the long (fundingRateOf's 0.1 %), an equity sample
    ];
    const { kernel, portfolio } = testBotKernel(scripted(steps), hooks);
    const result = await kernel.run();
    expect(hooks.intents).toEqual([T0 + 45_000]);
    expect(hooks.fills).toEqual([
      expect.objectContaining({ side: 'buy', qty: 100, price: 50_000, timeMs: T0 + 50_000 }),
      // The source ended: the run ends at its clock, flat at the last price.
      expect.objectContaining({ orderId: 'end-of-run', side: 'sell', qty: 100, price: 51_000, timeMs: T0 + 62_000 }),
    ]);
    expect(portfolio.positionQty('XBTUSD')).toBe(0);
    expect(portfolio.fundingPaid()).toBeCloseTo(0.001 * contractValue(XBTUSD, 100, 51_000), 15);
    // Fills reach only the hook; equity is sampled at the start, at 04:00 and at the end, each also hooked.
    expect(result.fills).toEqual([]);
    expect(result.equity.map((p) => p.time)).toEqual([T0, T0 + 60_000, T0 + 62_000]);
    expect(hooks.equity).toEqual(result.equity);
    expect(kernel.state().nowMs).toBe(T0 + 62_000);
  });

  it('stop() ends the run after the current batch and closes at the initial price before any trade', async () => {
    const hooks = { fills: [] as Fill[], equity: [] as EquityPoint[], intents: [] as number[] };
    let kernel: Kernel | null = null;
    const source: MarketDataSource = {
      async *batches() {
        for (let k = 1; ; k++) {
          if (k === 3) kernel?.stop();
          yield { legs: [null], clockMs: T0 + k * 5_000 };
        }
      },
    };
    const made = testBotKernel(source, hooks);
    kernel = made.kernel;
    // A position from an earlier run (as a resumed session restores it), marked at the initial price.
    made.portfolio.applyFill({
      orderId: 'earlier',
      symbol: 'XBTUSD',
      side: 'sell',
      price: 49_000,
      qty: 200,
      fee: 0,
      liquidity: 'taker',
      timeMs: T0 - 60_000,
    });
    await kernel.run();
    expect(kernel.state().nowMs).toBe(T0 + 10_000);
    // No trade yet: the close buys back at the initial price.
    expect(hooks.fills).toEqual([
      expect.objectContaining({ orderId: 'end-of-run', side: 'buy', qty: 200, price: 50_000 }),
    ]);
    expect(made.portfolio.positionQty('XBTUSD')).toBe(0);
  });
});
