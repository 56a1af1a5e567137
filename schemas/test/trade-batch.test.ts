import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArchiveFormatError, decodeTradeBatch, encodeTradeBatch, type TradeColumns } from '../src/index.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sample = (n: number): TradeColumns => ({
  exchange: 'bitmex',
  symbol: 'XBTUSD',
  tickSize: 0.1,
  timeNs: BigInt64Array.from({ length: n }, (_, i) => 1_705_276_800_451_986_388n + BigInt(i) * 1_000_000n),
  priceTicks: Float64Array.from({ length: n }, (_, i) => 426_155 + (i % 7)),
  size: Float64Array.from({ length: n }, (_, i) => 100 * (1 + (i % 5))),
  side: Int8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1)),
  ids: Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`),
});

describe('trade batch codec', () => {
  it('round-trips every column exactly, nanoseconds included', () => {
    const input = sample(1_000);
    expect(decodeTradeBatch(encodeTradeBatch(input))).toEqual(input);
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
  });
});

it('keeps schemas/src/generated equal to what flatc makes of schemas/fbs (regenerate with flatc)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'hm-flatc-'));
  try {
    const run = spawnSync('flatc', ['--ts', '--ts-flat-files', '-o', out, path.join(pkg, 'fbs/trade_batch.fbs')], {
      encoding: 'utf8',
    });
    if (run.error) throw new Error('flatc not found: apt-get install -y flatbuffers-compiler');
    expect(run.status, run.stderr).toBe(0);
    const file = 'trade_batch_generated.ts';
    expect(readFileSync(path.join(pkg, 'src/generated', file), 'utf8')).toBe(
      readFileSync(path.join(out, file), 'utf8'),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
