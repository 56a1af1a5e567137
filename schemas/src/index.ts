/**
 * Binary wire contracts (FlatBuffers) shared by the engine and the API: the market-data archive's
 * columnar batches. Generated code lives in src/generated (flatc from fbs/, committed).
 */
export {
  ARCHIVE_SCHEMA_VERSION,
  ArchiveFormatError,
  BATCH_IDENTIFIERS,
  type BatchKind,
  batchKindOf,
} from './archive-format.js';
export { type BookColumns, decodeBookBatch, encodeBookBatch } from './book-batch.js';
export { type CandleColumns, decodeCandleBatch, encodeCandleBatch } from './candle-batch.js';
export { decodeTradeBatch, encodeTradeBatch, type TradeColumns } from './trade-batch.js';
export { idsToArray, type TradeIds } from './trade-ids.js';
