import type { Logger } from '../log.js';
import type { Instrument } from '../market/instruments.js';
import type { Period } from '../market/periods.js';
import type { EquityPoint, PortfolioPort } from '../portfolio/portfolio-port.js';
import type { Fill, Mode, OrderIntent, StrategyInstance } from '../strategy/sdk.js';
import type { ExecutionVenue, Reject } from '../venue/venue.js';
import type { MarketDataSource } from './batch-source.js';

/** Progress of a run, reported every few thousand events. */
export interface KernelProgress {
  /** Share of [fromMs, toMs) replayed, 0..1 (0 for an open-ended run). */
  fraction: number;
  simTimeMs: number;
  events: number;
  eventsPerSec: number;
  equity: number;
}

/**
 * Calls the kernel makes as things happen, for runs that persist incrementally (live and paper
 * sessions). Synchronous and on the event loop's path: queue the work, never await in them.
 */
export interface KernelHooks {
  /** A fill booked into the portfolio (venue fills, liquidations, the end-of-run close), in booking order. */
  onFill?: (fill: Fill) => void;
  /** An intent the venue refused. */
  onReject?: (reject: Reject) => void;
  /** An equity sample (each boundary, the start and the end); the end point may repeat the last time. */
  onEquity?: (point: EquityPoint) => void;
  /** An order intent (not a timer) the strategy sent, at kernel time `timeMs` (unix ms). */
  onIntent?: (intent: OrderIntent, timeMs: number) => void;
  /** An indicator value the strategy plotted (`ctx.plot`), at kernel time `timeMs`. */
  onIndicator?: (name: string, timeMs: number, value: number) => void;
}

/** Everything the kernel runs with; only the adapters differ between modes. */
export interface KernelOptions extends KernelHooks {
  mode: Mode;
  strategy: StrategyInstance;
  /** Closed candles the strategy wants (leg index, period). */
  candles: readonly { leg: number; period: Period }[];
  usesBook: boolean;
  markets: readonly Instrument[];
  source: MarketDataSource;
  venue: ExecutionVenue;
  portfolio: PortfolioPort;
  /** Unix ms UTC. */
  fromMs: number;
  /**
   * Unix ms UTC. `Number.POSITIVE_INFINITY` = open-ended (live and paper sessions): the run then
   * ends at the kernel's clock when the source ends or {@link Kernel.stop} is called.
   */
  toMs: number;
  /** Funding rate per 8 h charged on open positions (archives carry no funding rates). */
  fundingRate: number;
  /** A market's funding rate per 8 h at a funding instant (live: the exchange's current rate); default `fundingRate`. */
  fundingRateOf?: (symbol: string) => number;
  /** Taker fee rate used to close what is open when the run ends. */
  closingFeeRate: (symbol: string) => number;
  /**
   * Whether the kernel closes open positions at the end of the run and liquidates them when margin
   * is gone (simulated venues). False on an exchange, which does both itself and reports the fills.
   * @default true
   */
  localSettlement?: boolean;
  /**
   * Last known price per market at the start, quote currency (a resumed session's latest trade):
   * open positions are marked with it and can be closed before the first new trade.
   */
  initialPrices?: Readonly<Record<string, number>>;
  /** Keep every fill and reject for the result. @default true; false when the hooks store them (endless runs). */
  keepFills?: boolean;
  /** Equity is sampled at every boundary of this many ms. @default 60000 */
  equityEveryMs?: number;
  onProgress?: (p: KernelProgress) => void;
  log: Logger;
  /** Aborting it makes {@link Kernel.run} throw after the current batch (nothing is closed). */
  signal?: AbortSignal;
}

/** What a run produced, before metrics. */
export interface KernelResult {
  /** Every fill, unless `keepFills` was false. */
  fills: Fill[];
  rejects: Reject[];
  equity: EquityPoint[];
  events: number;
  /** Events skipped because their price is not on the instrument's tick. */
  skipped: number;
  /** Time with an open position, ms. */
  exposureMs: number;
}

/** A running kernel's figures so far (for heartbeats of endless runs). */
export interface KernelState {
  /** Kernel clock, unix ms. */
  nowMs: number;
  events: number;
  skipped: number;
  /** Time with an open position so far, ms. */
  exposureMs: number;
  /** The equity samples so far (the kernel's own array: read, never change it). */
  equity: readonly EquityPoint[];
}
