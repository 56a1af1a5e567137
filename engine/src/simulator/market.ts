import type { Instrument } from '../market/instruments.js';
import { OrderBook } from './book.js';
import { FundingClock, fundingRateFor } from './funding.js';
import { syntheticHistory } from './history.js';
import { type IndexState, PerpetualState } from './instrument-state.js';
import { type FlowParams, OrderFlow } from './order-flow.js';
import { PREMIUM_MEAN, PREMIUM_SD } from './price-process.js';
import { notionals, TradePrinter } from './prints.js';
import type { Rng } from './rng.js';
import { Rolling24h } from './rolling24h.js';

/** One simulated perpetual: its book and order flow, prints, instrument row, funding and index. */
export interface Market {
  instrument: Instrument;
  /** The market's own random stream (book ids, order flow, match ids, open interest, premium). */
  rng: Rng;
  book: OrderBook;
  flow: OrderFlow;
  printer: TradePrinter;
  state: PerpetualState;
  funding: FundingClock;
  index: IndexState;
  /** Premium of the traded price over the index, fraction; mean-reverting. */
  premium: number;
}

/** Inputs of {@link createMarket}. */
export interface MarketSetup {
  instrument: Instrument;
  rng: Rng;
  /** Stream for the synthetic 24 h history. */
  historyRng: Rng;
  /** Relative 24 h price path of the underlying (see history.ts). */
  path: readonly number[];
  index: IndexState;
  /** Underlying price now, quote currency. */
  underlyingPrice: number;
  /** XBT price now, USD (values quanto contracts). */
  xbtPrice: number;
  nowMs: number;
  /** Mean liquidity-taking orders per second. */
  tradesPerSecond: number;
  /** Target levels per book side. */
  bookLevels: number;
}

/**
 * Builds a market calibrated in USD so every contract type looks alike: about $20k resting at
 * the touch, $2k per taker order, levels ~0.0015 % apart at the touch; open interest and 24 h
 * history at plausible sizes.
 */
export function createMarket(s: MarketSetup): Market {
  const { instrument, rng, nowMs } = s;
  const premium = PREMIUM_MEAN + rng.normal() * PREMIUM_SD;
  const fair = s.underlyingPrice * (1 + premium);
  const lotUsd = contractUsd(instrument, fair, s.xbtPrice) * instrument.lotSize;
  const params: FlowParams = {
    lotSize: instrument.lotSize,
    levels: s.bookLevels,
    topGapTicks: Math.max(1, (1.5e-5 * fair) / instrument.tickSize),
    touchLots: Math.max(1, Math.round(20_000 / lotUsd)),
    tradeLots: Math.max(1, Math.round(2_000 / lotUsd)),
    tradesPerSecond: s.tradesPerSecond,
    makerEventsPerSecond: 10 + 2 * s.tradesPerSecond,
  };
  const book = new OrderBook(rng);
  const flow = new OrderFlow(book, rng, params);
  flow.seed(fair / instrument.tickSize, nowMs);
  book.drainChanges(); // the initial book is what a partial shows, not a delta
  const lastTicks = Math.round(fair / instrument.tickSize);
  const history = syntheticHistory({
    rng: s.historyRng,
    nowMs,
    path: s.path,
    price: fair,
    tickSize: instrument.tickSize,
    volumePerMinute: (s.tradesPerSecond + 2) * 60 * params.tradeLots * instrument.lotSize,
    lotSize: instrument.lotSize,
    notionals: (size, price) => notionals(instrument, size, price),
  });
  const funding = new FundingClock(instrument.symbol, nowMs, premium, {
    next: fundingRateFor(premium + rng.normal() * 0.0002),
    previous: fundingRateFor(premium + rng.normal() * 0.0002),
  });
  const openInterestUsd = { inverse: 400e6, quanto: 40e6, linear: 60e6 }[instrument.kind];
  const state = new PerpetualState(instrument, new Rolling24h(history, nowMs), funding, {
    lastTicks,
    index: s.index.price,
    openInterest: Math.round(openInterestUsd / lotUsd) * instrument.lotSize,
    nowMs,
  });
  state.setQuote(book.best('Buy')?.ticks, book.best('Sell')?.ticks);
  const printer = new TradePrinter(instrument, rng, lastTicks);
  return { instrument, rng, book, flow, printer, state, funding, index: s.index, premium };
}

/** USD value of one contract at `price` (quote currency) with XBT at `xbt` USD. */
export function contractUsd(i: Instrument, price: number, xbt: number): number {
  switch (i.kind) {
    case 'inverse':
      return 1;
    case 'quanto':
      return price * i.multiplier * 1e-8 * xbt;
    case 'linear':
      return price / (i.underlyingToPositionMultiplier ?? 1);
  }
}
