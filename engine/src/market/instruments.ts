/**
 * Instrument metadata: the only place contract economics come from.
 * Values follow BitMEX's instrument rows (see ../shared/notes/bitmex-protocol.md §3–4); the live adapter
 * overwrites them from the exchange's `instrument` partial when it has one.
 */
export type ContractKind = 'inverse' | 'quanto' | 'linear';

export interface Instrument {
  readonly symbol: string;
  readonly kind: ContractKind;
  /** Smallest price increment, in quote currency (USD / USDT). */
  readonly tickSize: number;
  /** Smallest order size step, in contracts. */
  readonly lotSize: number;
  /** BitMEX `multiplier` (XBt for inverse/quanto; 1 for linear). */
  readonly multiplier: number;
  /** Linear only: contracts per underlying unit (XBTUSDT: 1e6 contracts = 1 XBT). */
  readonly underlyingToPositionMultiplier: number | null;
  /** Currency P&L settles in: `XBT` for inverse and quanto, `USDT` for linear. */
  readonly settleCurrency: 'XBT' | 'USDT';
  readonly quoteCurrency: 'USD' | 'USDT';
  readonly underlying: string;
  /** Index the mark price follows, e.g. `.BXBT`. */
  readonly referenceSymbol: string;
}

const catalogue: readonly Instrument[] = [
  {
    symbol: 'XBTUSD',
    kind: 'inverse',
    tickSize: 0.1,
    lotSize: 100,
    multiplier: -100_000_000,
    underlyingToPositionMultiplier: null,
    settleCurrency: 'XBT',
    quoteCurrency: 'USD',
    underlying: 'XBT',
    referenceSymbol: '.BXBT',
  },
  {
    symbol: 'ETHUSD',
    kind: 'quanto',
    tickSize: 0.01,
    lotSize: 1,
    multiplier: 100,
    underlyingToPositionMultiplier: null,
    settleCurrency: 'XBT',
    quoteCurrency: 'USD',
    underlying: 'ETH',
    referenceSymbol: '.BETH',
  },
  {
    symbol: 'XBTUSDT',
    kind: 'linear',
    tickSize: 0.5,
    lotSize: 1000,
    multiplier: 1,
    underlyingToPositionMultiplier: 1_000_000,
    settleCurrency: 'USDT',
    quoteCurrency: 'USDT',
    underlying: 'XBT',
    referenceSymbol: '.BXBT',
  },
];

const bySymbol = new Map(catalogue.map((i) => [i.symbol, i]));

/** Every market the platform knows out of the box (the simulator trades all of them). */
export function listInstruments(): readonly Instrument[] {
  return catalogue;
}

export function findInstrument(symbol: string): Instrument | undefined {
  return bySymbol.get(symbol);
}

export function getInstrument(symbol: string): Instrument {
  const found = bySymbol.get(symbol);
  if (!found) throw new UnknownMarketError(symbol);
  return found;
}

export class UnknownMarketError extends Error {
  override readonly name = 'UnknownMarketError';
  constructor(readonly symbol: string) {
    super(`unknown market "${symbol}"; known: ${catalogue.map((i) => i.symbol).join(', ')}`);
  }
}

/** Decimal places implied by a tick size (0.5 → 1, 0.01 → 2, 1e-8 → 8). */
export { fromTicks as ticksToPrice, priceToTicks, tickDecimals as priceDecimals } from './price-ticks.js';
