import type { FeedMessage } from '../bitmex/messages.js';
import { summarise, TradeRow } from '../bitmex/messages.js';
import type { CandleEvent } from '../contracts/topics.js';
import type { Logger } from '../log.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import { CandleBuilder, type TickCandle } from './candles.js';
import { findInstrument, type Instrument, priceToTicks, ticksToPrice } from './instruments.js';
import { PERIODS } from './periods.js';
import type { Trade } from './trade.js';
import { TradeDeduper } from './trade-dedupe.js';

interface MarketState {
  instrument: Instrument;
  builders: CandleBuilder[];
}

/**
 * Turns validated feed frames into market events: trades (de-duplicated by match id) fold into
 * forming candles of every period, and each change is published at once. Deltas that arrive
 * before their table's `partial` are ignored, as BitMEX requires.
 */
export class MarketDataPipeline {
  private readonly markets = new Map<string, MarketState>();
  private readonly deduper = new TradeDeduper();
  /** Tables whose partial has arrived on the current connection. */
  private readonly ready = new Set<string>();
  /** Counters for health and tests. */
  readonly stats = { trades: 0, duplicates: 0, skipped: 0 };

  constructor(
    symbols: readonly string[],
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
  ) {
    for (const symbol of symbols) {
      const instrument = findInstrument(symbol);
      if (!instrument) {
        log.warn('no instrument metadata; market ignored', { symbol });
        continue;
      }
      this.markets.set(symbol, { instrument, builders: PERIODS.map((p) => new CandleBuilder(p)) });
    }
  }

  /** A new connection: its partials replace what the old one built up. */
  reset(): void {
    this.ready.clear();
  }

  handle(message: FeedMessage): void {
    switch (message.kind) {
      case 'table':
        if (message.message.table === 'trade') this.onTrades(message.message.action, message.message.data);
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

  private onTrades(action: string, rows: Record<string, unknown>[]): void {
    if (action === 'partial') this.ready.add('trade');
    else if (!this.ready.has('trade')) return;
    if (action !== 'partial' && action !== 'insert') return;
    for (const raw of rows) {
      const parsed = TradeRow.safeParse(raw);
      if (!parsed.success) {
        this.stats.skipped += 1;
        this.log.warn('skipped malformed trade row', { reason: summarise(parsed.error) });
        continue;
      }
      const market = this.markets.get(parsed.data.symbol);
      if (!market) continue;
      const trade = toTrade(parsed.data, market.instrument);
      if (!trade) {
        this.stats.skipped += 1;
        this.log.warn('skipped off-tick trade', { symbol: parsed.data.symbol, price: parsed.data.price });
        continue;
      }
      if (!this.deduper.accept(trade.id)) {
        this.stats.duplicates += 1;
        continue;
      }
      this.stats.trades += 1;
      for (const builder of market.builders) {
        const candle = builder.apply(trade);
        if (candle) this.publisher.candle(toEvent(market.instrument, builder.period, candle));
      }
    }
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

function toEvent(instrument: Instrument, period: CandleEvent['period'], c: TickCandle): CandleEvent {
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
