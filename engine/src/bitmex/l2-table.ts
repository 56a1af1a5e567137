import { z } from 'zod';
import type { Logger } from '../log.js';
import { type BookSide, OrderBook } from '../market/order-book.js';
import { tickDecimals, toTicks } from '../market/price-ticks.js';
import { summarise, type TableMessage } from './messages.js';

/** The BitMEX tables this module maintains (one table per `L2BookTable` instance). */
export const L2_TABLES = ['orderBookL2', 'orderBookL2_25'] as const;

/**
 * Tick size used for a symbol `resolveInstrument` does not know: 1e-8, the finest precision BitMEX
 * prints prices with (8 decimals, as the satoshi). Every price the exchange sends is then a whole
 * number of ticks, so no row is rejected as off-tick, and prices up to 90,000,000 stay below 2^53 ticks.
 */
export const FALLBACK_TICK_SIZE = 1e-8;

/**
 * BitMEX's pre-July-2023 id scheme (protocol notes §1.10): `id = 100000000 × index − price / idTick`.
 * Only used for a row that has no price and whose id we never saw (legacy update/delete).
 */
const LEGACY_IDS = new Map([
  ['XBTUSD', { index: 88, idTick: 0.01 }],
  ['ETHUSD', { index: 297, idTick: 0.05 }],
]);

/** One L2 row. Absent and JSON `null` mean the same (protocol notes §1.9). Sizes in contracts. */
const L2Row = z.object({
  symbol: z.string().min(1),
  // Integers beyond 2^53 arrive as digit strings from parseJsonExact.
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  side: z.enum(['Buy', 'Sell']),
  size: z.number().int().nonnegative().nullish(),
  price: z.number().positive().nullish(),
  timestamp: z.string().datetime({ offset: true }).nullish(),
});
type L2Row = z.infer<typeof L2Row>;
/** partial, insert and update rows must carry the level's absolute size. */
const SizedL2Row = L2Row.extend({ size: z.number().int().nonnegative() });

/** What one message did. */
export interface L2ApplyResult {
  /** Symbols whose book changed (or was replaced by a partial). */
  changed: string[];
  /** Books found crossed or inconsistent, at most one entry per symbol: the live caller resubscribes. */
  resync: { symbol: string; reason: string }[];
  /** Rows failing validation (each logged with its reason); the rest of the message still applied. */
  skippedRows: number;
  /** Some rows were dropped because their symbol's partial has not arrived yet (per BitMEX). */
  ignored: boolean;
}

interface Level {
  ticks: number;
  size: number;
}

/** One symbol's levels by (side, id), and the book they add up to. */
class SymbolBook {
  readonly book: OrderBook;
  private readonly ids: Record<BookSide, Map<string, Level>> = { bid: new Map(), ask: new Map() };

  constructor(
    symbol: string,
    readonly tickSize: number,
  ) {
    this.book = new OrderBook(symbol);
  }

  level(side: BookSide, id: string): Level | undefined {
    return this.ids[side].get(id);
  }

  /** Sets an id's absolute size at a price; a book level is the sum over the ids at its price. */
  put(side: BookSide, id: string, ticks: number, size: number): void {
    this.drop(side, id);
    if (size <= 0) return;
    this.ids[side].set(id, { ticks, size });
    this.book.set(side, ticks, this.book.sizeAt(side, ticks) + size);
  }

  /** Removes an id; false when it was not there. */
  drop(side: BookSide, id: string): boolean {
    const prev = this.ids[side].get(id);
    if (!prev) return false;
    this.ids[side].delete(id);
    this.book.set(side, prev.ticks, this.book.sizeAt(side, prev.ticks) - prev.size);
    return true;
  }
}

class Outcome {
  readonly changed = new Set<string>();
  readonly resync = new Map<string, string>();
  skippedRows = 0;
  ignored = false;

  flag(symbol: string, reason: string): void {
    if (!this.resync.has(symbol)) this.resync.set(symbol, reason);
  }
}

/**
 * BitMEX `orderBookL2` / `orderBookL2_25` table state (protocol notes §1.9–1.10), one `OrderBook`
 * per symbol. Levels are keyed by (symbol, side, id); each id's price is stored from its
 * partial/insert row, and an update or delete uses the row's price if present, else the stored
 * one, else (legacy rows for an unknown id) the price derived from the id. `size` is absolute.
 *
 * A `partial` replaces the books it covers: filter `{symbol}` replaces that symbol; filter `{}`
 * is an image of the whole table, so it replaces every book (symbols absent from it become empty)
 * and marks every symbol ready; a partial without `filter` (some recorders drop it) replaces the
 * symbols its rows name. Deltas for a symbol before its partial are dropped.
 *
 * A crossed book is reported in `resync`, never repaired here: replay must show exactly what the
 * messages say, and the live pipeline decides to resubscribe.
 */
export class L2BookTable {
  private readonly books = new Map<string, SymbolBook>();
  private readonly readySymbols = new Set<string>();
  private wholeTableReady = false;
  /** Symbols reset while the whole table was ready: they wait for their own partial again. */
  private readonly unready = new Set<string>();

  /**
   * @param resolveInstrument gives each symbol's tick size, read once per partial; unknown
   *   symbols use FALLBACK_TICK_SIZE.
   */
  constructor(
    private readonly resolveInstrument: (symbol: string) => { tickSize: number } | undefined,
    private readonly log?: Logger,
  ) {}

  /** Applies one `orderBookL2` or `orderBookL2_25` message; throws for any other table. */
  apply(msg: TableMessage): L2ApplyResult {
    if (!(L2_TABLES as readonly string[]).includes(msg.table))
      throw new TypeError(`L2BookTable cannot apply table '${msg.table}'`);
    const out = new Outcome();
    const schema = msg.action === 'delete' ? L2Row : SizedL2Row;
    const rows: L2Row[] = [];
    for (const [i, raw] of msg.data.entries()) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) rows.push(parsed.data);
      else this.skip(out, `${msg.table} ${msg.action} row ${i}: ${summarise(parsed.error)}`);
    }
    if (msg.action === 'partial') this.applyPartial(msg.filter, rows, out);
    else this.applyDelta(msg.action, rows, out);
    for (const symbol of out.changed) {
      const book = this.books.get(symbol)?.book;
      if (book?.isCrossed())
        out.flag(symbol, `book crossed: best bid ${book.bestBid()} >= best ask ${book.bestAsk()} (ticks)`);
    }
    return {
      changed: [...out.changed],
      resync: [...out.resync].map(([symbol, reason]) => ({ symbol, reason })),
      skippedRows: out.skippedRows,
      ignored: out.ignored,
    };
  }

  /** The symbol's book, once a partial (or a `{}` partial and a delta) created it. */
  book(symbol: string): OrderBook | undefined {
    return this.books.get(symbol)?.book;
  }

  /** Tick size the symbol's book is kept in (its instrument's, or FALLBACK_TICK_SIZE). */
  tickSize(symbol: string): number | undefined {
    return this.books.get(symbol)?.tickSize;
  }

  /** Whether the symbol's partial has arrived (so its deltas apply). */
  isReady(symbol: string): boolean {
    return this.readySymbols.has(symbol) || (this.wholeTableReady && !this.unready.has(symbol));
  }

  /** Forgets one symbol's state (or all): its deltas are ignored again until its next partial. */
  reset(symbol?: string): void {
    if (symbol === undefined) {
      this.books.clear();
      this.readySymbols.clear();
      this.unready.clear();
      this.wholeTableReady = false;
      return;
    }
    this.books.delete(symbol);
    this.readySymbols.delete(symbol);
    if (this.wholeTableReady) this.unready.add(symbol);
  }

  private applyPartial(filter: TableMessage['filter'], rows: L2Row[], out: Outcome): void {
    const only = typeof filter?.symbol === 'string' ? filter.symbol : undefined;
    const targets = new Set(only !== undefined ? [only] : rows.map((r) => r.symbol));
    if (filter !== undefined && only === undefined) {
      for (const symbol of this.books.keys()) targets.add(symbol);
      this.wholeTableReady = true;
      this.unready.clear();
    }
    for (const symbol of targets) {
      this.books.set(symbol, this.fresh(symbol));
      this.readySymbols.add(symbol);
      this.unready.delete(symbol);
      out.changed.add(symbol);
    }
    for (const row of rows) {
      const state = this.books.get(row.symbol);
      if (state && (only === undefined || row.symbol === only)) this.applyRow(state, 'insert', row, out);
      else this.skip(out, `partial for ${only} holds a row of ${row.symbol}`);
    }
  }

  private applyDelta(action: 'insert' | 'update' | 'delete', rows: L2Row[], out: Outcome): void {
    for (const row of rows) {
      if (!this.isReady(row.symbol)) {
        out.ignored = true;
        continue;
      }
      let state = this.books.get(row.symbol);
      if (!state) {
        state = this.fresh(row.symbol);
        this.books.set(row.symbol, state);
      }
      this.applyRow(state, action, row, out);
    }
  }

  private applyRow(state: SymbolBook, action: 'insert' | 'update' | 'delete', row: L2Row, out: Outcome): void {
    const side: BookSide = row.side === 'Buy' ? 'bid' : 'ask';
    const id = typeof row.id === 'number' ? String(row.id) : row.id.replace(/^0+(?=\d)/, '');
    const known = state.level(side, id);
    let ticks: number | null;
    if (row.price !== undefined && row.price !== null) {
      ticks = toTicks(row.price, state.tickSize);
      if (ticks === null) {
        this.skip(out, `${row.symbol} price ${row.price} is not a whole number of ticks of ${state.tickSize}`);
        return;
      }
    } else {
      ticks = known?.ticks ?? legacyTicks(row.symbol, id, state.tickSize);
      if (ticks === null) {
        out.flag(row.symbol, `${action} of unknown ${row.side} id ${id} without a price`);
        return;
      }
    }
    if (action === 'insert' && known) out.flag(row.symbol, `insert of existing ${row.side} id ${id}`);
    if (action === 'delete') {
      // Deleting an id we never had is a no-op: it contributes nothing to any level.
      if (state.drop(side, id)) out.changed.add(row.symbol);
      return;
    }
    state.put(side, id, ticks, row.size ?? 0);
    out.changed.add(row.symbol);
  }

  private fresh(symbol: string): SymbolBook {
    const tickSize = this.resolveInstrument(symbol)?.tickSize;
    if (tickSize !== undefined && Number.isFinite(tickSize) && tickSize > 0) return new SymbolBook(symbol, tickSize);
    this.log?.debug('no tick size for symbol; keeping its book in 1e-8 ticks', { symbol });
    return new SymbolBook(symbol, FALLBACK_TICK_SIZE);
  }

  private skip(out: Outcome, reason: string): void {
    out.skippedRows += 1;
    this.log?.warn('skipped order book row', { reason });
  }
}

/** Price (in ticks of `tickSize`) of a legacy id, or null when the symbol has no known scheme or it gives no valid price. */
function legacyTicks(symbol: string, id: string, tickSize: number): number | null {
  const scheme = LEGACY_IDS.get(symbol);
  const n = Number(id);
  if (!scheme || !Number.isSafeInteger(n)) return null;
  const units = scheme.index * 100_000_000 - n; // price in idTicks
  if (units <= 0) return null;
  return toTicks(Number((units * scheme.idTick).toFixed(tickDecimals(scheme.idTick))), tickSize);
}
