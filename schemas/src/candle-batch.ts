import * as flatbuffers from 'flatbuffers';
import { ARCHIVE_SCHEMA_VERSION, ArchiveFormatError, BATCH_IDENTIFIERS } from './archive-format.js';
import {
  aligned,
  builderSize,
  type ColumnType,
  checkStrings,
  checkUint32,
  checkVersion,
  columnAt,
  decoding,
  lengthMismatch,
  openBatch,
} from './batch-io.js';
import { CandleBatch } from './generated/candle_batch_generated.js';

const IDENTIFIER = BATCH_IDENTIFIERS.candles;
const WHAT = 'candle batch';
/** Field numbers in candle_batch.fbs (0-based, schema order; vtable slot = 4 + 2 × field). */
const FIELD = {
  exchange: 1,
  symbol: 2,
  timeSec: 5,
  openTicks: 6,
  highTicks: 7,
  lowTicks: 8,
  closeTicks: 9,
  volume: 10,
  trades: 11,
} as const;

/** One market's candles of one period as columns. Index i of every column is the same bucket. */
export interface CandleColumns {
  exchange: string;
  symbol: string;
  /** Price of one tick, quote currency. */
  tickSize: number;
  /** Bucket length, seconds (60 = 1m). */
  periodSec: number;
  /** Bucket starts, unix seconds UTC, ascending. */
  timeSec: Float64Array;
  /** Integer ticks. */
  openTicks: Float64Array;
  /** Integer ticks. */
  highTicks: Float64Array;
  /** Integer ticks. */
  lowTicks: Float64Array;
  /** Integer ticks. */
  closeTicks: Float64Array;
  /** Contracts. */
  volume: Float64Array;
  /** Trades in the bucket. */
  trades: Uint32Array;
}

/** The first column whose length differs from timeSec's, described; null when all match. */
const mismatch = (c: CandleColumns) =>
  lengthMismatch(c.timeSec.length, {
    openTicks: c.openTicks.length,
    highTicks: c.highTicks.length,
    lowTicks: c.lowTicks.length,
    closeTicks: c.closeTicks.length,
    volume: c.volume.length,
    trades: c.trades.length,
  });

/** Encodes a batch; throws RangeError when the columns differ in length or the period is not a uint32. */
export function encodeCandleBatch(c: CandleColumns): Uint8Array {
  const problem = mismatch(c);
  if (problem) throw new RangeError(`candle batch columns differ in length: ${problem}`);
  const periodSec = checkUint32(c.periodSec, 'periodSec');
  const b = new flatbuffers.Builder(builderSize(128 + c.timeSec.length * 52));
  const exchange = b.createString(c.exchange);
  const symbol = b.createString(c.symbol);
  const trades = CandleBatch.createTradesVector(b, c.trades);
  const volume = CandleBatch.createVolumeVector(b, c.volume);
  const close = CandleBatch.createCloseTicksVector(b, c.closeTicks);
  const low = CandleBatch.createLowTicksVector(b, c.lowTicks);
  const high = CandleBatch.createHighTicksVector(b, c.highTicks);
  const open = CandleBatch.createOpenTicksVector(b, c.openTicks);
  const time = CandleBatch.createTimeSecVector(b, c.timeSec);
  CandleBatch.startCandleBatch(b);
  CandleBatch.addSchemaVersion(b, ARCHIVE_SCHEMA_VERSION);
  CandleBatch.addExchange(b, exchange);
  CandleBatch.addSymbol(b, symbol);
  CandleBatch.addTickSize(b, c.tickSize);
  CandleBatch.addPeriodSec(b, periodSec);
  CandleBatch.addTimeSec(b, time);
  CandleBatch.addOpenTicks(b, open);
  CandleBatch.addHighTicks(b, high);
  CandleBatch.addLowTicks(b, low);
  CandleBatch.addCloseTicks(b, close);
  CandleBatch.addVolume(b, volume);
  CandleBatch.addTrades(b, trades);
  b.finish(CandleBatch.endCandleBatch(b), IDENTIFIER);
  return b.asUint8Array();
}

/**
 * Decodes a batch without per-record work: every column is a view on `bytes` (no copy, unless
 * `bytes` is not 8-byte aligned, when it is copied once first). Throws ArchiveFormatError saying
 * why on any file it cannot use.
 */
export function decodeCandleBatch(input: Uint8Array): CandleColumns {
  const bytes = aligned(input);
  return decoding(WHAT, () => {
    const bb = openBatch(bytes, IDENTIFIER, WHAT);
    const batch = CandleBatch.getRootAsCandleBatch(bb);
    checkVersion(batch.schemaVersion(), WHAT);
    checkStrings(bb, batch.bb_pos, { exchange: FIELD.exchange, symbol: FIELD.symbol });
    const col = <T>(name: keyof typeof FIELD, type: ColumnType<T>) =>
      columnAt(bytes, bb, batch.bb_pos, FIELD[name], type, name);
    const columns: CandleColumns = {
      exchange: batch.exchange() ?? '',
      symbol: batch.symbol() ?? '',
      tickSize: batch.tickSize(),
      periodSec: batch.periodSec(),
      timeSec: col('timeSec', Float64Array),
      openTicks: col('openTicks', Float64Array),
      highTicks: col('highTicks', Float64Array),
      lowTicks: col('lowTicks', Float64Array),
      closeTicks: col('closeTicks', Float64Array),
      volume: col('volume', Float64Array),
      trades: col('trades', Uint32Array),
    };
    const problem = mismatch(columns);
    if (problem) throw new ArchiveFormatError(`candle batch columns differ in length: ${problem}`);
    return columns;
  });
}
