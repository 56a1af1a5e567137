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
import { BookBatch } from './generated/book_batch_generated.js';

const IDENTIFIER = BATCH_IDENTIFIERS.book;
const WHAT = 'book batch';
/** Field numbers in book_batch.fbs (0-based, schema order; vtable slot = 4 + 2 × field). */
const FIELD = {
  exchange: 1,
  symbol: 2,
  snapshotTimeNs: 5,
  snapshotOffset: 6,
  levelPriceTicks: 7,
  levelSize: 8,
  levelSide: 9,
  deltaTimeNs: 10,
  deltaPriceTicks: 11,
  deltaSize: 12,
  deltaSide: 13,
} as const;

/** One hour of one market's L2 book: periodic snapshots plus the deltas between them, columnar. */
export interface BookColumns {
  exchange: string;
  symbol: string;
  /** Price of one tick, quote currency. */
  tickSize: number;
  /** Levels per side a snapshot holds (0 = full depth). */
  depth: number;
  /** Snapshot times, unix ns UTC, ascending. */
  snapshotTimeNs: BigInt64Array;
  /** Length snapshots+1: snapshot k's levels are indices [snapshotOffset[k], snapshotOffset[k+1]) of the level columns. */
  snapshotOffset: Uint32Array;
  /** Snapshot level price, integer ticks. Bids best first, then asks best first. */
  levelPriceTicks: Float64Array;
  /** Snapshot level size, contracts. */
  levelSize: Float64Array;
  /** Snapshot level side: 1 = bid, -1 = ask. */
  levelSide: Int8Array;
  /** Deltas, unix ns UTC ascending (a delta at the same time as a snapshot applies after it). */
  deltaTimeNs: BigInt64Array;
  /** Delta price, integer ticks. */
  deltaPriceTicks: Float64Array;
  /** New size at that price, contracts; 0 = the level is gone. */
  deltaSize: Float64Array;
  /** Delta side: 1 = bid, -1 = ask. */
  deltaSide: Int8Array;
}

/**
 * Why the columns do not fit together (lengths, snapshot offsets), or null when they do. Costs one
 * step per snapshot, not per level or delta.
 */
function inconsistency(c: BookColumns): string | null {
  const levels = c.levelPriceTicks.length;
  const mismatch =
    lengthMismatch(c.snapshotTimeNs.length + 1, { snapshotOffset: c.snapshotOffset.length }) ??
    lengthMismatch(levels, { levelSize: c.levelSize.length, levelSide: c.levelSide.length }) ??
    lengthMismatch(c.deltaTimeNs.length, {
      deltaPriceTicks: c.deltaPriceTicks.length,
      deltaSize: c.deltaSize.length,
      deltaSide: c.deltaSide.length,
    });
  if (mismatch) return `columns differ in length: ${mismatch}`;
  const offsets = c.snapshotOffset;
  if (offsets[0] !== 0) return `snapshotOffset[0] is ${offsets[0]}, expected 0`;
  for (let k = 1; k < offsets.length; k++) {
    if ((offsets[k] ?? 0) < (offsets[k - 1] ?? 0)) return `snapshotOffset not ascending at ${k}`;
  }
  const last = offsets[offsets.length - 1];
  if (last !== levels) return `snapshotOffset ends at ${last}, the level columns hold ${levels}`;
  return null;
}

/** Encodes a batch; throws RangeError when its columns do not fit together. */
export function encodeBookBatch(c: BookColumns): Uint8Array {
  const problem = inconsistency(c);
  if (problem) throw new RangeError(`book batch ${problem}`);
  const depth = checkUint32(c.depth, 'depth');
  const b = new flatbuffers.Builder(builderSize(128 + c.levelPriceTicks.length * 17 + c.deltaTimeNs.length * 25));
  const exchange = b.createString(c.exchange);
  const symbol = b.createString(c.symbol);
  const deltaSide = BookBatch.createDeltaSideVector(b, c.deltaSide);
  const deltaSize = BookBatch.createDeltaSizeVector(b, c.deltaSize);
  const deltaPrice = BookBatch.createDeltaPriceTicksVector(b, c.deltaPriceTicks);
  const deltaTime = BookBatch.createDeltaTimeNsVector(b, Array.from(c.deltaTimeNs));
  const levelSide = BookBatch.createLevelSideVector(b, c.levelSide);
  const levelSize = BookBatch.createLevelSizeVector(b, c.levelSize);
  const levelPrice = BookBatch.createLevelPriceTicksVector(b, c.levelPriceTicks);
  const offsets = BookBatch.createSnapshotOffsetVector(b, c.snapshotOffset);
  const snapshotTime = BookBatch.createSnapshotTimeNsVector(b, Array.from(c.snapshotTimeNs));
  BookBatch.startBookBatch(b);
  BookBatch.addSchemaVersion(b, ARCHIVE_SCHEMA_VERSION);
  BookBatch.addExchange(b, exchange);
  BookBatch.addSymbol(b, symbol);
  BookBatch.addTickSize(b, c.tickSize);
  BookBatch.addDepth(b, depth);
  BookBatch.addSnapshotTimeNs(b, snapshotTime);
  BookBatch.addSnapshotOffset(b, offsets);
  BookBatch.addLevelPriceTicks(b, levelPrice);
  BookBatch.addLevelSize(b, levelSize);
  BookBatch.addLevelSide(b, levelSide);
  BookBatch.addDeltaTimeNs(b, deltaTime);
  BookBatch.addDeltaPriceTicks(b, deltaPrice);
  BookBatch.addDeltaSize(b, deltaSize);
  BookBatch.addDeltaSide(b, deltaSide);
  b.finish(BookBatch.endBookBatch(b), IDENTIFIER);
  return b.asUint8Array();
}

/**
 * Decodes a batch without per-record work: every column is a view on `bytes` (no copy, unless
 * `bytes` is not 8-byte aligned, when it is copied once first). Throws ArchiveFormatError saying
 * why on any file it cannot use.
 */
export function decodeBookBatch(input: Uint8Array): BookColumns {
  const bytes = aligned(input);
  return decoding(WHAT, () => {
    const bb = openBatch(bytes, IDENTIFIER, WHAT);
    const batch = BookBatch.getRootAsBookBatch(bb);
    checkVersion(batch.schemaVersion(), WHAT);
    checkStrings(bb, batch.bb_pos, { exchange: FIELD.exchange, symbol: FIELD.symbol });
    const col = <T>(name: keyof typeof FIELD, type: ColumnType<T>) =>
      columnAt(bytes, bb, batch.bb_pos, FIELD[name], type, name);
    const columns: BookColumns = {
      exchange: batch.exchange() ?? '',
      symbol: batch.symbol() ?? '',
      tickSize: batch.tickSize(),
      depth: batch.depth(),
      snapshotTimeNs: col('snapshotTimeNs', BigInt64Array),
      snapshotOffset: col('snapshotOffset', Uint32Array),
      levelPriceTicks: col('levelPriceTicks', Float64Array),
      levelSize: col('levelSize', Float64Array),
      levelSide: col('levelSide', Int8Array),
      deltaTimeNs: col('deltaTimeNs', BigInt64Array),
      deltaPriceTicks: col('deltaPriceTicks', Float64Array),
      deltaSize: col('deltaSize', Float64Array),
      deltaSide: col('deltaSide', Int8Array),
    };
    const problem = inconsistency(columns);
    if (problem) throw new ArchiveFormatError(`book batch ${problem}`);
    return columns;
  });
}
