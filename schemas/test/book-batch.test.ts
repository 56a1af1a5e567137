import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_SCHEMA_VERSION,
  ArchiveFormatError,
  type BookColumns,
  batchKindOf,
  decodeBookBatch,
  encodeBookBatch,
} from '../src/index.js';

const T0 = 1_705_276_800_000_000_000n;

/** `snapshots` snapshots of 3 bids + 2 asks each, every second, and `deltas` deltas between them. */
const sample = (snapshots: number, deltas: number): BookColumns => {
  const levels = snapshots * 5;
  return {
    exchange: 'bitmex',
    symbol: 'XBTUSD',
    tickSize: 0.5,
    depth: 25,
    snapshotTimeNs: BigInt64Array.from({ length: snapshots }, (_, k) => T0 + BigInt(k) * 1_000_000_000n),
    snapshotOffset: Uint32Array.from({ length: snapshots + 1 }, (_, k) => k * 5),
    levelPriceTicks: Float64Array.from(
      { length: levels },
      (_, i) => [85_000, 84_999, 84_998, 85_001, 85_002][i % 5] ?? 0,
    ),
    levelSize: Float64Array.from({ length: levels }, (_, i) => 1_000 + i),
    levelSide: Int8Array.from({ length: levels }, (_, i) => (i % 5 < 3 ? 1 : -1)),
    deltaTimeNs: BigInt64Array.from({ length: deltas }, (_, i) => T0 + BigInt(i) * 1_000_003n),
    deltaPriceTicks: Float64Array.from({ length: deltas }, (_, i) => 85_000 + (i % 9) - 4),
    deltaSize: Float64Array.from({ length: deltas }, (_, i) => (i % 4 === 0 ? 0 : 10 * i)),
    deltaSide: Int8Array.from({ length: deltas }, (_, i) => (i % 9 < 4 ? 1 : -1)),
  };
};

/** Offset of the schema_version field (first field, vtable slot 4) in an encoded batch. */
const versionOffset = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  return root + view.getUint16(vtable + 4, true);
};

describe('book batch codec', () => {
  it('round-trips every column exactly, nanoseconds included', () => {
    const input = sample(60, 5_000);
    const bytes = encodeBookBatch(input);
    expect(decodeBookBatch(bytes)).toEqual(input);
    expect(batchKindOf(bytes)).toBe('book');
  });

  it('round-trips a batch without snapshots or deltas', () => {
    const input = sample(0, 0);
    expect(decodeBookBatch(encodeBookBatch(input))).toEqual(input);
  });

  it('gives typed-array views on the file bytes (no per-record decoding, no copy)', () => {
    const bytes = encodeBookBatch(sample(10, 100));
    const aligned = new Uint8Array(new ArrayBuffer(bytes.length + 8), 8, bytes.length);
    aligned.set(bytes);
    const out = decodeBookBatch(aligned);
    for (const col of [
      out.snapshotTimeNs,
      out.snapshotOffset,
      out.levelPriceTicks,
      out.levelSize,
      out.levelSide,
      out.deltaTimeNs,
      out.deltaPriceTicks,
      out.deltaSize,
      out.deltaSide,
    ]) {
      expect(col.buffer).toBe(aligned.buffer);
    }
    const odd = new Uint8Array(new ArrayBuffer(bytes.length + 3), 3, bytes.length);
    odd.set(bytes);
    expect(decodeBookBatch(odd)).toEqual(sample(10, 100));
  });

  it('refuses inconsistent columns when encoding', () => {
    const input = sample(3, 10);
    expect(() => encodeBookBatch({ ...input, deltaSide: new Int8Array(9) })).toThrow(RangeError);
    expect(() => encodeBookBatch({ ...input, deltaSide: new Int8Array(9) })).toThrow(/deltaSide has 9 entries/);
    expect(() => encodeBookBatch({ ...input, snapshotOffset: new Uint32Array(0) })).toThrow(/snapshotOffset has 0/);
    expect(() => encodeBookBatch({ ...input, snapshotOffset: Uint32Array.of(0, 10, 5, 15) })).toThrow(/not ascending/);
    expect(() => encodeBookBatch({ ...input, snapshotOffset: Uint32Array.of(0, 5, 10, 16) })).toThrow(
      /ends at 16, the level columns hold 15/,
    );
    expect(() => encodeBookBatch({ ...input, depth: -1 })).toThrow(/depth/);
  });

  it('refuses a file that is not a book batch, or is truncated, with a clear error', () => {
    const bytes = encodeBookBatch(sample(20, 300));
    const wrongId = bytes.slice();
    wrongId[4] = 0x58;
    expect(() => decodeBookBatch(wrongId)).toThrow(ArchiveFormatError);
    expect(() => decodeBookBatch(wrongId)).toThrow('not a book batch (identifier HMBB missing)');
    expect(batchKindOf(wrongId)).toBeNull();
    expect(() => decodeBookBatch(new Uint8Array(3))).toThrow(/identifier HMBB missing/);
    for (const cut of [16, 40, 100, bytes.length - 8]) {
      expect(() => decodeBookBatch(bytes.slice(0, cut)), `cut at ${cut}`).toThrow(ArchiveFormatError);
      expect(() => decodeBookBatch(bytes.slice(0, cut))).toThrow(/truncated|unreadable/);
    }
    // Truncated inside a larger buffer: the views must not reach past the file into the rest.
    const inBig = new Uint8Array(new ArrayBuffer(bytes.length + 64), 0, bytes.length);
    inBig.set(bytes);
    expect(() => decodeBookBatch(inBig.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });

  it('refuses another schema version', () => {
    const bytes = encodeBookBatch(sample(2, 2));
    const at = versionOffset(bytes);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(at, true)).toBe(ARCHIVE_SCHEMA_VERSION);
    const other = bytes.slice();
    new DataView(other.buffer).setUint16(at, 1, true);
    expect(() => decodeBookBatch(other)).toThrow(ArchiveFormatError);
    expect(() => decodeBookBatch(other)).toThrow(/unsupported book batch schema version 1/);
  });

  it('refuses a file whose snapshot offsets point past the levels', () => {
    const bytes = encodeBookBatch(sample(3, 0));
    expect(bytes.byteOffset % 8).toBe(0); // so the decoded columns are views on `bytes` itself
    const last = decodeBookBatch(bytes).snapshotOffset;
    expect(last.buffer).toBe(bytes.buffer);
    // Rewrite the last offset in place through the view on the file bytes.
    last[3] = 99;
    expect(() => decodeBookBatch(bytes)).toThrow(ArchiveFormatError);
    expect(() => decodeBookBatch(bytes)).toThrow(/snapshotOffset ends at 99, the level columns hold 15/);
    last[3] = 15;
    last[1] = 12;
    expect(() => decodeBookBatch(bytes)).toThrow(/snapshotOffset not ascending at 2/);
  });

  it('does not take a trade or candle batch for a book batch', () => {
    const trades = new Uint8Array(16);
    trades.set([0x48, 0x4d, 0x54, 0x42], 4); // "HMTB"
    expect(batchKindOf(trades)).toBe('trades');
    expect(() => decodeBookBatch(trades)).toThrow(/not a book batch/);
  });
});
