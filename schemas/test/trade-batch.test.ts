import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_SCHEMA_VERSION,
  ArchiveFormatError,
  batchKindOf,
  decodeTradeBatch,
  encodeTradeBatch,
  idsToArray,
  type TradeColumns,
} from '../src/index.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sample = (n: number): TradeColumns => ({
  exchange: 'bitmex',
  symbol: 'XBTUSD',
  tickSize: 0.1,
  timeNs: BigInt64Array.from({ length: n }, (_, i) => 1_705_276_800_451_986_388n + BigInt(i) * 1_000_000n),
  priceTicks: Float64Array.from({ length: n }, (_, i) => 426_155 + (i % 7)),
  size: Float64Array.from({ length: n }, (_, i) => 100 * (1 + (i % 5))),
  side: Int8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1)),
  ids: Array.from({ length: n }, (_, i) => `0a1b2c3d-4e5f-6789-abcd-${String(i).padStart(12, '0')}`),
});

/** The decoded batch with its lazy ids made a plain array, comparable with toEqual. */
const plain = (c: TradeColumns) => ({ ...c, ids: idsToArray(c.ids) });

describe('trade batch codec', () => {
  it('round-trips every column exactly, nanoseconds included', () => {
    const input = sample(1_000);
    expect(plain(decodeTradeBatch(encodeTradeBatch(input)))).toEqual(input);
    expect(batchKindOf(encodeTradeBatch(input))).toBe('trades');
  });

  it('stores UUID ids as 16 bytes each and formats them only when read', () => {
    const input = sample(500);
    const bytes = encodeTradeBatch(input);
    // As strings the same ids take 36 B + a 4 B length + a 4 B offset each instead of 16 B: one id
    // that is not a UUID, or one in uppercase, sends them all there.
    const withOneOther = idsToArray(input.ids);
    withOneOther[499] = 'not-a-uuid';
    expect(encodeTradeBatch({ ...input, ids: withOneOther }).length).toBeGreaterThan(bytes.length + 500 * 20);
    const withOneUpper = idsToArray(input.ids);
    withOneUpper[0] = withOneUpper[0]?.toUpperCase() ?? '';
    expect(encodeTradeBatch({ ...input, ids: withOneUpper }).length).toBeGreaterThan(bytes.length + 500 * 20);
    const out = decodeTradeBatch(bytes);
    expect(out.ids.length).toBe(500);
    expect(out.ids.at(7)).toBe('0a1b2c3d-4e5f-6789-abcd-000000000007');
    expect(out.ids.at(-1)).toBe('0a1b2c3d-4e5f-6789-abcd-000000000499');
    expect(out.ids.at(500)).toBeUndefined();
    expect(idsToArray(out.ids)).toEqual(input.ids);
  });

  it('keeps ids that are not lowercase UUIDs as strings, exactly', () => {
    const ids = ['T1', '0A1B2C3D-4E5F-6789-ABCD-000000000001', 'é-ü 😀', ''];
    const input = { ...sample(4), ids };
    const out = decodeTradeBatch(encodeTradeBatch(input));
    expect(plain(out)).toEqual(input);
    expect(out.ids.at(1)).toBe('0A1B2C3D-4E5F-6789-ABCD-000000000001');
    expect(out.ids.at(4)).toBeUndefined();
  });

  it('round-trips an empty batch', () => {
    const input = { ...sample(0), ids: [] };
    expect(plain(decodeTradeBatch(encodeTradeBatch(input)))).toEqual(input);
  });

  it('refuses columns of different lengths when encoding', () => {
    const input = sample(3);
    expect(() => encodeTradeBatch({ ...input, ids: ['a', 'b'] })).toThrow(/ids has 2 entries, expected 3/);
  });

  it('gives typed-array views on the file bytes (no per-record decoding, no copy)', () => {
    const bytes = encodeTradeBatch(sample(100));
    const aligned = new Uint8Array(new ArrayBuffer(bytes.length + 8), 8, bytes.length);
    aligned.set(bytes);
    const out = decodeTradeBatch(aligned);
    expect(out.priceTicks.buffer).toBe(aligned.buffer);
    expect(out.timeNs.buffer).toBe(aligned.buffer);
    // At an offset that is not a multiple of 8 it copies once instead of failing.
    const odd = new Uint8Array(new ArrayBuffer(bytes.length + 3), 3, bytes.length);
    odd.set(bytes);
    expect(decodeTradeBatch(odd).priceTicks[0]).toBe(426_155);
  });

  it('refuses a file that is not a trade batch, or is truncated, with a clear error', () => {
    const bytes = encodeTradeBatch(sample(200));
    const wrongId = bytes.slice();
    wrongId[4] = 0x58; // the identifier sits at bytes 4..7
    expect(() => decodeTradeBatch(wrongId)).toThrow(ArchiveFormatError);
    expect(() => decodeTradeBatch(wrongId)).toThrow(/identifier HMTB/);
    expect(() => decodeTradeBatch(bytes.slice(0, 40))).toThrow(ArchiveFormatError);
    expect(() => decodeTradeBatch(new Uint8Array(3))).toThrow(ArchiveFormatError);
    // Truncated inside a larger buffer: the views must not reach past the file into the rest.
    const inBig = new Uint8Array(new ArrayBuffer(bytes.length + 64), 0, bytes.length);
    inBig.set(bytes);
    expect(() => decodeTradeBatch(inBig.subarray(0, bytes.length - 100))).toThrow(/truncated|unreadable/);
  });

  it('refuses another schema version', () => {
    const bytes = encodeTradeBatch(sample(10));
    const other = bytes.slice();
    const root = new DataView(other.buffer).getUint32(0, true);
    const vtable = root - new DataView(other.buffer).getInt32(root, true);
    const versionAt = root + new DataView(other.buffer).getUint16(vtable + 4, true);
    expect(new DataView(other.buffer).getUint16(versionAt, true)).toBe(ARCHIVE_SCHEMA_VERSION);
    new DataView(other.buffer).setUint16(versionAt, 1, true);
    expect(() => decodeTradeBatch(other)).toThrow(ArchiveFormatError);
    expect(() => decodeTradeBatch(other)).toThrow(/unsupported trade batch schema version 1/);
  });
});

it('keeps schemas/src/generated equal to what flatc makes of every schema in schemas/fbs', () => {
  const schemas = readdirSync(path.join(pkg, 'fbs')).filter((f) => f.endsWith('.fbs'));
  expect(schemas.length).toBeGreaterThanOrEqual(3);
  const out = mkdtempSync(path.join(tmpdir(), 'hm-flatc-'));
  try {
    for (const schema of schemas) {
      const run = spawnSync('flatc', ['--ts', '--ts-flat-files', '-o', out, path.join(pkg, 'fbs', schema)], {
        encoding: 'utf8',
      });
      if (run.error) throw new Error('flatc not found: apt-get install -y flatbuffers-compiler');
      expect(run.status, run.stderr).toBe(0);
      const file = schema.replace(/\.fbs$/, '_generated.ts');
      expect(readFileSync(path.join(pkg, 'src/generated', file), 'utf8'), `${file} is stale: rerun flatc`).toBe(
        readFileSync(path.join(out, file), 'utf8'),
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
