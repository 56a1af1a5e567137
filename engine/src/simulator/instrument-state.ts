import { type Instrument, priceDecimals, ticksToPrice } from '../market/instruments.js';
import { FUNDING_INTERVAL, FUNDING_INTERVAL_MS, type FundingClock } from './funding.js';
import type { BitmexTradeRow, TickDirection } from './prints.js';
import type { Rolling24h } from './rolling24h.js';

/** A column value of an `instrument` row. BitMEX omits null columns (since 2023), and so do we. */
export type InstrumentValue = string | number | boolean;

/** A BitMEX `instrument` table row, keyed by `symbol`. */
export type InstrumentRow = { readonly symbol: string; readonly timestamp: string } & Readonly<
  Record<string, InstrumentValue>
>;

/** Price decimals of an index (`.BXBT` is quoted to the cent). */
const INDEX_TICK = 0.01;

/**
 * The live `instrument` row of one perpetual: static contract terms, last trade and tick direction,
 * top of book, rolling 24 h statistics, open interest, funding, and the mark price
 * (fair price = index × (1 + funding basis), BitMEX's `FairPrice` method).
 */
export class PerpetualState {
  private readonly terms: Record<string, InstrumentValue>;
  private lastTicks: number;
  private lastDirection: TickDirection = 'ZeroPlusTick';
  private bidTicks: number | undefined;
  private askTicks: number | undefined;
  /** Contracts. */
  private openInterest: number;
  private index: number;
  private mark: number;

  /**
   * @param stats the 24 h window, seeded with (synthetic) history
   * @param index the reference index price now, quote currency
   * @param openInterest contracts
   */
  constructor(
    readonly instrument: Instrument,
    private readonly stats: Rolling24h,
    private readonly funding: FundingClock,
    opts: { lastTicks: number; index: number; openInterest: number; nowMs: number },
  ) {
    this.terms = contractTerms(instrument);
    this.lastTicks = opts.lastTicks;
    this.openInterest = opts.openInterest;
    this.index = opts.index;
    this.mark = opts.index;
    this.setIndex(opts.index, opts.nowMs);
  }

  /** Folds one print into last price, tick direction and the 24 h window. */
  onTrade(row: BitmexTradeRow, ticks: number, timeMs: number): void {
    this.lastTicks = ticks;
    this.lastDirection = row.tickDirection;
    this.stats.record(timeMs, ticks, row.size, row.grossValue, row.homeNotional, row.foreignNotional);
  }

  /** Changes open interest by `delta` contracts (never below one lot). */
  adjustOpenInterest(delta: number): void {
    this.openInterest = Math.max(this.instrument.lotSize, this.openInterest + delta);
  }

  /** Top of book after the tick, ticks (undefined: empty side). */
  setQuote(bidTicks: number | undefined, askTicks: number | undefined): void {
    this.bidTicks = bidTicks;
    this.askTicks = askTicks;
  }

  /** A new index value (quote currency): recomputes the fair (mark) price at `nowMs`. */
  setIndex(index: number, nowMs: number): void {
    this.index = index;
    const basis = this.funding.rate * ((this.funding.nextMs - nowMs) / FUNDING_INTERVAL_MS);
    this.mark = round(index * (1 + basis), 2);
  }

  /** Evicts 24 h-old minutes. */
  roll(nowMs: number): void {
    this.stats.roll(nowMs);
  }

  /** The full row at `nowMs`. */
  row(nowMs: number): InstrumentRow {
    const { instrument, stats, funding } = this;
    const tick = instrument.tickSize;
    const price = (ticks: number) => ticksToPrice(ticks, tick);
    const last = price(this.lastTicks);
    const prev = price(stats.open);
    const quote: Record<string, number> = {};
    if (this.bidTicks !== undefined) quote.bidPrice = price(this.bidTicks);
    if (this.bidTicks !== undefined && this.askTicks !== undefined) {
      quote.midPrice = round(((this.bidTicks + this.askTicks) / 2) * tick, priceDecimals(tick) + 1);
    }
    if (this.askTicks !== undefined) quote.askPrice = price(this.askTicks);
    return {
      symbol: instrument.symbol,
      ...this.terms,
      fundingTimestamp: iso(funding.nextMs),
      fundingInterval: FUNDING_INTERVAL,
      fundingRate: funding.rate,
      indicativeFundingRate: funding.indicativeRate,
      volume: stats.volumeToday(nowMs),
      volume24h: stats.volume,
      turnover24h: stats.turnover,
      homeNotional24h: round(stats.home, 8),
      foreignNotional24h: round(stats.foreign, 8),
      prevPrice24h: prev,
      ...(stats.home > 0 ? { vwap: round(stats.foreign / stats.home, 4) } : {}),
      highPrice: price(stats.high),
      lowPrice: price(stats.low),
      lastPrice: last,
      lastTickDirection: this.lastDirection,
      lastChangePcnt: round(last / prev - 1, 4),
      ...quote,
      hasLiquidity: true,
      openInterest: this.openInterest,
      openValue: openValue(instrument, this.openInterest, this.mark),
      fairMethod: 'FundingRate',
      fairBasisRate: round(funding.rate * 3 * 365, 6),
      fairBasis: round(this.mark - this.index, 2),
      fairPrice: this.mark,
      markMethod: 'FairPrice',
      markPrice: this.mark,
      indicativeSettlePrice: this.index,
      timestamp: iso(nowMs),
    };
  }
}

/** The `instrument` row of an index such as `.BXBT` (BitMEX type MRCXXX, state Unlisted). */
export class IndexState {
  private ticks: number;

  /** @param stats 24 h window in cents (index tick 0.01) */
  constructor(
    readonly symbol: string,
    private readonly underlying: string,
    private readonly quoteCurrency: string,
    private readonly stats: Rolling24h,
    price: number,
  ) {
    this.ticks = Math.round(price / INDEX_TICK);
  }

  /** The index price, quote currency, rounded to the cent. */
  get price(): number {
    return ticksToPrice(this.ticks, INDEX_TICK);
  }

  /** A new calculation of the index at `nowMs`. */
  set(price: number, nowMs: number): void {
    this.ticks = Math.round(price / INDEX_TICK);
    this.stats.record(nowMs, this.ticks, 0, 0, 0, 0);
    this.stats.roll(nowMs);
  }

  /** The full row at `nowMs`. */
  row(nowMs: number): InstrumentRow {
    const last = this.price;
    const prev = ticksToPrice(this.stats.open, INDEX_TICK);
    return {
      symbol: this.symbol,
      rootSymbol: this.underlying,
      state: 'Unlisted',
      typ: 'MRCXXX',
      underlying: this.underlying,
      quoteCurrency: this.quoteCurrency,
      reference: 'BMI',
      referenceSymbol: this.symbol,
      tickSize: INDEX_TICK,
      prevPrice24h: prev,
      lastPrice: last,
      lastChangePcnt: round(last / prev - 1, 4),
      markMethod: 'LastPrice',
      markPrice: last,
      timestamp: iso(nowMs),
    };
  }
}

/** The static columns of a perpetual's row (contract math: bitmex-protocol notes §4). */
function contractTerms(i: Instrument): Record<string, InstrumentValue> {
  const settl = i.settleCurrency === 'XBT' ? 'XBt' : 'USDt';
  const multipliers: Record<string, InstrumentValue> =
    i.kind === 'inverse'
      ? { underlyingToSettleMultiplier: -100_000_000 }
      : i.kind === 'linear'
        ? { underlyingToPositionMultiplier: i.underlyingToPositionMultiplier ?? 1, quoteToSettleMultiplier: 1_000_000 }
        : {};
  return {
    rootSymbol: i.underlying,
    state: 'Open',
    typ: 'FFWCSX',
    ...(i.kind === 'quanto' ? {} : { positionCurrency: i.kind === 'inverse' ? i.quoteCurrency : i.underlying }),
    underlying: i.underlying,
    quoteCurrency: i.quoteCurrency,
    underlyingSymbol: `${i.underlying}=`,
    reference: 'BMEX',
    referenceSymbol: i.referenceSymbol,
    maxOrderQty: i.kind === 'linear' ? 1_000_000_000 : 10_000_000,
    maxPrice: 1_000_000,
    lotSize: i.lotSize,
    tickSize: i.tickSize,
    multiplier: i.multiplier,
    settlCurrency: settl,
    ...multipliers,
    isQuanto: i.kind === 'quanto',
    isInverse: i.kind === 'inverse',
    initMargin: 0.01,
    maintMargin: 0.005,
    riskLimit: 20_000_000_000,
    riskStep: 15_000_000_000,
    capped: false,
    taxed: true,
    deleverage: true,
    makerFee: 0.0002,
    takerFee: 0.00075,
    settlementFee: 0,
    fundingBaseSymbol: `.${i.underlying}BON8H`,
    fundingQuoteSymbol: `.${i.quoteCurrency === 'USDT' ? 'USDT' : 'USD'}BON8H`,
    fundingPremiumSymbol: `.${i.symbol}PI8H`,
  };
}

/** Value of the open interest at the mark, settle minor units (XBt or USDt). */
function openValue(i: Instrument, contracts: number, mark: number): number {
  switch (i.kind) {
    case 'inverse':
      return Math.round((contracts / mark) * 1e8);
    case 'quanto':
      return Math.round(contracts * mark * i.multiplier);
    case 'linear':
      return Math.round((contracts / (i.underlyingToPositionMultiplier ?? 1)) * mark * 1e6);
  }
}

function round(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
