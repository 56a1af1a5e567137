import type { CandleEvent } from '../contracts/topics.js';

/**
 * Where the kernel's outward events go (Redis in every mode that has listeners). Implementations
 * must not block the caller: the trading loop never waits on I/O to publish.
 */
export interface EventPublisher {
  /** The forming candle after a trade. */
  candle(event: CandleEvent): void;
  /** Flushes what is buffered and releases connections. */
  close(): Promise<void>;
}
