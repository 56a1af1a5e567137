import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of archive segments on a worker thread, so a replay checks the next segment while the
 * kernel runs the current one (with readAhead in segments.ts). The bytes are transferred to the
 * worker and back (zero-copy); pooled `SharedArrayBuffer`s (segment-buffers.ts) are hashed in place;
 * views that share an ordinary buffer with other data, and small ones, are hashed here.
 */

/** Below this many bytes a round trip to the worker costs more than hashing here. */
const OFF_THREAD_MIN_BYTES = 1 << 20;

// Plain JS run with `eval`: no TypeScript loader needed inside the worker.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, buffer, offset, length }) => {
  if (buffer instanceof SharedArrayBuffer) {
    // Shared (a pooled segment buffer): hashed in place, nothing to hand back.
    parentPort.postMessage({ id, hex: createHash('sha256').update(new Uint8Array(buffer, offset, length)).digest('hex') });
    return;
  }
  const hex = createHash('sha256').update(new Uint8Array(buffer)).digest('hex');
  parentPort.postMessage({ id, hex, buffer }, [buffer]);
});`;

/** `bytes` is null for a shared buffer: the caller's view stays valid. */
type Pending = { resolve: (r: { hex: string; bytes: Uint8Array | null }) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function hasher(): Worker {
  if (worker) return worker;
  // No loaders (tsx) in the worker: its source is plain JS, and a loader thread would keep the process alive.
  const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  w.on('message', (m: { id: number; hex: string; buffer?: ArrayBuffer }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    p?.resolve({ hex: m.hex, bytes: m.buffer ? new Uint8Array(m.buffer) : null });
  });
  const fail = (err: Error) => {
    worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`sha-256 worker exited (${code})`)));
  // Referenced only while a checksum is pending: an idle worker never keeps a CLI process alive.
  // (Unref after the listeners: attaching a 'message' listener references the port again.)
  w.unref();
  worker = w;
  return w;
}

const hashHere = (bytes: Uint8Array) => ({ hex: createHash('sha256').update(bytes).digest('hex'), bytes });

/**
 * The hex SHA-256 of `bytes`, and the bytes to use from now on: when they went to the worker and
 * back, the original view is detached and the returned one replaces it.
 */
export async function sha256Keeping(bytes: Uint8Array): Promise<{ hex: string; bytes: Uint8Array }> {
  const buffer = bytes.buffer;
  const shared = buffer instanceof SharedArrayBuffer;
  const owned = buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  if (!(owned || shared) || bytes.byteLength < OFF_THREAD_MIN_BYTES) return hashHere(bytes);
  const id = nextId++;
  try {
    const r = await new Promise<{ hex: string; bytes: Uint8Array | null }>((resolve, reject) => {
      const w = hasher();
      if (pending.size === 0) w.ref();
      pending.set(id, { resolve, reject });
      if (shared) w.postMessage({ id, buffer, offset: bytes.byteOffset, length: bytes.byteLength });
      else w.postMessage({ id, buffer }, [buffer as ArrayBuffer]);
    });
    return { hex: r.hex, bytes: r.bytes ?? bytes };
  } catch (err) {
    // The worker is gone; the buffer may have gone with it, so this one read fails as unreadable.
    throw new Error(`cannot checksum the segment: ${(err as Error).message}`);
  }
}
