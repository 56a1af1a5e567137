import type { Redis } from 'ioredis';
import {
  type BookEvent,
  type CandleEvent,
  candleTopicId,
  channel,
  KEPT_CANDLES,
  MdKey,
  RECENT_TRADES,
  type TickerEvent,
  Topic,
  TRADE_STREAM_LEN,
  type TradeEvent,
} from '../contracts/topics.js';
import type { EventPublisher } from '../ports/event-publisher.js';

export interface RedisPublisherOptions {
  /** Minimum interval between two book snapshots of one market, ms. Viewers need ≤ 10/s. @default 100 */
  bookIntervalMs?: number;
  /** Minimum interval between two tickers of one market, ms. @default 250 */
  tickerIntervalMs?: number;
  /**
   * Minimum interval between two states of one forming candle (market and period), ms. A candle's
   * last state is always sent before the next candle's first. @default 100
   */
  candleIntervalMs?: number;
}

/** Snapshot keys outlive a quiet spell but not a dead feed forever: 14 days, seconds. */
const SNAPSHOT_TTL_SEC = 14 * 86_400;

/**
 * Publishes engine events on Redis channels in the format graphql-yoga's Redis event target reads
 * (JSON on `${routingKey}:${id}`) and keeps snapshots beside them for late subscribers (latest
 * candle/book/ticker, recent trades, closed candles). Commands are pipelined per event-loop turn;
 * book, ticker and forming-candle streams are conflated (latest state wins, trailing edge): at
 * 1,000 trades/s the seven forming candles per trade were 14 of 18 Redis commands per trade, and no
 * viewer needs more than a few states a second. Trades are never conflated.
 */
export class RedisPublisher implements EventPublisher {
  private pipeline: ReturnType<Redis['pipeline']> | null = null;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly pending = new Map<string, { due: NodeJS.Timeout; send: () => void }>();
  private readonly lastSent = new Map<string, number>();
  private readonly bookIntervalMs: number;
  private readonly tickerIntervalMs: number;
  private readonly candleIntervalMs: number;

  constructor(
    private readonly redis: Redis,
    opts: RedisPublisherOptions = {},
  ) {
    this.bookIntervalMs = opts.bookIntervalMs ?? 100;
    this.tickerIntervalMs = opts.tickerIntervalMs ?? 250;
    this.candleIntervalMs = opts.candleIntervalMs ?? 100;
  }

  candle(forming: CandleEvent, closed: CandleEvent | null): void {
    const id = candleTopicId(forming.market, forming.period);
    const stream = `candle:${id}`;
    if (closed) {
      // The closed candle's last state goes out before anything of the next one.
      this.flush(stream);
      const p = this.batch();
      const key = MdKey.candles(closed.market, closed.period);
      p.zremrangebyscore(key, closed.time, closed.time); // a restarted feed may close a bucket twice
      p.zadd(key, closed.time, JSON.stringify(closed));
      p.zremrangebyrank(key, 0, -(KEPT_CANDLES + 1));
    }
    this.conflate(stream, this.candleIntervalMs, () => {
      const json = JSON.stringify(forming);
      const p = this.batch();
      p.publish(channel(Topic.candle, id), json);
      p.set(MdKey.lastCandle(forming.market, forming.period), json, 'EX', SNAPSHOT_TTL_SEC);
    });
  }

  trade(event: TradeEvent): void {
    const json = JSON.stringify(event);
    const p = this.batch();
    p.publish(channel(Topic.trade, event.market), json);
    p.lpush(MdKey.trades(event.market), json);
    p.ltrim(MdKey.trades(event.market), 0, RECENT_TRADES - 1);
    p.xadd(MdKey.tradeStream(event.market), 'MAXLEN', '~', TRADE_STREAM_LEN, '*', 'e', json);
  }

  book(event: BookEvent): void {
    this.conflate(`book:${event.market}`, this.bookIntervalMs, () => {
      const json = JSON.stringify(event);
      const p = this.batch();
      p.publish(channel(Topic.book, event.market), json);
      p.set(MdKey.book(event.market), json, 'EX', SNAPSHOT_TTL_SEC);
    });
  }

  ticker(event: TickerEvent): void {
    this.conflate(`ticker:${event.market}`, this.tickerIntervalMs, () => {
      const json = JSON.stringify(event);
      const p = this.batch();
      p.publish(channel(Topic.ticker, event.market), json);
      p.set(MdKey.ticker(event.market), json, 'EX', SNAPSHOT_TTL_SEC);
    });
  }

  /** Sends at once if the stream was quiet for `intervalMs`, else keeps only the latest and sends it when due. */
  private conflate(stream: string, intervalMs: number, send: () => void): void {
    const waiting = this.pending.get(stream);
    if (waiting) {
      waiting.send = send;
      return;
    }
    const now = Date.now();
    const wait = (this.lastSent.get(stream) ?? 0) + intervalMs - now;
    if (wait <= 0) {
      this.lastSent.set(stream, now);
      send();
      return;
    }
    const entry = {
      send,
      due: setTimeout(() => {
        this.pending.delete(stream);
        this.lastSent.set(stream, Date.now());
        entry.send();
      }, wait),
    };
    this.pending.set(stream, entry);
  }

  /** Sends a stream's waiting state now, if any. */
  private flush(stream: string): void {
    const waiting = this.pending.get(stream);
    if (!waiting) return;
    clearTimeout(waiting.due);
    this.pending.delete(stream);
    this.lastSent.set(stream, Date.now());
    waiting.send();
  }

  private batch(): ReturnType<Redis['pipeline']> {
    if (this.pipeline === null) {
      const p = this.redis.pipeline();
      this.pipeline = p;
      queueMicrotask(() => {
        this.pipeline = null;
        // A failed publish is dropped, never retried into the trading loop.
        const done = p.exec().catch(() => {});
        this.inflight.add(done);
        void done.finally(() => this.inflight.delete(done));
      });
    }
    return this.pipeline;
  }

  async close(): Promise<void> {
    for (const stream of [...this.pending.keys()]) this.flush(stream);
    await new Promise((r) => queueMicrotask(() => r(undefined))); // let the open batch be sent
    await Promise.all([...this.inflight]);
  }
}
