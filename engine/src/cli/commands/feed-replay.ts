import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { FALLBACK_TICK_SIZE, L2BookTable } from '../../bitmex/l2-table.js';
import { parseFrame, summarise, type TableMessage, TradeRow } from '../../bitmex/messages.js';
import type { Logger } from '../../log.js';
import { findInstrument } from '../../market/instruments.js';
import type { BookSide } from '../../market/order-book.js';
import { fromTicks, toTicks } from '../../market/price-ticks.js';
import { TradeDeduper } from '../../market/trade-dedupe.js';

/** What `hm feed replay` prints: prices in quote currency, sizes in contracts, books best first. */
export interface ReplaySummary {
  symbol: string;
  bids: [number, number][];
  asks: [number, number][];
  trades: number;
  lastPrice: number | null;
  skipped: number;
}

/** The file could not be opened, read or decompressed. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

/**
 * Replays a recorded BitMEX feed (one raw WebSocket text frame per line, optionally gzip) through
 * the live adapter code (parseFrame, L2BookTable, TradeRow + TradeDeduper) and returns `symbol`'s
 * final state. Streams line by line, so file size is bounded by disk, not memory.
 *
 * - Book: `orderBookL2` if that table's partial for the symbol arrived, else `orderBookL2_25`; full
 *   depth; a crossed book is kept as the messages left it (and logged).
 * - trades: distinct `trdMatchID` prints of the symbol applied (partial rows included; inserts before
 *   the first trade partial dropped, as live); lastPrice: the last one's price, or null.
 * - A welcome frame means a new connection: like the live pipeline's reconnect, it resets table state
 *   (deltas are dropped until the next partial) but keeps the trade de-duplication memory.
 * - skipped counts exactly: (1) non-blank lines that are not JSON, including the heartbeat text `pong`
 *   and a truncated last line; (2) JSON lines parseFrame rejects (not an object, bad table message
 *   shape, unrecognised frame); (3) rows of `orderBookL2`/`orderBookL2_25` messages, of ANY symbol,
 *   that fail the row schema or whose price is not a whole number of ticks; (4) rows of `trade`
 *   messages, of any symbol, that fail TradeRow, plus the symbol's trades off its tick; (5) every row
 *   of a trade update/delete (trade is insert-only). Rows are validated before the partial check, so
 *   an invalid row counts even inside a delta dropped for preceding its partial. Not counted: blank
 *   lines, welcome/ack/error frames, other tables, valid rows dropped before their partial,
 *   duplicate trades, inconsistent or crossed books (logged to stderr, never repaired).
 *
 * @throws UnreadableFileError when the file cannot be opened, read or gunzipped.
 */
export async function replayFeed(file: string, symbol: string, log: Logger): Promise<ReplaySummary> {
  const replay = new Replay(symbol, log);
  for await (const line of readLines(file)) replay.line(line);
  return replay.summary();
}

/** Trade prints remembered for de-duplication: a replayed partial repeats only the latest few. */
const DEDUPE_CAPACITY = 200_000;

const InstrumentTick = z.object({ symbol: z.string(), tickSize: z.number().positive() });

class Replay {
  private readonly instrumentTicks = new Map<string, number>();
  private readonly full: L2BookTable;
  private readonly top25: L2BookTable;
  private readonly deduper = new TradeDeduper(DEDUPE_CAPACITY);
  private tradesReady = false;
  private trades = 0;
  private lastPrice: number | null = null;
  private skipped = 0;
  private lineNo = 0;

  constructor(
    private readonly symbol: string,
    private readonly log: Logger,
  ) {
    this.full = new L2BookTable((s) => this.resolve(s), log);
    this.top25 = new L2BookTable((s) => this.resolve(s), log);
  }

  line(text: string): void {
    this.lineNo += 1;
    if (text.trim() === '') return;
    const frame = parseFrame(text);
    if (frame.kind === 'pong' || frame.kind === 'invalid') {
      this.skip(1, frame.kind === 'pong' ? 'not JSON: pong' : frame.reason);
    } else if (frame.kind === 'welcome') {
      this.full.reset();
      this.top25.reset();
      this.tradesReady = false;
    } else if (frame.kind === 'table') {
      this.table(frame.message);
    }
  }

  summary(): ReplaySummary {
    const table = this.full.isReady(this.symbol) ? this.full : this.top25;
    const book = table.book(this.symbol);
    const tick = table.tickSize(this.symbol) ?? 1;
    const side = (s: BookSide) =>
      (book?.levels(s) ?? []).map(([t, size]): [number, number] => [fromTicks(t, tick), size]);
    return {
      symbol: this.symbol,
      bids: side('bid'),
      asks: side('ask'),
      trades: this.trades,
      lastPrice: this.lastPrice,
      skipped: this.skipped,
    };
  }

  private table(msg: TableMessage): void {
    if (msg.table === 'orderBookL2' || msg.table === 'orderBookL2_25') {
      const result = (msg.table === 'orderBookL2' ? this.full : this.top25).apply(msg);
      this.skipped += result.skippedRows;
      for (const { symbol, reason } of result.resync)
        this.log.warn('order book inconsistent (kept as recorded)', { line: this.lineNo, symbol, reason });
    } else if (msg.table === 'trade') {
      this.onTrades(msg);
    } else if (msg.table === 'instrument' && msg.action !== 'delete') {
      for (const row of msg.data) {
        const parsed = InstrumentTick.safeParse(row);
        if (parsed.success) this.instrumentTicks.set(parsed.data.symbol, parsed.data.tickSize);
      }
    }
  }

  private onTrades(msg: TableMessage): void {
    if (msg.action === 'partial') {
      const only = msg.filter?.symbol;
      if (typeof only !== 'string' || only === this.symbol) this.tradesReady = true;
    } else if (msg.action !== 'insert') {
      this.skip(msg.data.length, `trade is insert-only; ${msg.action} rows not applied`);
      return;
    }
    for (const raw of msg.data) {
      const parsed = TradeRow.safeParse(raw);
      if (!parsed.success) {
        this.skip(1, `bad trade row: ${summarise(parsed.error)}`);
        continue;
      }
      const row = parsed.data;
      if (row.symbol !== this.symbol || !this.tradesReady) continue;
      const tick = this.tickOf(row.symbol);
      const ticks = toTicks(row.price, tick);
      if (ticks === null) {
        this.skip(1, `trade price ${row.price} is not a whole number of ticks of ${tick}`);
        continue;
      }
      if (!this.deduper.accept(row.trdMatchID)) continue;
      this.trades += 1;
      this.lastPrice = fromTicks(ticks, tick);
    }
  }

  private tickOf(symbol: string): number {
    return this.resolve(symbol)?.tickSize ?? FALLBACK_TICK_SIZE;
  }

  /** The catalogue's tick size, else the one an `instrument` row in the file gave. */
  private resolve(symbol: string): { tickSize: number } | undefined {
    const tickSize = findInstrument(symbol)?.tickSize ?? this.instrumentTicks.get(symbol);
    return tickSize === undefined ? undefined : { tickSize };
  }

  private skip(count: number, reason: string): void {
    if (count === 0) return;
    this.skipped += count;
    this.log.warn('skipped', { line: this.lineNo, count, reason });
  }
}

/** The file's lines, gunzipped when it starts with the gzip magic bytes. */
async function* readLines(file: string): AsyncGenerator<string> {
  let input: Readable;
  let failure: Error | undefined;
  try {
    const handle = await open(file, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
      const raw = handle.createReadStream({ start: 0 });
      input =
        bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
          ? pipeline(raw, createGunzip(), (err) => {
              if (err) failure ??= err;
            })
          : raw;
    } catch (err) {
      await handle.close();
      throw err;
    }
  } catch (err) {
    throw new UnreadableFileError((err as Error).message);
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  input.on('error', (err) => {
    failure ??= err;
    lines.close();
  });
  for await (const line of lines) {
    if (failure) break;
    yield line;
  }
  if (failure) throw new UnreadableFileError(failure.message);
}
