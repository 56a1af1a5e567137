import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Keeping } from '../src/archive/off-thread-sha256.js';

const expected = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('off-thread SHA-256 of archive segments', () => {
  it('hashes a large owned buffer on the worker and hands back the same bytes', async () => {
    const bytes = new Uint8Array(3 << 20).map((_, i) => (i * 31) & 0xff);
    const copy = bytes.slice();
    const { hex, bytes: back } = await sha256Keeping(bytes);
    expect(hex).toBe(expected(copy));
    expect(bytes.byteLength, 'the original view was transferred').toBe(0);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(copy))).toBe(0);
  });

  it('hashes a view into shared memory, and a small buffer, in place', async () => {
    const big = new Uint8Array(4 << 20).fill(7);
    const view = big.subarray(16, (2 << 20) + 16);
    const r = await sha256Keeping(view);
    expect(r.hex).toBe(expected(view));
    expect(r.bytes).toBe(view);
    const small = Uint8Array.of(1, 2, 3);
    expect((await sha256Keeping(small)).hex).toBe(expected(Uint8Array.of(1, 2, 3)));
  });

  it('hashes a pooled SharedArrayBuffer on the worker in place, leaving the view usable', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3 << 20), 0, (2 << 20) + 5).fill(9);
    const r = await sha256Keeping(shared);
    expect(r.hex).toBe(expected(shared.slice()));
    expect(r.bytes).toBe(shared);
    expect(shared.byteLength, 'a shared buffer is never transferred away').toBe((2 << 20) + 5);
  });

  it('answers concurrent requests each with its own digest', async () => {
    const inputs = [1, 2, 3, 4].map((k) => new Uint8Array(2 << 20).fill(k));
    const want = inputs.map(expected);
    const got = await Promise.all(inputs.map((b) => sha256Keeping(b)));
    expect(got.map((g) => g.hex)).toEqual(want);
  });
});
