import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type BookEvent, channel, MdKey, Topic } from '../contracts/topics.js';
import type { Logger } from '../log.js';
import { findInstrument } from '../market/instruments.js';
import { toTicks } from '../market/price-ticks.js';
import { FINEST_TICK } from './bitmex-csv.js';
import { writeBookHour } from './book-archive.js';
import { BookColumnsBuilder, type BookLevel, TradeColumnsBuilder } from './columns-builder.js';
import { HOUR_MS } from './layout.js';
import type { ArchiveStore } from './store.js';
import { writeTradeHour } from './trade-archive.js';

/** The part of a published trade the archive keeps; validated, since it crosses Redis. */
const StreamTrade = z.object({
  id: z.string().min(1),
  timeMs: z.number().int(),
  price: z.number().positive(),
  size: z.number().positive(),
  side: z.enum(['BUY', 'SELL']),
});

/** How {@link ArchiveCollector} runs. */
export interface CollectorOptions {
  store: ArchiveStore;
  /** Reads the trade streams and keeps checkpoints; blocking reads, so not shared with publishers. */
  redis: Redis;
  /** A connection for pub/sub (book events). */
  subscriber: Redis;
  exchange: string;
  symbols: readonly string[];
  /** The open hour is written out this often, ms. */
  flushEveryMs: number;
  /** A full book snapshot at least this often, ms (and at every hour start). @default 60000 */
  snapshotEveryMs?: number;
  log: Logger;
  /** Called after each successful write of a market (tests and health wait on it). */
  onFlush?: (symbol: string) => void;
  /** Called for each book event taken in. */
  onBookEvent?: (symbol: string) => void;
}

/** Redis key of a market's checkpoint: the last trade stream id already in the archive. */
export const collectorCheckpointKey = (exchange: string, symbol: string) => `archive:collect:${exchange}:${symbol}`;

interface MarketRecorder {
  tickSize: number;
  hourMs: number;
  trades: TradeColumnsBuilder;
  book: BookColumnsBuilder;
  /** Book as last recorded: side:ticks → size. */
  levels: Map<string, number>;
  lastSnapshotMs: number;
  /** Stream id of the newest trade in `trades`. */
  lastId: string | null;
}

/**
 * The archive's collector (the seed's "market" mode): writes the live feed into hourly segments.
 * Trades come from each market's Redis trade stream, read from a checkpoint, so a restart loses
 * nothing the stream still holds and, because segments merge by trade id, duplicates nothing.
 * The book comes from the published (conflated) snapshots: a snapshot per hour start and per
 * `snapshotEveryMs`, deltas in between. The open hour is written every `flushEveryMs` and on stop.
 */
export class ArchiveCollector {
  private readonly markets = new Map<string, MarketRecorder>();
  /** Trades older than a market's open hour (a backlog read from the checkpoint), by market and hour. */
  private readonly late = new Map<string, TradeColumnsBuilder>();
  /** Writes run one at a time: two writers of one manifest would lose an entry. */
  private writing: Promise<void> = Promise.resolve();
  readonly stats = { trades: 0, bookEvents: 0, flushes: 0, skipped: 0 };

  constructor(private readonly o: CollectorOptions) {}

  /** Runs until `signal` aborts, then writes what it holds and returns. */
  async run(signal: AbortSignal): Promise<void> {
    const { redis, subscriber, symbols, exchange } = this.o;
    // A checkpoint from the start ('0' = nothing written yet) tells readers of the archive that a
    // collector is at work here (see collector-coverage.ts).
    await Promise.all(symbols.map((s) => redis.set(collectorCheckpointKey(exchange, s), '0', 'NX')));
    const ids = await Promise.all(
      symbols.map(async (s) => (await redis.get(collectorCheckpointKey(exchange, s))) ?? '0'),
    );
    const cursor = new Map(symbols.map((s, i) => [s, ids[i] ?? '0']));
    subscriber.on('message', (ch: string, text: string) => this.onBook(ch, text));
    await subscriber.subscribe(...symbols.map((s) => channel(Topic.book, s)));
    let lastFlush = Date.now();
    while (!signal.aborted) {
      const reply = (await redis.xread(
        'COUNT',
        5_000,
        'BLOCK',
        500,
        'STREAMS',
        ...symbols.map((s) => MdKey.tradeStream(s)),
        ...symbols.map((s) => cursor.get(s) ?? '0'),
      )) as [string, [string, string[]][]][] | null;
      for (const [key, entries] of reply ?? []) {
        const symbol = key.slice(MdKey.tradeStream('').length);
        for (const [id, fields] of entries) {
          await this.onTrade(symbol, id, fields[1] ?? '');
          cursor.set(symbol, id);
        }
      }
      if (Date.now() - lastFlush >= this.o.flushEveryMs) {
        await this.flushAll();
        lastFlush = Date.now();
      }
    }
    await subscriber.unsubscribe();
    await this.flushAll();
  }

  private recorder(symbol: string, timeMs: number): MarketRecorder {
    const hourMs = Math.floor(timeMs / HOUR_MS) * HOUR_MS;
    let m = this.markets.get(symbol);
    if (!m) {
      const tickSize = findInstrument(symbol)?.tickSize ?? FINEST_TICK;
      m = this.fresh(symbol, tickSize, hourMs);
      this.markets.set(symbol, m);
    }
    return m;
  }

  private fresh(symbol: string, tickSize: number, hourMs: number): MarketRecorder {
    const head = { exchange: this.o.exchange, symbol, tickSize };
    return {
      tickSize,
      hourMs,
      trades: new TradeColumnsBuilder(head),
      book: new BookColumnsBuilder(head, 0),
      levels: new Map(),
      lastSnapshotMs: 0,
      lastId: null,
    };
  }

  private async onTrade(symbol: string, streamId: string, json: string): Promise<void> {
    let parsed: z.infer<typeof StreamTrade>;
    try {
      parsed = StreamTrade.parse(JSON.parse(json));
    } catch (err) {
      this.stats.skipped += 1;
      this.o.log.warn('archive collector skipped a malformed trade', { symbol, streamId, reason: String(err) });
      return;
    }
    let m = this.recorder(symbol, parsed.timeMs);
    if (parsed.timeMs >= m.hourMs + HOUR_MS) {
      void this.flush(m); // the hour is over: write it, start the next
      m = this.rollHour(symbol, parsed.timeMs);
    }
    const ticks = toTicks(parsed.price, m.tickSize);
    if (ticks === null) {
      this.stats.skipped += 1;
      return;
    }
    const timeNs = BigInt(parsed.timeMs) * 1_000_000n;
    const side = parsed.side === 'BUY' ? 1 : -1;
    if (parsed.timeMs < m.hourMs) {
      const hourMs = Math.floor(parsed.timeMs / HOUR_MS) * HOUR_MS;
      const key = `${symbol}@${hourMs}`;
      const late = this.late.get(key) ?? new TradeColumnsBuilder({ ...m.trades.head });
      this.late.set(key, late);
      late.add(timeNs, ticks, parsed.size, side, parsed.id);
    } else {
      m.trades.add(timeNs, ticks, parsed.size, side, parsed.id);
    }
    m.lastId = streamId;
    this.stats.trades += 1;
  }

  private onBook(ch: string, text: string): void {
    let e: BookEvent;
    try {
      e = JSON.parse(text) as BookEvent;
    } catch {
      this.stats.skipped += 1;
      return;
    }
    const symbol = ch.slice(channel(Topic.book, '').length);
    let m = this.recorder(symbol, e.timeMs);
    if (e.timeMs >= m.hourMs + HOUR_MS) {
      void this.flush(m);
      m = this.rollHour(symbol, e.timeMs);
    }
    // Published levels are ticks of the event's tick size; the archive keeps the instrument's.
    if (e.tickSize !== m.tickSize || e.timeMs < m.hourMs) return;
    const timeNs = BigInt(e.timeMs) * 1_000_000n;
    const now = new Map<string, number>();
    for (const [ticks, size] of e.bids) now.set(`1:${ticks}`, size);
    for (const [ticks, size] of e.asks) now.set(`-1:${ticks}`, size);
    if (m.book.records === 0 || e.timeMs - m.lastSnapshotMs >= (this.o.snapshotEveryMs ?? 60_000)) {
      const levels: BookLevel[] = [
        ...e.bids.map(([ticks, size]) => ({ ticks, size, side: 1 as const })),
        ...e.asks.map(([ticks, size]) => ({ ticks, size, side: -1 as const })),
      ];
      m.book.snapshot(timeNs, levels);
      m.lastSnapshotMs = e.timeMs;
    } else {
      for (const [key, size] of m.levels) {
        if (!now.has(key)) m.book.change(timeNs, levelTicks(key), 0, levelSide(key));
        else if (now.get(key) !== size) m.book.change(timeNs, levelTicks(key), now.get(key) ?? 0, levelSide(key));
      }
      for (const [key, size] of now)
        if (!m.levels.has(key)) m.book.change(timeNs, levelTicks(key), size, levelSide(key));
    }
    m.levels = now;
    this.stats.bookEvents += 1;
    this.o.onBookEvent?.(symbol);
  }

  /** Starts the next hour for a market; the book carries over and opens the hour with a snapshot. */
  private rollHour(symbol: string, timeMs: number): MarketRecorder {
    const old = this.markets.get(symbol);
    const m = this.fresh(symbol, old?.tickSize ?? FINEST_TICK, Math.floor(timeMs / HOUR_MS) * HOUR_MS);
    m.levels = old?.levels ?? new Map();
    if (m.levels.size > 0) {
      const levels = [...m.levels].map(([key, size]) => ({ ticks: levelTicks(key), size, side: levelSide(key) }));
      // Bids best (highest) first, then asks best (lowest) first.
      levels.sort((a, b) => b.side - a.side || (a.side === 1 ? b.ticks - a.ticks : a.ticks - b.ticks));
      m.book.snapshot(BigInt(m.hourMs) * 1_000_000n, levels);
      m.lastSnapshotMs = m.hourMs;
    }
    this.markets.set(symbol, m);
    return m;
  }

  private async flushAll(): Promise<void> {
    for (const m of this.markets.values()) await this.flush(m);
  }

  /**
   * Writes a market's hour (merging with what the archive has) and any backlog trades of earlier
   * hours, then moves the market's checkpoint. Queued behind any write in progress.
   */
  private flush(m: MarketRecorder): Promise<void> {
    const symbol = m.trades.head.symbol;
    const trades = m.trades.length > 0 ? m.trades.build() : null;
    const book = m.book.build();
    const late = [...this.late].filter(([key]) => key.startsWith(`${symbol}@`));
    for (const [key] of late) this.late.delete(key);
    const lastId = m.lastId;
    this.writing = this.writing
      .then(async () => {
        for (const [key, builder] of late)
          await writeTradeHour(this.o.store, builder.build(), Number(key.split('@')[1]));
        if (trades) await writeTradeHour(this.o.store, trades, m.hourMs);
        if (book) await writeBookHour(this.o.store, book, m.hourMs);
        if (lastId) await this.o.redis.set(collectorCheckpointKey(this.o.exchange, symbol), lastId);
        this.stats.flushes += 1;
        this.o.onFlush?.(symbol);
      })
      .catch((err: unknown) => {
        // The checkpoint did not move: the open hour is written again at the next flush, and a
        // restart re-reads from the checkpoint. Backlog hours are put back for the next try.
        for (const [key, builder] of late) if (!this.late.has(key)) this.late.set(key, builder);
        this.o.log.error('archive write failed; will retry', { symbol, error: err });
      });
    return this.writing;
  }
}

const levelSide = (key: string): 1 | -1 => (key.startsWith('-') ? -1 : 1);
const levelTicks = (key: string): number => Number(key.slice(key.indexOf(':') + 1));
