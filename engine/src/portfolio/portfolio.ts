import type { Instrument } from '../market/instruments.js';
import type { Fill } from '../strategy/sdk.js';
import { averageEntry, contractValue, positionPnl } from './contract-math.js';
import { attributeFunding, type Lot, openQty, takeFifo } from './lots.js';
import type { EquityPoint, PortfolioPort, PositionState, RoundTrip } from './portfolio-port.js';

/** A settlement / session currency. */
export type Currency = 'XBT' | 'USDT';

/** How a {@link Portfolio} is set up. */
export interface PortfolioOptions {
  /** Markets the session may trade; fills or marks of any other market throw. */
  instruments: readonly Instrument[];
  /** Starting balance, session currency. */
  initialBalance: number;
  /** Session currency: balance, equity and every total are in it. */
  currency: Currency;
  /**
   * Units of the session currency per unit of `from` (e.g. USDT per XBT when the session is in
   * USDT and `from` is XBT), read at each booking. Required when a market settles in a currency
   * other than `currency`; never called for markets settling in `currency` (rate 1).
   */
  fx?: (from: Currency) => number;
}

/** Default maintenance margin: 0.5 % of position value (BitMEX's XBTUSD base maintenance rate). */
export const DEFAULT_MAINTENANCE_FRACTION = 0.005;

interface Book {
  readonly inst: Instrument;
  /** +1 long, −1 short, 0 flat. */
  sign: number;
  /** FIFO lots, oldest first; empty when flat. */
  lots: Lot[];
  /** BitMEX average entry (harmonic for inverse), informational; null when flat. */
  avgEntry: number | null;
  /** Latest price for unrealised P&L, quote currency; NaN until marked or filled (a number field: marking allocates nothing). */
  markPrice: number;
}

/**
 * The session's book-keeping: positions, FIFO round trips, balance and equity.
 *
 * Realised P&L comes from the FIFO lots (so the balance always equals the initial balance plus the
 * sum of round trips' gross P&L minus fees and funding), and so does unrealised P&L (Σ over open
 * lots at the mark). `avgEntry` follows BitMEX (harmonic for inverse, unchanged on a reduce) and is
 * informational only: after a partial FIFO close it may differ from the open lots' own average.
 * Amounts are not rounded to satoshis / cents.
 */
export class Portfolio implements PortfolioPort {
  private readonly books = new Map<string, Book>();
  /** The same books as an array: hot loops index it instead of allocating Map iterators. */
  private readonly bookList: Book[] = [];
  private readonly trips: RoundTrip[] = [];
  private readonly currency: Currency;
  private readonly fx: ((from: Currency) => number) | undefined;
  private cash: number;
  /** The one open book whose marks at or beyond `safeFrom` are known safe (isLiquidated); null = none. */
  private safeBook: Book | null = null;
  private safeFrom = Number.NaN;
  private safeFraction = Number.NaN;
  private realised = 0;
  private fees = 0;
  private funding = 0;

  constructor(options: PortfolioOptions) {
    this.currency = options.currency;
    this.fx = options.fx;
    this.cash = options.initialBalance;
    for (const inst of options.instruments) {
      if (inst.settleCurrency !== options.currency && !options.fx) {
        throw new Error(`${inst.symbol} settles in ${inst.settleCurrency}; a ${options.currency} session needs fx`);
      }
      const book: Book = { inst, sign: 0, lots: [], avgEntry: null, markPrice: Number.NaN };
      this.books.set(inst.symbol, book);
      this.bookList.push(book);
    }
  }

  /** Books a fill: closes lots FIFO (one round trip per closed piece), then opens a lot with any rest. */
  applyFill(fill: Fill): void {
    this.safeBook = null;
    if (!(fill.qty > 0)) throw new Error(`fill ${fill.orderId}: qty must be > 0, got ${fill.qty}`);
    const book = this.book(fill.symbol);
    const { inst } = book;
    const dir = fill.side === 'buy' ? 1 : -1;
    const closing = book.sign === -dir ? Math.min(fill.qty, openQty(book.lots)) : 0;
    const opening = fill.qty - closing;
    // The fill's fee is split between its closing and opening contracts pro rata.
    const feePerContract = fill.fee / fill.qty;
    const rate = this.rate(inst);
    if (closing > 0) {
      const side = book.sign > 0 ? 'long' : 'short';
      for (const piece of takeFifo(book.lots, closing)) {
        const gross = positionPnl(inst, book.sign * piece.qty, piece.price, fill.price);
        const fees = piece.fee + feePerContract * piece.qty;
        this.realised += gross * rate;
        this.cash += gross * rate;
        this.trips.push(
          Object.freeze({
            market: inst.symbol,
            side,
            qty: piece.qty,
            entryTime: piece.timeMs,
            exitTime: fill.timeMs,
            entryPrice: piece.price,
            exitPrice: fill.price,
            pnl: gross - fees - piece.funding,
            fees,
            funding: piece.funding,
          }),
        );
      }
      if (book.lots.length === 0) {
        book.sign = 0;
        book.avgEntry = null;
      }
    }
    if (opening > 0) {
      const held = openQty(book.lots);
      book.avgEntry =
        held > 0 && book.avgEntry !== null ? averageEntry(inst, held, book.avgEntry, opening, fill.price) : fill.price;
      book.sign = dir;
      book.lots.push({
        qty: opening,
        price: fill.price,
        timeMs: fill.timeMs,
        fee: feePerContract * opening,
        funding: 0,
      });
    }
    this.cash -= fill.fee * rate;
    this.fees += fill.fee * rate;
    // Until the kernel marks the market, the latest fill price is the best price we know.
    if (Number.isNaN(book.markPrice)) book.markPrice = fill.price;
  }

  /**
   * Funding at an 8 h instant: payment = `rate` × value of the position at `markPrice` (settlement
   * currency), signed by the position: a long pays and a short receives when `rate` > 0. The
   * payment is attributed to the open lots pro rata by contracts (for their round trips).
   * `_timeMs` (Unix ms) is part of the port; the booking does not depend on it.
   */
  applyFunding(symbol: string, rate: number, markPrice: number, _timeMs?: number): void {
    this.safeBook = null;
    const book = this.book(symbol);
    if (book.sign === 0) return;
    const payment = book.sign * rate * contractValue(book.inst, openQty(book.lots), markPrice);
    attributeFunding(book.lots, payment);
    const converted = payment * this.rate(book.inst);
    this.cash -= converted;
    this.funding += converted;
  }

  /** Sets the latest price of `symbol` (quote currency) for unrealised P&L and margin. */
  mark(symbol: string, price: number): void {
    this.book(symbol).markPrice = price;
  }

  /** Signed contracts of `symbol` (> 0 long), without building a {@link PositionState}. */
  positionQty(symbol: string): number {
    const book = this.book(symbol);
    return book.sign === 0 ? 0 : book.sign * openQty(book.lots);
  }

  /** Signed contracts and BitMEX average entry of `symbol`. */
  position(symbol: string): PositionState {
    const book = this.book(symbol);
    return { symbol, qty: book.sign * openQty(book.lots), avgEntry: book.avgEntry };
  }

  /** Cash balance, session currency: initial + realised gross − fees − funding. */
  balance(): number {
    return this.cash;
  }

  /** Balance + unrealised P&L, session currency. */
  equity(): number {
    return this.cash + this.unrealisedPnl();
  }

  /** `{ time: timeMs, equity: equity() }`, for the equity curve. */
  equityPoint(timeMs: number): EquityPoint {
    return { time: timeMs, equity: this.equity() };
  }

  /** Σ gross P&L of closed round trips (before fees and funding), session currency. */
  realisedPnl(): number {
    return this.realised;
  }

  /** Σ over open lots of their P&L from entry to the mark, session currency (fx read now). */
  unrealisedPnl(): number {
    let total = 0;
    for (let b = 0; b < this.bookList.length; b++) {
      const book = this.bookList[b] as Book;
      if (book.sign === 0 || Number.isNaN(book.markPrice)) continue;
      let pnl = 0;
      for (let l = 0; l < book.lots.length; l++) {
        const lot = book.lots[l] as (typeof book.lots)[number];
        pnl += positionPnl(book.inst, book.sign * lot.qty, lot.price, book.markPrice);
      }
      total += pnl * this.rate(book.inst);
    }
    return total;
  }

  /** Closed round trips, in closing order; each in its market's settlement currency. Never rewritten. */
  roundTrips(): readonly RoundTrip[] {
    return this.trips;
  }

  /** Fees paid (negative = net rebate), session currency. */
  feesPaid(): number {
    return this.fees;
  }

  /** Funding paid (negative = net received), session currency. */
  fundingPaid(): number {
    return this.funding;
  }

  /**
   * Initial margin of the open positions, session currency: Σ value at mark / leverage.
   * `leverageByMarket` maps a symbol to its leverage (> 0); a market missing from it counts at 1×.
   */
  marginUsed(leverageByMarket: Readonly<Record<string, number>> = {}): number {
    let total = 0;
    for (const book of this.books.values()) {
      const leverage = leverageByMarket[book.inst.symbol] ?? 1;
      total += this.positionValue(book) / leverage;
    }
    return total;
  }

  /**
   * Initial margin at `leverage` (session currency) were `symbol`'s position `qtyAfter` contracts
   * valued at `price`, the other positions at their marks: what an order must fit under equity.
   */
  marginIfHeld(symbol: string, qtyAfter: number, price: number, leverage: number): number {
    let total = 0;
    for (let b = 0; b < this.bookList.length; b++) {
      const book = this.bookList[b] as Book;
      total +=
        book.inst.symbol === symbol
          ? contractValue(book.inst, Math.abs(qtyAfter), price) * this.rate(book.inst)
          : this.positionValue(book);
    }
    return total / leverage;
  }

  /**
   * Cross-margin liquidation test: true when equity ≤ `maintenanceFraction` × Σ position value at
   * mark (session currency). Leverage does not enter: BitMEX's maintenance margin is a fraction of
   * position value whatever the leverage. A flat book is liquidated only when equity ≤ 0.
   * Simplification: no isolated margin, no risk-limit tiers, no bankruptcy price.
   */
  isLiquidated(maintenanceFraction: number = DEFAULT_MAINTENANCE_FRACTION): boolean {
    // This runs on every price change of a backtest while a position is open. With one position
    // settled in the session currency, equity − fraction × value only grows as the price moves in
    // the position's favour (long: up, short: down; inverse, quanto and linear alike), so a mark
    // at or beyond one already found safe is safe too, until cash or lots change.
    const safe = this.safeBook;
    if (safe !== null && maintenanceFraction === this.safeFraction) {
      const m = safe.markPrice;
      if (safe.sign > 0 ? m >= this.safeFrom : m <= this.safeFrom) return false;
    }
    // One pass computing equity() and Σ positionValue() the same way (same terms, same order).
    let value = 0;
    let unrealised = 0;
    let open: Book | null = null;
    let opens = 0;
    for (let b = 0; b < this.bookList.length; b++) {
      const book = this.bookList[b] as Book;
      if (book.sign !== 0) {
        open = book;
        opens += 1;
      }
      if (book.sign === 0 || Number.isNaN(book.markPrice)) continue;
      const rate = this.rate(book.inst);
      let pnl = 0;
      for (let l = 0; l < book.lots.length; l++) {
        const lot = book.lots[l] as (typeof book.lots)[number];
        pnl += positionPnl(book.inst, book.sign * lot.qty, lot.price, book.markPrice);
      }
      unrealised += pnl * rate;
      value += contractValue(book.inst, openQty(book.lots), book.markPrice) * rate;
    }
    const equity = this.cash + unrealised;
    const headroom = equity - maintenanceFraction * value;
    const liquidated = equity <= maintenanceFraction * value;
    // Remember a clearly safe mark (far from float noise) of a single same-currency position.
    if (
      !liquidated &&
      opens === 1 &&
      open !== null &&
      !Number.isNaN(open.markPrice) &&
      open.inst.settleCurrency === this.currency
    ) {
      const clear = headroom > 1e-9 * Math.abs(equity);
      this.safeBook = clear ? open : null;
      this.safeFrom = open.markPrice;
      this.safeFraction = maintenanceFraction;
    }
    return liquidated;
  }

  /** Value of a book's open contracts at its mark, session currency (0 when flat or never priced). */
  private positionValue(book: Book): number {
    if (book.sign === 0 || Number.isNaN(book.markPrice)) return 0;
    return contractValue(book.inst, openQty(book.lots), book.markPrice) * this.rate(book.inst);
  }

  private book(symbol: string): Book {
    const book = this.books.get(symbol);
    if (!book) throw new Error(`market ${symbol} is not in this portfolio`);
    return book;
  }

  /** Session-currency units per settlement-currency unit of `inst`. */
  private rate(inst: Instrument): number {
    if (inst.settleCurrency === this.currency) return 1;
    if (!this.fx) throw new Error(`no fx for ${inst.settleCurrency}`);
    const rate = this.fx(inst.settleCurrency);
    // A missing price must not silently zero P&L: refuse to book rather than book wrong amounts.
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`fx ${inst.settleCurrency}→${this.currency} is ${rate}`);
    return rate;
  }
}
