import type { BookChanges, Level } from './book.js';
import type { InstrumentRow } from './instrument-state.js';
import type { BitmexTradeRow, MarketModel, TickResult } from './model.js';
import {
  bookRow,
  deltaMessage,
  type LevelImage,
  partialMessage,
  partialOrder,
  type Row,
  type TableMessage,
  type TableName,
} from './tables.js';

/** Levels per side in `orderBookL2_25`. */
const TOP = 25;
/** How many recent prints a `trade` partial carries per symbol. */
const PARTIAL_TRADES = 20;
/** Minimum simulated time between two `instrument` updates of one market, ms (≤ 2 per second). */
const INSTRUMENT_THROTTLE_MS = 500;

/**
 * Turns the model's ticks into BitMEX table frames, in publish order per tick: `trade` inserts,
 * `orderBookL2` deltas, `orderBookL2_25` deltas, `instrument` updates, `funding` inserts. It keeps
 * what it last published for the throttled tables (top 25 per book, instrument rows), so a
 * `partial` always matches the deltas that follow it. Deterministic: frames depend only on the
 * model's ticks and on {@link flush} calls.
 */
export class TableFeed {
  /** Per market: the top-25 levels last published, by id. */
  private readonly top = new Map<string, Map<number, LevelImage>>();
  /** Per symbol (markets and indices): the instrument row last published. */
  private readonly rows = new Map<string, InstrumentRow>();
  private readonly rowPublishedMs = new Map<string, number>();
  private readonly recent = new Map<string, BitmexTradeRow[]>();

  constructor(private readonly model: MarketModel) {
    for (const symbol of model.symbols) {
      this.top.set(symbol, this.currentTop(symbol));
      this.recent.set(symbol, []);
    }
    for (const symbol of [...model.symbols, ...model.indexSymbols]) {
      this.rows.set(symbol, model.instrumentRow(symbol));
      this.rowPublishedMs.set(symbol, model.nowMs);
    }
  }

  /** Symbols a table can be filtered on (instrument: markets and indices; the rest: markets). */
  symbolsOf(table: TableName): readonly string[] {
    return table === 'instrument' ? [...this.model.symbols, ...this.model.indexSymbols] : this.model.symbols;
  }

  /** Advances the model by `dtMs` simulated ms and returns the frames to publish, in order. */
  advance(dtMs: number): TableMessage[] {
    const out: TableMessage[] = [];
    this.model.advance(dtMs, (tick) => out.push(...this.frames(tick)));
    return out;
  }

  /** Publishes now what throttling still holds back (instrument changes): makes the feed quiescent. */
  flush(): TableMessage[] {
    const rows = this.instrumentUpdates(this.model.nowMs, () => true);
    return rows.length > 0 ? [deltaMessage('instrument', 'update', rows)] : [];
  }

  /** The `partial` for a subscription to `table` (one symbol, or all when `symbol` is undefined). */
  partial(table: TableName, symbol: string | undefined): TableMessage {
    const symbols = symbol === undefined ? this.symbolsOf(table) : [symbol];
    const nowMs = this.model.nowMs;
    const data: Row[] = [];
    for (const s of symbols) {
      switch (table) {
        case 'trade':
          data.push(...(this.recent.get(s) ?? []));
          break;
        case 'orderBookL2': {
          const book = this.model.book(s);
          const levels = [...book.levels('Sell'), ...book.levels('Buy')].sort(partialOrder);
          data.push(...levels.map((l) => bookRow(s, l, this.model.tickSize(s), nowMs, true)));
          break;
        }
        case 'orderBookL2_25': {
          const levels = [...(this.top.get(s)?.values() ?? [])].sort(partialOrder);
          data.push(...levels.map((l) => bookRow(s, l, this.model.tickSize(s), nowMs, true)));
          break;
        }
        case 'instrument': {
          const row = this.rows.get(s);
          if (row) data.push(row);
          break;
        }
        case 'funding':
          data.push(this.model.lastFunding(s));
          break;
      }
    }
    return partialMessage(table, symbol, data);
  }

  private frames(tick: TickResult): TableMessage[] {
    const out: TableMessage[] = [];
    if (tick.trades.length > 0) {
      out.push(deltaMessage('trade', 'insert', tick.trades));
      for (const row of tick.trades) {
        const kept = this.recent.get(row.symbol);
        if (!kept) continue;
        kept.push(row);
        if (kept.length > PARTIAL_TRADES) kept.splice(0, kept.length - PARTIAL_TRADES);
      }
    }
    for (const { symbol, changes } of tick.books) out.push(...this.bookFrames(symbol, changes, tick.endMs));
    for (const symbol of this.model.symbols) out.push(...this.topFrames(symbol, tick.endMs));
    const due = (symbol: string) =>
      symbol.startsWith('.')
        ? tick.indexTick
        : tick.endMs - (this.rowPublishedMs.get(symbol) ?? 0) >= INSTRUMENT_THROTTLE_MS;
    const rows = this.instrumentUpdates(tick.endMs, due);
    if (rows.length > 0) out.push(deltaMessage('instrument', 'update', rows));
    if (tick.funding.length > 0) out.push(deltaMessage('funding', 'insert', tick.funding));
    return out;
  }

  /** `orderBookL2`: every change, deletes first so a client's book is never crossed in between. */
  private bookFrames(symbol: string, changes: BookChanges, publishMs: number): TableMessage[] {
    const tick = this.model.tickSize(symbol);
    const rows = (levels: readonly Level[], withSize: boolean) =>
      levels.map((l) => bookRow(symbol, l, tick, publishMs, withSize));
    const out: TableMessage[] = [];
    if (changes.deleted.length > 0) out.push(deltaMessage('orderBookL2', 'delete', rows(changes.deleted, false)));
    if (changes.updated.length > 0) out.push(deltaMessage('orderBookL2', 'update', rows(changes.updated, true)));
    if (changes.inserted.length > 0) out.push(deltaMessage('orderBookL2', 'insert', rows(changes.inserted, true)));
    return out;
  }

  /** `orderBookL2_25`: the difference between the top 25 per side now and as last published. */
  private topFrames(symbol: string, publishMs: number): TableMessage[] {
    const before = this.top.get(symbol) ?? new Map<number, LevelImage>();
    const now = this.currentTop(symbol);
    const deleted: LevelImage[] = [];
    const updated: LevelImage[] = [];
    const inserted: LevelImage[] = [];
    for (const [id, level] of before) if (!now.has(id)) deleted.push(level);
    for (const [id, level] of now) {
      const prior = before.get(id);
      if (!prior) inserted.push(level);
      else if (prior.size !== level.size) updated.push(level);
    }
    this.top.set(symbol, now);
    const tick = this.model.tickSize(symbol);
    const rows = (levels: LevelImage[], withSize: boolean) =>
      levels.map((l) => bookRow(symbol, l, tick, publishMs, withSize));
    const out: TableMessage[] = [];
    if (deleted.length > 0) out.push(deltaMessage('orderBookL2_25', 'delete', rows(deleted, false)));
    if (updated.length > 0) out.push(deltaMessage('orderBookL2_25', 'update', rows(updated, true)));
    if (inserted.length > 0) out.push(deltaMessage('orderBookL2_25', 'insert', rows(inserted, true)));
    return out;
  }

  private currentTop(symbol: string): Map<number, LevelImage> {
    const book = this.model.book(symbol);
    const top = new Map<number, LevelImage>();
    for (const side of ['Sell', 'Buy'] as const) {
      for (const l of book.levels(side).slice(0, TOP)) {
        top.set(l.id, { id: l.id, side: l.side, ticks: l.ticks, size: l.size, changedMs: l.changedMs });
      }
    }
    return top;
  }

  /** Changed columns (plus symbol and timestamp) of every due row whose content changed. */
  private instrumentUpdates(nowMs: number, due: (symbol: string) => boolean): Row[] {
    const out: Row[] = [];
    for (const [symbol, published] of this.rows) {
      if (!due(symbol)) continue;
      const row = this.model.instrumentRow(symbol);
      const changed: Record<string, unknown> = { symbol };
      let any = false;
      for (const [column, value] of Object.entries(row)) {
        if (column === 'symbol' || column === 'timestamp' || published[column] === value) continue;
        changed[column] = value;
        any = true;
      }
      if (!any) continue;
      changed.timestamp = row.timestamp;
      out.push(changed);
      this.rows.set(symbol, row);
      this.rowPublishedMs.set(symbol, nowMs);
    }
    return out;
  }
}
