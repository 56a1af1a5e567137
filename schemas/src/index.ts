/**
 * Binary wire contracts (FlatBuffers) shared by the engine and the API: the market-data archive's
 * columnar batches. Generated code lives in src/generated (flatc from fbs/, committed).
 */
export {
  ARCHIVE_SCHEMA_VERSION,
  ArchiveFormatError,
  decodeTradeBatch,
  encodeTradeBatch,
  type TradeColumns,
} from './trade-batch.js';
