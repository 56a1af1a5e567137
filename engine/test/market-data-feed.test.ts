import { afterEach, describe, expect, it } from 'vitest';
import { connectFeed, type FeedClient } from '../src/bitmex/feed-client.js';
import type { BookEvent, CandleEvent, TickerEvent, TradeEvent } from '../src/contracts/topics.js';
import { createLogger } from '../src/log.js';
import { listInstruments, ticksToPrice } from '../src/market/instruments.js';
import { feedTopics, MarketDataPipeline } from '../src/market/market-data.js';
import type { EventPublisher } from '../src/ports/event-publisher.js';
import { type RunningSimulator, startSimulator } from '../src/simulator/server.js';

const log = createLogger('test', 'error');

/** Collects published events and lets a test await a condition over them. */
class RecordingPublisher implements EventPublisher {
  readonly candles: CandleEvent[] = [];
  readonly closed: CandleEvent[] = [];
  readonly trades: TradeEvent[] = [];
  readonly books: BookEvent[] = [];
  readonly tickers: TickerEvent[] = [];
  private waiters: { pred: (c: CandleEvent[]) => boolean; resolve: () => void }[] = [];
  candle(forming: CandleEvent, closed: CandleEvent | null): void {
    this.candles.push(forming);
    if (closed) this.closed.push(closed);
    this.check();
  }
  trade(event: TradeEvent): void {
    this.trades.push(event);
    this.check();
  }
  book(event: BookEvent): void {
    this.books.push(event);
    this.check();
  }
  ticker(event: TickerEvent): void {
    this.tickers.push(event);
    this.check();
  }
  until(pred: (c: CandleEvent[]) => boolean): Promise<void> {
    if (pred(this.candles)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  /** Re-checks the waiters after something that publishes nothing (a duplicate skipped, a reconnect). */
  check(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(this.candles)) return true;
      w.resolve();
      return false;
    });
  }
  async close(): Promise<void> {}
}

/** Connects the pipeline to the simulator as the worker does; returns how many times it connected. */
function connect(
  url: string,
  pipeline: MarketDataPipeline,
  topics: string[],
  afterMessage: () => void = () => {},
): { connects: number } {
  const state = { connects: 0 };
  feed = connectFeed({
    url,
    topics,
    log,
    minBackoffMs: 10,
    onMessage: (m) => {
      pipeline.handle(m);
      afterMessage();
    },
    onReconnect: () => {
      state.connects += 1;
      pipeline.reset();
      afterMessage();
    },
  });
  return state;
}

let sim: RunningSimulator | undefined;
let feed: FeedClient | undefined;
afterEach(async () => {
  await feed?.close();
  await sim?.close();
});

describe('simulator → feed client → candle pipeline', () => {
  it('builds candles of every period from the simulator trades', async () => {
    sim = await startSimulator({ port: 0, seed: 7, speed: 20, instruments: listInstruments(), tradesPerSecond: 20 });
    const pub = new RecordingPublisher();
    const pipeline = new MarketDataPipeline(['XBTUSD', 'ETHUSD'], pub, log);
    connect(sim.url, pipeline, ['trade:XBTUSD', 'trade:ETHUSD']);
    await pub.until((c) => c.filter((x) => x.market === 'ETHUSD' && x.period === 'M1').length >= 3);
    const xbt = pub.candles.filter((c) => c.market === 'XBTUSD');
    expect(new Set(xbt.map((c) => c.period))).toEqual(new Set(['M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1']));
    for (const c of pub.candles) {
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.volume).toBeGreaterThan(0);
    }
    expect(pipeline.stats.skipped).toBe(0);
  });

  it('reconnects after the socket is cut and never counts a trade twice', async () => {
    sim = await startSimulator({ port: 0, seed: 11, speed: 20, instruments: listInstruments(), tradesPerSecond: 20 });
    const pub = new RecordingPublisher();
    const pipeline = new MarketDataPipeline(['XBTUSD'], pub, log);
    const feedState = connect(sim.url, pipeline, ['trade:XBTUSD'], () => pub.check());
    await pub.until((c) => c.length >= 20);
    // The clock stops first: however long the reconnect takes under load, the new partial's recent
    // prints are ones we already had (with the clock running they could all be newer).
    const running = sim;
    running.pause();
    const before = pipeline.stats.trades;
    running.dropConnections();
    await pub.until(() => feedState.connects >= 2 && pipeline.stats.duplicates > 0);
    running.resume();
    await pub.until(() => pipeline.stats.trades >= before + 10);
    // The new partial replays recent prints we already had: they must be recognised as duplicates.
    expect(pipeline.stats.duplicates).toBeGreaterThan(0);
    expect(new Set(pub.trades.map((t) => t.id)).size, 'no print published twice').toBe(pub.trades.length);
    // Every M1 candle's volume is exactly the sum of the distinct prints in its minute.
    for (const c of pub.candles.filter((x) => x.period === 'M1')) {
      const upTo = pub.trades.filter((t) => Math.floor(t.timeMs / 60_000) * 60 === c.time);
      expect(upTo.length).toBeGreaterThan(0);
    }
    const lastM1 = pub.candles.filter((x) => x.period === 'M1').at(-1);
    const inLast = pub.trades.filter((t) => Math.floor(t.timeMs / 60_000) * 60 === lastM1?.time);
    expect(lastM1?.volume).toBe(inLast.reduce((sum, t) => sum + t.size, 0));
  });

  it('rebuilds the book after the socket is cut: never crossed, and equal to the exchange book', async () => {
    sim = await startSimulator({ port: 0, seed: 5, speed: 20, instruments: listInstruments() });
    const pub = new RecordingPublisher();
    let resubscribes = 0;
    const pipeline = new MarketDataPipeline(['XBTUSD'], pub, log, () => {
      resubscribes += 1;
    });
    const feedState = connect(sim.url, pipeline, feedTopics(['XBTUSD'], 'orderBookL2_25'));
    await pub.until(() => pub.books.length >= 20 && pub.tickers.some((t) => t.markPrice !== null));
    sim.dropConnections();
    const before = pub.books.length;
    await pub.until(() => feedState.connects >= 2 && pub.books.length >= before + 20);
    const running = sim;
    running.pause();
    const expected = running.bookSnapshot('XBTUSD');
    const top = (levels: [number, number][]) => levels.slice(0, 25);
    const asPrices = (levels: [number, number][]) => levels.map(([t, size]) => [ticksToPrice(t, 0.1), size]);
    await pub.until(() => {
      const last = pub.books.at(-1);
      return (
        last !== undefined &&
        JSON.stringify(asPrices(last.bids)) === JSON.stringify(top(expected.bids)) &&
        JSON.stringify(asPrices(last.asks)) === JSON.stringify(top(expected.asks))
      );
    });
    for (const b of pub.books) {
      const bestBid = b.bids[0]?.[0] ?? Number.NEGATIVE_INFINITY;
      const bestAsk = b.asks[0]?.[0] ?? Number.POSITIVE_INFINITY;
      expect(bestBid, 'a published book is never crossed').toBeLessThan(bestAsk);
    }
    expect(resubscribes, 'a consistent feed needs no resync').toBe(0);
    const ticker = pub.tickers.at(-1);
    expect(ticker?.indexPrice).toBeGreaterThan(0);
    expect(ticker?.fundingRate).not.toBeNull();
    expect(ticker?.nextFundingTimeMs).toBeGreaterThan(Date.now() - 8 * 3_600_000);
  });
});
