import { KeyedTable } from '../bitmex/keyed-table.js';
import { L2BookTable } from '../bitmex/l2-table.js';
import type { FeedMessage, TableMessage } from '../bitmex/messages.js';
import { summarise, TradeRow } from '../bitmex/messages.js';
import { BOOK_LEVELS, type CandleEvent } from '../contracts/topics.js';
import type { Logger } from '../log.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import { CandleBuilder, type TickCandle } from './candles.js';
import { HistorySeam } from './history-seam.js';
import { findInstrument, type Instrument, priceToTicks, ticksToPrice } from './instruments.js';
import { PERIODS, type Period } from './periods.js';
import { emptyTicker, type Ticker, tickerFromInstrument, tickerWithTrade } from './ticker.js';
import type { Trade } from './trade.js';
import { TradeDeduper } from './trade-dedupe.js';

interface MarketState {
  instrument: Instrument;
  builders: CandleBuilder[];
  seam: HistorySeam;
  ticker: Ticker;
}

/** Asks the feed for a fresh partial of these topics (rebuilds a crossed or inconsistent book). */
export type Resubscribe = (topics: string[]) => void;

export const BOOK_TABLES = ['orderBookL2_25', 'orderBookL2'] as const;
export type BookTable = (typeof BOOK_TABLES)[number];

/** The exchange topics a pipeline for `symbols` needs. */
export function feedTopics(symbols: readonly string[], bookTable: BookTable): string[] {
  const indices = new Set(symbols.map((s) => findInstrument(s)?.referenceSymbol).filter((s) => s !== undefined));
  return [
    ...symbols.flatMap((s) => [`trade:${s}`, `${bookTable}:${s}`, `instrument:${s}`, `funding:${s}`]),
    ...[...indices].map((i) => `instrument:${i}`),
  ];
}

/**
 * Turns validated feed frames into market events: trades (de-duplicated by match id, integer
 * ticks) fold into forming candles of every period and move the ticker; L2 tables maintain the
 * books; instrument rows give real 24 h stats, mark/index prices, funding and open interest.
 * Every change is handed to the publisher at once (which may conflate). A crossed or inconsistent
 * book is never published: its table is resubscribed and rebuilt from a fresh partial.
 */
export class MarketDataPipeline {
  private readonly markets = new Map<string, MarketState>();
  private readonly deduper = new TradeDeduper();
  private readonly books: L2BookTable;
  private readonly instruments = new KeyedTable(['symbol']);
  private tradesReady = false;
  /**
   * Per-stream sequence numbers, consecutive within a stream (so a subscriber can spot a gap) and
   * based on unix ms × 1000 at start, so they keep increasing across restarts.
   */
  private readonly seqs = new Map<string, number>();
  private readonly seqBase = Date.now() * 1000;
  /** Counters for health, logs and tests. */
  readonly stats = { trades: 0, duplicates: 0, skipped: 0, resyncs: 0 };

  constructor(
    symbols: readonly string[],
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
    private readonly resubscribe: Resubscribe = () => {},
    private readonly bookTable: BookTable = 'orderBookL2_25',
  ) {
    for (const symbol of symbols) {
      const instrument = findInstrument(symbol);
      if (!instrument) {
        log.warn('no instrument metadata; market ignored', { symbol });
        continue;
      }
      this.markets.set(symbol, {
        instrument,
        builders: PERIODS.map((p) => new CandleBuilder(p)),
        seam: new HistorySeam(),
        ticker: emptyTicker(symbol),
      });
    }
    this.books = new L2BookTable((s) => this.markets.get(s)?.instrument, log);
  }

  /**
   * Joins archived history to a market's candles (see {@link HistorySeam}); `history` must hold
   * only trades before {@link firstLiveMs}. Recent archived trade ids are remembered so a re-sent
   * print is not counted twice. Corrected candles are published at once.
   */
  joinHistory(symbol: string, history: ReadonlyMap<Period, TickCandle>, recentIds: readonly string[]): void {
    const market = this.markets.get(symbol);
    if (!market) return;
    for (const id of recentIds) this.deduper.accept(id);
    for (const u of market.seam.join(history, market.builders)) {
      this.publisher.candle(
        toCandle(market.instrument, u.period, u.forming),
        u.closed ? toCandle(market.instrument, u.period, u.closed) : null,
      );
    }
  }

  /** Time of a market's first live trade (unix ms), or null before it: history is read up to here. */
  firstLiveMs(symbol: string): number | null {
    return this.markets.get(symbol)?.seam.firstLiveMs ?? null;
  }

  /** A new connection: its partials replace what the old one built up. */
  reset(): void {
    this.tradesReady = false;
    this.books.reset();
    this.instruments.reset();
  }

  handle(message: FeedMessage): void {
    switch (message.kind) {
      case 'table':
        this.onTable(message.message);
        return;
      case 'invalid':
        this.stats.skipped += 1;
        this.log.warn('skipped malformed feed message', { reason: message.reason, raw: message.raw });
        return;
      case 'error':
        this.log.warn('feed error reply', { error: message.message.error, status: message.message.status });
        return;
      default:
        return;
    }
  }

  private onTable(msg: TableMessage): void {
    if (msg.table === 'trade') this.onTrades(msg);
    else if (msg.table === this.bookTable) this.onBook(msg);
    else if (msg.table === 'instrument') this.onInstrument(msg);
  }

  private onTrades(msg: TableMessage): void {
    if (msg.action === 'partial') this.tradesReady = true;
    else if (!this.tradesReady || msg.action !== 'insert') return;
    for (const raw of msg.data) {
      const parsed = TradeRow.safeParse(raw);
      if (!parsed.success) {
        this.skip('malformed trade row', { reason: summarise(parsed.error) });
        continue;
      }
      const market = this.markets.get(parsed.data.symbol);
      if (!market) continue;
      const trade = toTrade(parsed.data, market.instrument);
      if (!trade) {
        this.skip('off-tick trade', { symbol: parsed.data.symbol, price: parsed.data.price });
        continue;
      }
      if (!this.deduper.accept(trade.id)) {
        this.stats.duplicates += 1;
        continue;
      }
      this.stats.trades += 1;
      this.applyTrade(market, trade, parsed.data.tickDirection ?? null);
    }
  }

  private applyTrade(market: MarketState, trade: Trade, tickDirection: string | null): void {
    const { instrument } = market;
    const price = ticksToPrice(trade.priceTicks, instrument.tickSize);
    for (const builder of market.builders) {
      const update = builder.apply(trade);
      if (!update) continue;
      market.seam.onLive(builder.period, trade.timeMs, update.forming);
      const closed = update.closed ? toCandle(instrument, builder.period, update.closed) : null;
      this.publisher.candle(toCandle(instrument, builder.period, update.forming), closed);
    }
    this.publisher.trade({
      id: trade.id,
      market: instrument.symbol,
      seq: this.nextSeq(`trade:${instrument.symbol}`),
      timeMs: trade.timeMs,
      price,
      size: trade.size,
      side: trade.side,
      tickDirection,
    });
    market.ticker = tickerWithTrade(market.ticker, { price, tickDirection, timeMs: trade.timeMs });
    this.publisher.ticker({ ...market.ticker, seq: this.nextSeq(`ticker:${market.instrument.symbol}`) });
  }

  private onBook(msg: TableMessage): void {
    const result = this.books.apply(msg);
    this.stats.skipped += result.skippedRows;
    const resyncing = new Set<string>();
    for (const { symbol, reason } of result.resync) {
      this.stats.resyncs += 1;
      resyncing.add(symbol);
      this.log.warn('order book inconsistent; resubscribing for a fresh partial', { symbol, reason });
      this.books.reset(symbol);
      this.resubscribe([`${this.bookTable}:${symbol}`]);
    }
    for (const symbol of result.changed) {
      const market = this.markets.get(symbol);
      const book = this.books.book(symbol);
      if (!market || !book || resyncing.has(symbol) || book.isCrossed()) continue;
      const snap = book.snapshot(BOOK_LEVELS);
      this.publisher.book({
        market: symbol,
        seq: this.nextSeq(`book:${symbol}`),
        timeMs: Date.now(),
        tickSize: market.instrument.tickSize,
        bids: snap.bids.map((l) => [l.priceTicks, l.size]),
        asks: snap.asks.map((l) => [l.priceTicks, l.size]),
      });
    }
  }

  private onInstrument(msg: TableMessage): void {
    const touched = new Set(this.instruments.apply(msg));
    for (const market of this.markets.values()) {
      const { symbol, referenceSymbol } = market.instrument;
      if (!touched.has(symbol) && !touched.has(referenceSymbol)) continue;
      const row = this.instruments.get(symbol);
      if (!row) continue;
      market.ticker = tickerFromInstrument(
        market.instrument,
        row,
        this.instruments.get(referenceSymbol),
        market.ticker,
      );
      this.publisher.ticker({ ...market.ticker, seq: this.nextSeq(`ticker:${market.instrument.symbol}`) });
    }
  }

  private nextSeq(stream: string): number {
    const next = (this.seqs.get(stream) ?? this.seqBase) + 1;
    this.seqs.set(stream, next);
    return next;
  }

  private skip(what: string, fields: Record<string, unknown>): void {
    this.stats.skipped += 1;
    this.log.warn(`skipped ${what}`, fields);
  }
}

function toTrade(row: TradeRow, instrument: Instrument): Trade | null {
  try {
    return {
      id: row.trdMatchID,
      symbol: row.symbol,
      timeMs: Date.parse(row.timestamp),
      priceTicks: priceToTicks(row.price, instrument.tickSize),
      size: row.size,
      side: row.side === 'Buy' ? 'BUY' : 'SELL',
    };
  } catch {
    return null;
  }
}

function toCandle(instrument: Instrument, period: CandleEvent['period'], c: TickCandle): CandleEvent {
  const px = (ticks: number) => ticksToPrice(ticks, instrument.tickSize);
  return {
    market: instrument.symbol,
    period,
    time: c.time,
    open: px(c.open),
    high: px(c.high),
    low: px(c.low),
    close: px(c.close),
    volume: c.volume,
  };
}
