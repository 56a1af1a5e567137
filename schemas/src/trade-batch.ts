import * as flatbuffers from 'flatbuffers';
import { TradeBatch } from './generated/trade_batch_generated.js';

/** Current archive schema version, written into every file. */
export const ARCHIVE_SCHEMA_VERSION = 1;
const IDENTIFIER = 'HMTB';
/** vtable slot of `time_ns` (field 4): 4 + 2 × 4. */
const TIME_NS_SLOT = 12;

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
  ids: string[];
}

/** A file that is not a readable trade batch of a supported version; says why. */
export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
}

export function encodeTradeBatch(c: TradeColumns): Uint8Array {
  const n = c.timeNs.length;
  if ([c.priceTicks.length, c.size.length, c.side.length, c.ids.length].some((len) => len !== n)) {
    throw new RangeError('trade batch columns differ in length');
  }
  const b = new flatbuffers.Builder(64 + n * 64);
  const exchange = b.createString(c.exchange);
  const symbol = b.createString(c.symbol);
  const ids = TradeBatch.createIdsVector(
    b,
    c.ids.map((id) => b.createString(id)),
  );
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
  TradeBatch.addIds(b, ids);
  b.finish(TradeBatch.endTradeBatch(b), IDENTIFIER);
  return b.asUint8Array();
}

/**
 * Decodes a batch; the numeric columns are views on `bytes` (no per-record decoding, no copy),
 * unless `bytes` is not 8-byte aligned, when it is copied once first.
 */
export function decodeTradeBatch(input: Uint8Array): TradeColumns {
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  try {
    const bb = new flatbuffers.ByteBuffer(bytes);
    if (bytes.length < 8 || !TradeBatch.bufferHasIdentifier(bb))
      throw new ArchiveFormatError('not a trade batch (identifier HMTB missing)');
    const batch = TradeBatch.getRootAsTradeBatch(bb);
    const version = batch.schemaVersion();
    if (version !== ARCHIVE_SCHEMA_VERSION)
      throw new ArchiveFormatError(`unsupported trade batch schema version ${version}`);
    const n = batch.timeNsLength();
    const o = bb.__offset(bb.position() + bb.readInt32(bb.position()), TIME_NS_SLOT);
    const timeNs =
      o === 0 ? new BigInt64Array(0) : timeVector(bb, bb.position() + bb.readInt32(bb.position()) + o, n, bytes);
    const columns: TradeColumns = {
      exchange: batch.exchange() ?? '',
      symbol: batch.symbol() ?? '',
      tickSize: batch.tickSize(),
      timeNs,
      priceTicks: batch.priceTicksArray() ?? new Float64Array(0),
      size: batch.sizeArray() ?? new Float64Array(0),
      side: batch.sideArray() ?? new Int8Array(0),
      ids: Array.from({ length: batch.idsLength() }, (_, i) => batch.ids(i)),
    };
    if (
      [columns.priceTicks.length, columns.size.length, columns.side.length, columns.ids.length].some((len) => len !== n)
    ) {
      throw new ArchiveFormatError('trade batch columns differ in length');
    }
    return columns;
  } catch (err) {
    if (err instanceof ArchiveFormatError) throw err;
    throw new ArchiveFormatError(`unreadable trade batch: ${(err as Error).message}`);
  }
}

/** `[long]` gets no typed-array accessor from flatc 2.0.8: view it as a BigInt64Array by hand. */
function timeVector(bb: flatbuffers.ByteBuffer, fieldPos: number, n: number, bytes: Uint8Array): BigInt64Array {
  const start = bb.__vector(fieldPos);
  return new BigInt64Array(bytes.buffer, bytes.byteOffset + start, n);
}
