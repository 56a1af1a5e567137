import * as flatbuffers from 'flatbuffers';
import { ARCHIVE_SCHEMA_VERSION, ArchiveFormatError, BATCH_IDENTIFIERS } from './archive-format.js';
import {
  aligned,
  builderSize,
  type ColumnType,
  checkStrings,
  checkVersion,
  columnAt,
  decoding,
  lengthMismatch,
  openBatch,
  vectorAt,
} from './batch-io.js';
import { TradeBatch } from './generated/trade_batch_generated.js';
import { packUuids, StringIds, type TradeIds, UUID_BYTES, UuidIds } from './trade-ids.js';

const IDENTIFIER = BATCH_IDENTIFIERS.trades;
const WHAT = 'trade batch';
/** Field numbers in trade_batch.fbs (0-based, schema order; vtable slot = 4 + 2 × field). */
const FIELD = { exchange: 1, symbol: 2, timeNs: 4, priceTicks: 5, size: 6, side: 7, ids: 8, idUuid: 9 } as const;

/** One batch of trades as columns. Index i of every column is the same trade. */
export interface TradeColumns {
  exchange: string;
  symbol: string;
  /** Price of one tick, quote currency. */
  tickSize: number;
  /** Unix nanoseconds UTC, ascending. */
  timeNs: BigInt64Array;
  /** Integer ticks. */
  priceTicks: Float64Array;
  /** Contracts. */
  size: Float64Array;
  /** 1 = buy aggressor, -1 = sell. */
  side: Int8Array;
  /** Exchange match ids; a decoded batch formats each only when read (see idsToArray). */
  ids: TradeIds;
}

/**
 * Encodes a batch. Ids that are all canonical lowercase UUIDs are stored as 16 bytes each, any
 * other ids as strings; either way they decode to exactly the input. Throws RangeError when the
 * columns differ in length.
 */
export function encodeTradeBatch(c: TradeColumns): Uint8Array {
  const n = c.timeNs.length;
  const mismatch = lengthMismatch(n, {
    priceTicks: c.priceTicks.length,
    size: c.size.length,
    side: c.side.length,
    ids: c.ids.length,
  });
  if (mismatch) throw new RangeError(`trade batch columns differ in length: ${mismatch}`);
  const uuids = packUuids(c.ids);
  const b = new flatbuffers.Builder(builderSize(64 + n * (uuids ? 40 : 64)));
  const exchange = b.createString(c.exchange);
  const symbol = b.createString(c.symbol);
  let ids = 0;
  let idUuid = 0;
  if (uuids) idUuid = TradeBatch.createIdUuidVector(b, uuids);
  else {
    const offsets = new Array<flatbuffers.Offset>(n);
    for (let i = 0; i < n; i++) offsets[i] = b.createString(c.ids.at(i) ?? '');
    ids = TradeBatch.createIdsVector(b, offsets);
  }
  const side = TradeBatch.createSideVector(b, c.side);
  const size = TradeBatch.createSizeVector(b, c.size);
  const price = TradeBatch.createPriceTicksVector(b, c.priceTicks);
  const time = TradeBatch.createTimeNsVector(b, Array.from(c.timeNs));
  TradeBatch.startTradeBatch(b);
  TradeBatch.addSchemaVersion(b, ARCHIVE_SCHEMA_VERSION);
  TradeBatch.addExchange(b, exchange);
  TradeBatch.addSymbol(b, symbol);
  TradeBatch.addTickSize(b, c.tickSize);
  TradeBatch.addTimeNs(b, time);
  TradeBatch.addPriceTicks(b, price);
  TradeBatch.addSize(b, size);
  TradeBatch.addSide(b, side);
  if (uuids) TradeBatch.addIdUuid(b, idUuid);
  else TradeBatch.addIds(b, ids);
  b.finish(TradeBatch.endTradeBatch(b), IDENTIFIER);
  return b.asUint8Array();
}

/**
 * Decodes a batch without per-record work: the numeric columns are views on `bytes` (no copy,
 * unless `bytes` is not 8-byte aligned, when it is copied once first) and ids are decoded only
 * when read. Throws ArchiveFormatError saying why on any file it cannot use.
 */
export function decodeTradeBatch(input: Uint8Array): TradeColumns {
  const bytes = aligned(input);
  return decoding(WHAT, () => {
    const bb = openBatch(bytes, IDENTIFIER, WHAT);
    const batch = TradeBatch.getRootAsTradeBatch(bb);
    checkVersion(batch.schemaVersion(), WHAT);
    checkStrings(bb, batch.bb_pos, { exchange: FIELD.exchange, symbol: FIELD.symbol });
    const col = <T>(name: keyof typeof FIELD, type: ColumnType<T>) =>
      columnAt(bytes, bb, batch.bb_pos, FIELD[name], type, name);
    const timeNs = col('timeNs', BigInt64Array);
    const n = timeNs.length;
    const columns: TradeColumns = {
      exchange: batch.exchange() ?? '',
      symbol: batch.symbol() ?? '',
      tickSize: batch.tickSize(),
      timeNs,
      priceTicks: col('priceTicks', Float64Array),
      size: col('size', Float64Array),
      side: col('side', Int8Array),
      ids: readIds(col('idUuid', Uint8Array), bb, batch, n),
    };
    const mismatch = lengthMismatch(n, {
      priceTicks: columns.priceTicks.length,
      size: columns.size.length,
      side: columns.side.length,
    });
    if (mismatch) throw new ArchiveFormatError(`trade batch columns differ in length: ${mismatch}`);
    return columns;
  });
}

/** The lazy id list of a batch of `n` trades: UUID bytes when present, else the string vector. */
function readIds(uuids: Uint8Array, bb: flatbuffers.ByteBuffer, batch: TradeBatch, n: number): TradeIds {
  // Only the vector of string offsets is checked here: checking each string is per-record work.
  const strings = vectorAt(bb, batch.bb_pos, FIELD.ids, 4, 'ids')?.length ?? 0;
  if (uuids.length > 0 || (n > 0 && strings === 0)) {
    if (uuids.length !== n * UUID_BYTES || strings !== 0) {
      throw new ArchiveFormatError(
        `trade batch columns differ in length: idUuid has ${uuids.length} bytes and ids ${strings} entries, expected ${n * UUID_BYTES} bytes for ${n} trades`,
      );
    }
    return new UuidIds(uuids);
  }
  if (strings !== n) {
    throw new ArchiveFormatError(`trade batch columns differ in length: ids has ${strings} entries, expected ${n}`);
  }
  return new StringIds(n, (i) => batch.ids(i));
}
