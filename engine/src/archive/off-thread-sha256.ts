import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The checksum worker: SHA-256 of archive segments on a worker thread, so a replay checks the next
 * segment while the kernel runs the current one (with readAhead in segments.ts).
 *
 * - {@link sha256Keeping}: bytes already in memory. Owned buffers are transferred to the worker and
 *   back (zero-copy); pooled `SharedArrayBuffer`s (segment-buffers.ts) are hashed in place; views
 *   that share an ordinary buffer with other data, and small ones, are hashed here.
 * - {@link readFileHashed}: a local file read *and* hashed on the worker into a shared buffer. A
 *   read done with promises on the main thread needs a main-thread turn per step (open, stat,
 *   read, close, hash), and during a backtest the kernel holds the thread for a whole segment, so
 *   those steps did not overlap compute; this is one message each way.
 */

/** Below this many bytes a round trip to the worker costs more than hashing here. */
const OFF_THREAD_MIN_BYTES = 1 << 20;

// Plain JS run with `eval`: no TypeScript loader needed inside the worker.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, fstatSync, readSync, closeSync } = require('node:fs');
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
parentPort.on('message', ({ id, op, buffer, offset, length, path }) => {
  if (op === 'read') {
    // Reads up to \`length\` bytes; reports the file's real size (the caller checks it).
    let fd;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      const into = new Uint8Array(buffer, 0, Math.min(size, length));
      let at = 0;
      while (at < into.length) {
        const n = readSync(fd, into, at, into.length - at, at);
        if (n === 0) break;
        at += n;
      }
      parentPort.postMessage({ id, size: at < into.length ? at : size, hex: size === at ? sha(into.subarray(0, at)) : '' });
    } catch (err) {
      parentPort.postMessage({ id, code: err.code ?? 'EIO', message: String(err.message) });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  if (buffer instanceof SharedArrayBuffer) {
    // Shared (a pooled segment buffer): hashed in place, nothing to hand back.
    parentPort.postMessage({ id, hex: sha(new Uint8Array(buffer, offset, length)) });
    return;
  }
  parentPort.postMessage({ id, hex: sha(new Uint8Array(buffer)), buffer }, [buffer]);
});`;

interface Reply {
  id: number;
  hex?: string;
  /** A transferred buffer coming back. */
  buffer?: ArrayBuffer;
  /** 'read': the file's size in bytes. */
  size?: number;
  /** 'read': the error's code (ENOENT, …) when it failed. */
  code?: string;
  message?: string;
}

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function hasher(): Worker {
  if (worker) return worker;
  // No loaders (tsx) in the worker: its source is plain JS, and a loader thread would keep the process alive.
  const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  w.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    p?.resolve(m);
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

function ask(message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<Reply> {
  const id = nextId++;
  return new Promise<Reply>((resolve, reject) => {
    const w = hasher();
    if (pending.size === 0) w.ref();
    pending.set(id, { resolve, reject });
    w.postMessage({ id, ...message }, transfer);
  });
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
  try {
    const r = shared
      ? await ask({ buffer, offset: bytes.byteOffset, length: bytes.byteLength })
      : await ask({ buffer }, [buffer as ArrayBuffer]);
    return { hex: r.hex ?? '', bytes: r.buffer ? new Uint8Array(r.buffer) : bytes };
  } catch (err) {
    // The worker is gone; the buffer may have gone with it, so this one read fails as unreadable.
    throw new Error(`cannot checksum the segment: ${(err as Error).message}`);
  }
}

/** A failed {@link readFileHashed}, with the system error's code (`ENOENT` when there is no file). */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the file at `path` into `into` (from offset 0) and hashes it, both on the worker. Returns
 * the file's size and, when the whole file fitted, the SHA-256 of its bytes (`into[0, size)`);
 * a larger file is read only up to `into.length` and gets `hex` ''.
 */
export async function readFileHashed(path: string, into: Uint8Array): Promise<{ size: number; hex: string }> {
  if (!(into.buffer instanceof SharedArrayBuffer) || into.byteOffset !== 0)
    throw new RangeError('readFileHashed reads into a pooled SharedArrayBuffer view at offset 0');
  const r = await ask({ op: 'read', path, buffer: into.buffer, length: into.length });
  if (r.code !== undefined) throw new FileReadError(r.code, r.message ?? r.code);
  return { size: r.size ?? 0, hex: r.hex ?? '' };
}
