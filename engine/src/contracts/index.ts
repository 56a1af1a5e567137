/** What the API and the CLI may import from the engine: wire and queue contracts, nothing stateful. */

export {
  findInstrument,
  getInstrument,
  type Instrument,
  listInstruments,
  priceDecimals,
  ticksToPrice,
} from '../market/instruments.js';
export { bucketStart, PERIOD_SECONDS, PERIODS, type Period } from '../market/periods.js';
export type { Metrics } from '../metrics/metrics.js';
export * from './backtest.js';
export * from './queues.js';
export * from './sessions.js';
export * from './topics.js';
