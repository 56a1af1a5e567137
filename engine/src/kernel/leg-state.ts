import type { BookColumns, TradeColumns } from '@hm/schemas';
import type { Instrument } from '../market/instruments.js';
import { OrderBook } from '../market/order-book.js';
import { fromTicks, ticksPerUnit, toTicks } from '../market/price-ticks.js';
import { u32View } from './batch-source.js';
import type { CandleSeries } from './candle-series.js';

const EMPTY_U32: Uint32Array = new Uint32Array(0);

/**
 * One session market inside the kernel: its instrument, book, last price and candle series, plus
 * the read cursors over the current batch's columns (trades, book snapshots, book deltas) with
 * their times as Uint32 views (no BigInt per read).
 */
export class LegState {
  readonly book: OrderBook;
  /** Last trade price, quote currency; NaN before the first trade. */
  last = Number.NaN;
  /** The same in integer ticks (so an unchanged price costs no conversion). */
  lastTicks = Number.NaN;
  candles: CandleSeries[] = [];
  trades: TradeColumns | null = null;
  bookCols: BookColumns | null = null;
  tU32: Uint32Array = EMPTY_U32;
  sU32: Uint32Array = EMPTY_U32;
  dU32: Uint32Array = EMPTY_U32;
  ti = 0;
  si = 0;
  di = 0;
  tN = 0;
  sN = 0;
  dN = 0;
  /** Converts a column's ticks to the instrument's (1 when they are the same tick). */
  private tradeTick = 0;
  private bookTick = 0;

  constructor(
    readonly index: number,
    readonly inst: Instrument,
  ) {
    this.book = new OrderBook(inst.symbol);
    this.perUnit = ticksPerUnit(inst.tickSize);
  }

  /** Points the cursors at a new batch. */
  load(trades: TradeColumns | null, book: BookColumns | null): void {
    this.trades = trades;
    this.bookCols = book;
    this.tU32 = trades ? u32View(trades.timeNs) : EMPTY_U32;
    this.tN = trades ? trades.timeNs.length : 0;
    this.sU32 = book ? u32View(book.snapshotTimeNs) : EMPTY_U32;
    this.sN = book ? book.snapshotTimeNs.length : 0;
    this.dU32 = book ? u32View(book.deltaTimeNs) : EMPTY_U32;
    this.dN = book ? book.deltaTimeNs.length : 0;
    this.ti = 0;
    this.si = 0;
    this.di = 0;
    this.tradeTick = trades?.tickSize ?? 0;
    this.bookTick = book?.tickSize ?? 0;
  }

  /** Instrument ticks per unit of price when whole (0.5 → 2), else NaN: see {@link priceOf}. */
  private readonly perUnit: number;

  /**
   * Instrument ticks → price, as `fromTicks` computes it, inlined into the hot loop (a call
   * returning a double boxes it; this runs on every price change).
   */
  priceOf(ticks: number): number {
    const n = this.perUnit;
    return Number.isNaN(n) ? fromTicks(ticks, this.inst.tickSize) : ticks / n;
  }

  /** Whether the loaded trades are priced in the instrument's own ticks (no conversion). */
  get tradeTicksAsIs(): boolean {
    return this.tradeTick === this.inst.tickSize;
  }

  /** Trade `i`'s price in the instrument's ticks, or null when it is off that tick. */
  tradeTicks(i: number): number | null {
    const t = this.trades?.priceTicks[i] ?? 0;
    return this.tradeTick === this.inst.tickSize ? t : toTicks(fromTicks(t, this.tradeTick), this.inst.tickSize);
  }

  /** A book column's ticks in the instrument's ticks, or null when off it. */
  bookTicks(t: number): number | null {
    return this.bookTick === this.inst.tickSize ? t : toTicks(fromTicks(t, this.bookTick), this.inst.tickSize);
  }

  /** The last book change (see `BookView.changeSide`): side 0 = snapshot or unknown. */
  changeSide: 0 | 1 | -1 = 0;
  changeTicks = 0;
  changeSize = 0;
  changePrevSize = 0;

  /** Replaces the book with snapshot `k` of the loaded batch. */
  applySnapshot(k: number): void {
    this.changeSide = 0;
    const c = this.bookCols;
    if (!c) return;
    this.book.clear();
    for (let j = c.snapshotOffset[k] ?? 0; j < (c.snapshotOffset[k + 1] ?? 0); j++) {
      const ticks = this.bookTicks(c.levelPriceTicks[j] ?? 0);
      if (ticks !== null) this.book.set((c.levelSide[j] ?? 1) > 0 ? 'bid' : 'ask', ticks, c.levelSize[j] ?? 0);
    }
  }

  /** Applies delta `k` of the loaded batch; false when its price is off the instrument's tick. */
  applyDelta(k: number): boolean {
    this.changeSide = 0;
    const c = this.bookCols;
    if (!c) return false;
    const ticks = this.bookTicks(c.deltaPriceTicks[k] ?? 0);
    if (ticks === null) return false;
    const bid = (c.deltaSide[k] ?? 1) > 0;
    const size = c.deltaSize[k] ?? 0;
    this.changePrevSize = this.book.set(bid ? 'bid' : 'ask', ticks, size);
    this.changeSide = bid ? 1 : -1;
    this.changeTicks = ticks;
    this.changeSize = Math.max(size, 0);
    return true;
  }
}
