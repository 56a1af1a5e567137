import type { Redis } from 'ioredis';
import { channel, MdKey, Topic } from '../contracts/topics.js';
import type { Logger } from '../log.js';
import type { Instrument } from '../market/instruments.js';
import { toTicks } from '../market/price-ticks.js';
import type { LegBatch, MarketBatch, MarketDataSource } from './batch-source.js';
import { bookSnapshotColumns, LiveBook, LiveTrade, LiveTradeColumns } from './live-columns.js';

/** How a {@link LiveBatchSource} reads the live feed. */
export interface LiveSourceOptions {
  /**
   * Any connection to the market-data Redis; the source opens its own duplicates (a blocking
   * stream reader and, for the book, a subscriber) and closes them when it ends.
   */
  redis: Redis;
  exchange: string;
  /** The session's markets, legs in order. */
  markets: readonly Instrument[];
  /** Deliver book snapshots too (strategies that read the book). */
  book: boolean;
  /** Unix ms: the run's start. Nothing is delivered earlier (an older event is delivered at it). */
  startMs: number;
  /** A batch carries the wall clock at least this often, ms, even without market events. @default 1000 */
  clockEveryMs?: number;
  /** Trades per market per read. @default 1000 */
  maxTrades?: number;
  log: Logger;
  /** Aborting ends the iteration, like {@link LiveBatchSource.stop}. */
  signal?: AbortSignal;
}

/** What a live source has seen, for heartbeats and tests. */
export interface LiveSourceStats {
  trades: number;
  books: number;
  /** Stream entries or book messages that were not valid JSON of their schema (skipped). */
  malformed: number;
  /** Trades whose price is not on the instrument's tick (skipped). */
  offTick: number;
}

/** Longest block of a stream read while book snapshots may be waiting (books arrive ≤ 10/s), ms. */
const BOOK_POLL_MS = 100;
/** Malformed entries logged one by one before the log is thinned to every 1,000th. */
const LOGGED_MALFORMED = 10;

/**
 * The live feed as kernel batches (a paper or live session's {@link MarketDataSource}):
 *
 * - trades from each market's Redis stream `MdKey.tradeStream`, read with XREAD BLOCK from the
 *   stream's last entry at start (resolved to an id per stream, so no entry falls between two
 *   reads), each entry's field `e` a JSON `TradeEvent` checked with zod (malformed ones are logged
 *   and skipped), as small `TradeColumns` in the instrument's ticks;
 * - with `book`, the latest published snapshot (`MdKey.book` at start, then the conflated
 *   `md.book:<symbol>` channel), as one-snapshot `BookColumns`;
 * - the wall clock: every batch carries `clockMs`, and a batch comes at least every
 *   `clockEveryMs`, so timers, funding and equity samples fall due in real time.
 *
 * Time never goes backwards: an event stamped before the last delivered clock (feed latency, clock
 * skew) is delivered at that clock. {@link stop} (or the signal) ends the iteration with one last
 * clock batch at the stop time.
 */
export class LiveBatchSource implements MarketDataSource {
  readonly stats: LiveSourceStats = { trades: 0, books: 0, malformed: 0, offTick: 0 };
  /** Resolves once the source reads the feed: entries added to the streams from then on are delivered. */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};
  private stopped = false;
  private reader: Redis | null = null;
  private readonly pendingBooks: (LiveBook | null)[];
  private readonly clockEveryMs: number;

  constructor(private readonly o: LiveSourceOptions) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.pendingBooks = o.markets.map(() => null);
    this.clockEveryMs = o.clockEveryMs ?? 1_000;
    o.signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Ends the iteration promptly (a blocked read is interrupted); safe to call more than once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    // Interrupts a blocked XREAD: its promise rejects and the loop sees `stopped`.
    this.reader?.disconnect();
  }

  async *batches(): AsyncIterable<MarketBatch> {
    const { o } = this;
    const reader = o.redis.duplicate({ maxRetriesPerRequest: null });
    this.reader = reader;
    const subscriber = o.book ? o.redis.duplicate({ maxRetriesPerRequest: null }) : null;
    const keys = o.markets.map((m) => MdKey.tradeStream(m.symbol));
    const cols = o.markets.map(
      (m) => new LiveTradeColumns({ exchange: o.exchange, symbol: m.symbol, tickSize: m.tickSize }),
    );
    const legBatches: LegBatch[] = o.markets.map(() => ({ trades: null, book: null }));
    const batch: MarketBatch = { legs: o.markets.map(() => null), clockMs: o.startMs };
    /** Latest delivered time, unix ms: the floor of every later event and clock. */
    let floorMs = o.startMs;
    try {
      let ids = keys.map(() => '0-0');
      try {
        if (!this.stopped) ids = await Promise.all(keys.map((k) => lastStreamId(reader, k)));
        if (subscriber && !this.stopped) await this.followBooks(subscriber);
      } catch (err) {
        if (!this.stopped) throw err; // else: stop() closed the connection under the setup
      }
      this.markReady();
      let nextClockMs = Date.now();
      while (!this.stopped) {
        const blockMs = Math.max(1, Math.min(o.book ? BOOK_POLL_MS : this.clockEveryMs, nextClockMs - Date.now()));
        let reply: XReadReply = null;
        try {
          reply = (await reader.xread(
            'COUNT',
            o.maxTrades ?? 1_000,
            'BLOCK',
            blockMs,
            'STREAMS',
            ...keys,
            ...ids,
          )) as XReadReply;
        } catch (err) {
          if (this.stopped) break;
          o.log.warn('live source: stream read failed; retrying', { error: err });
          await new Promise((r) => setTimeout(r, this.clockEveryMs));
        }
        let any = false;
        for (let l = 0; l < o.markets.length; l++) {
          const c = cols[l] as LiveTradeColumns;
          c.clear();
          const entries = reply?.find(([key]) => key === keys[l])?.[1] ?? [];
          for (const [id, fields] of entries) {
            ids[l] = id;
            floorMs = this.addTrade(c, o.markets[l] as Instrument, id, fields, floorMs);
          }
          const leg = legBatches[l] as LegBatch;
          leg.trades = c.length > 0 ? c.columns() : null;
          const book = this.pendingBooks[l];
          this.pendingBooks[l] = null;
          if (book) {
            floorMs = Math.max(floorMs, book.timeMs);
            leg.book = bookSnapshotColumns(o.exchange, (o.markets[l] as Instrument).symbol, book, floorMs);
            this.stats.books += 1;
          } else leg.book = null;
          batch.legs[l] = leg.trades || leg.book ? leg : null;
          any ||= leg.trades !== null || leg.book !== null;
        }
        const now = Date.now();
        if (!any && now < nextClockMs) continue;
        floorMs = Math.max(floorMs, now);
        batch.clockMs = floorMs;
        nextClockMs = now + this.clockEveryMs;
        yield batch;
      }
      // The run ends now: one last clock so the kernel's time is the stop time.
      batch.legs.fill(null);
      batch.clockMs = Math.max(floorMs, Date.now());
      yield batch;
    } finally {
      this.stopped = true;
      reader.disconnect();
      subscriber?.disconnect();
    }
  }

  /** Adds a stream entry to a market's columns; returns the new time floor. */
  private addTrade(c: LiveTradeColumns, inst: Instrument, id: string, fields: string[], floorMs: number): number {
    // Fields come as [name, value, …]; the publisher writes one, `e`.
    const at = fields.indexOf('e');
    const json = at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
    let t: LiveTrade;
    try {
      t = LiveTrade.parse(JSON.parse(json ?? ''));
    } catch (err) {
      this.malformed(`trade ${inst.symbol} ${id}`, err);
      return floorMs;
    }
    const ticks = toTicks(t.price, inst.tickSize);
    if (ticks === null) {
      this.stats.offTick += 1;
      return floorMs;
    }
    const timeMs = Math.max(floorMs, t.timeMs);
    c.add(timeMs, ticks, t.size, t.side === 'BUY' ? 1 : -1, t.id);
    this.stats.trades += 1;
    return timeMs;
  }

  /** Subscribes to the markets' book channels, then reads each latest snapshot (newest wins). */
  private async followBooks(subscriber: Redis): Promise<void> {
    const { o } = this;
    const legOf = new Map(o.markets.map((m, l) => [channel(Topic.book, m.symbol), l]));
    subscriber.on('message', (ch: string, text: string) => {
      const l = legOf.get(ch);
      if (l !== undefined) this.takeBook(l, text, ch);
    });
    await subscriber.subscribe(...legOf.keys());
    const snapshots = await this.reader?.mget(...o.markets.map((m) => MdKey.book(m.symbol)));
    snapshots?.forEach((text, l) => {
      if (text !== null) this.takeBook(l, text, MdKey.book(o.markets[l]?.symbol ?? ''));
    });
  }

  private takeBook(l: number, text: string, from: string): void {
    let e: LiveBook;
    try {
      e = LiveBook.parse(JSON.parse(text));
    } catch (err) {
      this.malformed(`book ${from}`, err);
      return;
    }
    const held = this.pendingBooks[l];
    // Conflated: only the newest snapshot not yet delivered is kept.
    if (!held || e.timeMs > held.timeMs || (e.timeMs === held.timeMs && e.seq >= held.seq)) this.pendingBooks[l] = e;
  }

  private malformed(what: string, err: unknown): void {
    this.stats.malformed += 1;
    const n = this.stats.malformed;
    if (n <= LOGGED_MALFORMED || n % 1_000 === 0)
      this.o.log.warn('live source skipped a malformed entry', { what, count: n, reason: String(err).slice(0, 300) });
  }
}

/** XREAD's answer: per stream, its entries as [id, [field, value, …]]; null when the block timed out. */
type XReadReply = [string, [string, string[]][]][] | null;

/** Id of a stream's newest entry, or `0-0` when it has none (every later entry is new). */
async function lastStreamId(redis: Redis, key: string): Promise<string> {
  const last = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0-0';
}
