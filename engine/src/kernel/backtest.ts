import type { ArchiveStore } from '../archive/store.js';
import { BacktestRequest } from '../contracts/backtest.js';
import type { Logger } from '../log.js';
import { getInstrument } from '../market/instruments.js';
import { computeMetrics, METRICS_VERSION, type Metrics } from '../metrics/metrics.js';
import type { EquityPoint, RoundTrip } from '../portfolio/portfolio-port.js';
import { getStrategy } from '../strategy/registry.js';
import type { Fill } from '../strategy/sdk.js';
import { SimulatedVenue } from '../venue/simulated-venue.js';
import { ArchiveBatchSource } from './batch-source.js';
import { Kernel, type KernelProgress } from './kernel.js';
import { feeTable, leverageOf, marginGuard, sessionPortfolio } from './wiring.js';

/** A finished backtest: the JSON `hm backtest --json` prints. */
export interface BacktestResult {
  strategy: string;
  params: Record<string, unknown>;
  markets: string[];
  from: string;
  to: string;
  settleCurrency: 'XBT' | 'USDT';
  metricsVersion: number;
  metrics: Metrics;
  roundTrips: RoundTrip[];
  equity: EquityPoint[];
  events: number;
  /** Intents the venue refused (each logged with its reason at debug level). */
  rejects: number;
}

/** A backtest's result plus every fill (for storage; the CLI's JSON leaves them out). */
export interface BacktestRun {
  result: BacktestResult;
  fills: Fill[];
}

export { BacktestRequest } from '../contracts/backtest.js';

/**
 * Runs a strategy over the archive through the kernel with the simulated venue: the same kernel
 * every mode uses, fed by {@link ArchiveReplaySource}. Deterministic: identical requests give
 * identical results.
 */
export async function runBacktest(
  store: ArchiveStore,
  input: BacktestRequest,
  opts: { log: Logger; onProgress?: (p: KernelProgress) => void; signal?: AbortSignal },
): Promise<BacktestRun> {
  const req = BacktestRequest.parse(input);
  const def = getStrategy(req.strategy);
  if (req.markets.length !== def.legs)
    throw new RangeError(`${def.name} trades ${def.legs} market(s); got ${req.markets.join(', ')}`);
  const parsed = def.params.safeParse(req.params);
  if (!parsed.success) {
    throw new RangeError(
      `invalid ${def.name} parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const params = parsed.data;
  const instruments = req.markets.map(getInstrument);
  const currency = instruments[0]?.settleCurrency ?? 'XBT';
  let kernel: Kernel | null = null;
  const portfolio = sessionPortfolio(
    instruments,
    req.initialBalance,
    () => kernel?.lastPrice('XBTUSD') ?? kernel?.lastPrice('XBTUSDT') ?? null,
  );
  const fees = feeTable(instruments, req.makerFee, req.takerFee);
  const venue = new SimulatedVenue({
    instruments,
    fees,
    latencyMs: req.latencyMs,
    positionOf: (symbol) => portfolio.positionQty(symbol),
    marginCheck: marginGuard(portfolio, leverageOf(params)),
  });
  const markets = req.markets;
  kernel = new Kernel({
    mode: 'backtest',
    strategy: def.create(params, markets),
    candles: def.candles?.(params) ?? [],
    usesBook: def.usesBook === true,
    markets: instruments,
    source: new ArchiveBatchSource({
      store,
      exchange: req.exchange,
      markets,
      fromMs: req.fromMs,
      toMs: req.toMs,
      book: def.usesBook === true,
    }),
    venue,
    portfolio,
    fromMs: req.fromMs,
    toMs: req.toMs,
    fundingRate: req.fundingRate,
    closingFeeRate: (symbol) => fees[symbol]?.taker ?? 0,
    log: opts.log,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const run = await kernel.run();
  const roundTrips = [...portfolio.roundTrips()];
  const metrics = computeMetrics({
    equity: run.equity,
    roundTrips,
    fills: run.fills.length,
    feesPaid: portfolio.feesPaid(),
    fundingPaid: portfolio.fundingPaid(),
    exposureMs: run.exposureMs,
    fromMs: req.fromMs,
    toMs: req.toMs,
  });
  const result: BacktestResult = {
    strategy: def.name,
    params: params as unknown as Record<string, unknown>,
    markets: [...markets],
    from: new Date(req.fromMs).toISOString(),
    to: new Date(req.toMs).toISOString(),
    settleCurrency: currency,
    metricsVersion: METRICS_VERSION,
    metrics,
    roundTrips,
    equity: run.equity,
    events: run.events,
    rejects: run.rejects.length,
  };
  for (const r of run.rejects.slice(0, 20)) opts.log.debug('order rejected', { reason: r.reason, intent: r.intent });
  return { result, fills: run.fills };
}
