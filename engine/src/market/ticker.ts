import type { Instrument } from './instruments.js';

/**
 * Header statistics of one market, in display units: prices in the quote currency, volume and
 * open interest in contracts, turnover in the settlement currency (XBT or USDT), times in unix ms.
 * Values the exchange has not sent yet are null, never invented.
 */
export interface Ticker {
  market: string;
  lastPrice: number | null;
  /** BitMEX tick direction of the last trade: PlusTick, ZeroPlusTick, MinusTick, ZeroMinusTick. */
  tickDirection: string | null;
  /** 24 h change in percent (2.16 = +2.16 %). */
  change24hPct: number | null;
  high24h: number | null;
  low24h: number | null;
  volume24h: number | null;
  turnover24h: number | null;
  markPrice: number | null;
  indexPrice: number | null;
  /** Rate applied at the next funding time, as a fraction (0.0001 = 0.01 %). */
  fundingRate: number | null;
  nextFundingTimeMs: number | null;
  openInterest: number | null;
  /** When any of the above last changed, unix ms. */
  timeMs: number;
}

type Row = Readonly<Record<string, unknown>>;

const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // parseJsonExact keeps unsafe integers as strings; a display value may round them.
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return null;
};
const time = (v: unknown): number | null =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null;

/** Settlement-currency minor units per major unit: XBt per XBT, USDt per USDT. */
const SETTLE_MINOR: Record<Instrument['settleCurrency'], number> = { XBT: 1e8, USDT: 1e6 };

/**
 * Derives the ticker from the exchange's own instrument rows (real 24 h statistics, mark and index
 * prices, funding, open interest; the seed faked or computed these from loaded candles) and from
 * trades, which move the last price in real time between throttled instrument updates.
 */
export function tickerFromInstrument(
  instrument: Instrument,
  row: Row,
  indexRow: Row | undefined,
  previous: Ticker | null,
): Ticker {
  const pick = (field: keyof Ticker, value: number | null) => value ?? (previous?.[field] as number | null) ?? null;
  const change = num(row.lastChangePcnt);
  const turnover = num(row.turnover24h);
  const indexPrice = num(indexRow?.markPrice) ?? num(indexRow?.lastPrice) ?? num(row.indicativeSettlePrice);
  return {
    market: instrument.symbol,
    lastPrice: previous?.lastPrice ?? num(row.lastPrice),
    tickDirection:
      previous?.tickDirection ?? (typeof row.lastTickDirection === 'string' ? row.lastTickDirection : null),
    change24hPct: pick('change24hPct', change === null ? null : Math.round(change * 1e6) / 1e4),
    high24h: pick('high24h', num(row.highPrice)),
    low24h: pick('low24h', num(row.lowPrice)),
    volume24h: pick('volume24h', num(row.volume24h)),
    turnover24h: pick('turnover24h', turnover === null ? null : turnover / SETTLE_MINOR[instrument.settleCurrency]),
    markPrice: pick('markPrice', num(row.markPrice)),
    indexPrice: pick('indexPrice', indexPrice),
    fundingRate: pick('fundingRate', num(row.fundingRate)),
    nextFundingTimeMs: pick('nextFundingTimeMs', time(row.fundingTimestamp)),
    openInterest: pick('openInterest', num(row.openInterest)),
    timeMs: time(row.timestamp) ?? previous?.timeMs ?? 0,
  };
}

/** A trade moves the last price and tick direction at once. */
export function tickerWithTrade(
  ticker: Ticker,
  trade: { price: number; tickDirection: string | null; timeMs: number },
): Ticker {
  return {
    ...ticker,
    lastPrice: trade.price,
    tickDirection: trade.tickDirection ?? ticker.tickDirection,
    timeMs: Math.max(ticker.timeMs, trade.timeMs),
  };
}

/** A ticker with nothing known yet. */
export function emptyTicker(market: string): Ticker {
  return {
    market,
    lastPrice: null,
    tickDirection: null,
    change24hPct: null,
    high24h: null,
    low24h: null,
    volume24h: null,
    turnover24h: null,
    markPrice: null,
    indexPrice: null,
    fundingRate: null,
    nextFundingTimeMs: null,
    openInterest: null,
    timeMs: 0,
  };
}
