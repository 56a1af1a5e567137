import type { BookEvent, CandleEvent, TickerEvent, TradeEvent } from '../contracts/topics.js';

/**
 * Where the kernel's outward market events go (Redis in every mode that has listeners).
 * Implementations must not block the caller (the trading loop never waits on I/O to publish) and
 * may conflate state streams (book, ticker): only the latest state matters to a viewer.
 */
export interface EventPublisher {
  /** The forming candle after a trade, and the candle that trade closed, if any. */
  candle(forming: CandleEvent, closed: CandleEvent | null): void;
  trade(event: TradeEvent): void;
  /** The book's current top levels (full state; a later one supersedes an earlier one). */
  book(event: BookEvent): void;
  ticker(event: TickerEvent): void;
  /** Flushes what is buffered and releases connections. */
  close(): Promise<void>;
}
