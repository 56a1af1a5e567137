import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_SCHEMA_VERSION,
  ArchiveFormatError,
  batchKindOf,
  type CandleColumns,
  decodeCandleBatch,
  encodeCandleBatch,
} from '../src/index.js';

const T0 = 1_705_276_800;

/** `n` one-minute candles. */
const sample = (n: number): CandleColumns => ({
  exchange: 'bitmex',
  symbol: 'XBTUSD',
  tickSize: 0.5,
  periodSec: 60,
  timeSec: Float64Array.from({ length: n }, (_, i) => T0 + i * 60),
  openTicks: Float64Array.from({ length: n }, (_, i) => 85_000 + (i % 11)),
  highTicks: Float64Array.from({ length: n }, (_, i) => 85_010 + (i % 11)),
  lowTicks: Float64Array.from({ length: n }, (_, i) => 84_990 + (i % 11)),
  closeTicks: Float64Array.from({ length: n }, (_, i) => 85_001 + (i % 7)),
  volume: Float64Array.from({ length: n }, (_, i) => 1_000 * i + 0.5),
  trades: Uint32Array.from({ length: n }, (_, i) => (i * 7919) % 5_000),
});

/** Offset of the schema_version field (first field, vtable slot 4) in an encoded batch. */
const versionOffset = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  return root + view.getUint16(vtable + 4, true);
};

describe('candle batch codec', () => {
  it('round-trips every column exactly', () => {
    const input = sample(1_440);
    const bytes = encodeCandleBatch(input);
    expect(decodeCandleBatch(bytes)).toEqual(input);
    expect(batchKindOf(bytes)).toBe('candles');
    expect(decodeCandleBatch(encodeCandleBatch(sample(0)))).toEqual(sample(0));
  });

  it('gives typed-array views on the file bytes (no per-record decoding, no copy)', () => {
    const bytes = encodeCandleBatch(sample(100));
    const aligned = new Uint8Array(new ArrayBuffer(bytes.length + 8), 8, bytes.length);
    aligned.set(bytes);
    const out = decodeCandleBatch(aligned);
    for (const col of [
      out.timeSec,
      out.openTicks,
      out.highTicks,
      out.lowTicks,
      out.closeTicks,
      out.volume,
      out.trades,
    ]) {
      expect(col.buffer).toBe(aligned.buffer);
    }
    // The encoder's own output is 8-byte aligned, so decoding it copies nothing either.
    const fresh = encodeCandleBatch(sample(7));
    expect(decodeCandleBatch(fresh).volume.buffer).toBe(fresh.buffer);
    const odd = new Uint8Array(new ArrayBuffer(bytes.length + 5), 5, bytes.length);
    odd.set(bytes);
    expect(decodeCandleBatch(odd)).toEqual(sample(100));
  });

  it('refuses inconsistent columns or a bad period when encoding', () => {
    const input = sample(5);
    expect(() => encodeCandleBatch({ ...input, trades: new Uint32Array(4) })).toThrow(RangeError);
    expect(() => encodeCandleBatch({ ...input, trades: new Uint32Array(4) })).toThrow(
      /trades has 4 entries, expected 5/,
    );
    expect(() => encodeCandleBatch({ ...input, periodSec: 1.5 })).toThrow(/periodSec/);
  });

  it('refuses a file that is not a candle batch, or is truncated, with a clear error', () => {
    const bytes = encodeCandleBatch(sample(200));
    const wrongId = bytes.slice();
    wrongId[7] = 0x58;
    expect(() => decodeCandleBatch(wrongId)).toThrow(ArchiveFormatError);
    expect(() => decodeCandleBatch(wrongId)).toThrow('not a candle batch (identifier HMCB missing)');
    expect(batchKindOf(wrongId)).toBeNull();
    expect(batchKindOf(new Uint8Array(5))).toBeNull();
    for (const cut of [3, 16, 40, 200, bytes.length - 8]) {
      expect(() => decodeCandleBatch(bytes.slice(0, cut)), `cut at ${cut}`).toThrow(ArchiveFormatError);
    }
    const inBig = new Uint8Array(new ArrayBuffer(bytes.length + 64), 0, bytes.length);
    inBig.set(bytes);
    expect(() => decodeCandleBatch(inBig.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });

  it('refuses another schema version', () => {
    const bytes = encodeCandleBatch(sample(3));
    const at = versionOffset(bytes);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(at, true)).toBe(ARCHIVE_SCHEMA_VERSION);
    const other = bytes.slice();
    new DataView(other.buffer).setUint16(at, 3, true);
    expect(() => decodeCandleBatch(other)).toThrow(ArchiveFormatError);
    expect(() => decodeCandleBatch(other)).toThrow(/unsupported candle batch schema version 3/);
  });
});
