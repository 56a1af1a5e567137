import type { ExecutionResult } from 'graphql';

/** How a shared stream treats a subscriber that joins late. */
export type JoinPolicy =
  /** State streams (ticker, book, candle): the latest result is the snapshot; send it first. */
  | 'replay-last'
  /** Event streams without a snapshot (trades with snapshot: 0): start at the next event. */
  | 'next-only';

type Source = AsyncIterator<ExecutionResult>;

/** The part of a `ws` WebSocket the direct path writes to. */
export interface FrameSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
}

/**
 * The TCP socket under a WebSocket (`request.socket`). When given, frames are written to it
 * directly, already framed, all of one tick's frames for a subscriber in one write. That is safe
 * only while `ws` itself never holds frames back, i.e. without permessage-deflate and without Blob
 * messages (the API's WebSocketServer disables the former; graphql-ws sends strings).
 */
export interface RawSocket {
  write(chunk: Uint8Array): boolean;
}

/**
 * Where a subscriber's results go when they bypass graphql-ws's per-subscriber send loop: the
 * `next` message is written straight to the socket (see `SharedSubscriptions.subscribe`).
 */
export interface DirectTarget {
  /** The graphql-ws operation id. */
  id: string;
  socket: FrameSocket;
  /** The TCP socket under `socket`, for pre-framed batched writes; without it, `socket.send` per message. */
  transport?: RawSocket | undefined;
  /** Called as each result is handed to the socket (the benchmark probe). */
  onSent?: (result: ExecutionResult) => void;
}

/** One result of a shared execution; its graphql-ws `next` payload is serialised once, on first use. */
class SharedResult {
  private json: string | undefined;
  private tail: Buffer | undefined;
  constructor(readonly result: ExecutionResult) {}
  get payloadJson(): string {
    this.json ??= nextPayloadJson(this.result);
    return this.json;
  }
  /** The end of every subscriber's `next` message: the payload and the closing brace, UTF-8. */
  get messageTail(): Buffer {
    this.tail ??= Buffer.from(`${this.payloadJson}}`);
    return this.tail;
  }
}

/**
 * The payload graphql-ws's server puts in a `next` message (`emit.next` in graphql-ws 6): the result
 * with `errors`, if any, last and as `toJSON()`.
 */
export function nextPayloadJson(result: ExecutionResult): string {
  const { errors, ...rest } = result;
  return JSON.stringify(errors ? { ...rest, errors: errors.map((e) => e.toJSON()) } : rest);
}

/** graphql-ws's `{"id":…,"type":"next","payload":…}` with the payload already serialised. */
export function nextMessage(idJson: string, payloadJson: string): string {
  return `{"id":${idJson},"type":"next","payload":${payloadJson}}`;
}

interface Subscriber {
  push(item: SharedResult): void;
  end(error?: unknown): void;
}

class Hub {
  readonly subscribers = new Set<Subscriber>();
  last: SharedResult | null = null;
  /** Set once the source has finished: `{ error }` (undefined when it ended cleanly). */
  finished: { error: unknown } | null = null;
  private stopped = false;

  constructor(
    private readonly source: Source,
    private readonly onEmpty: () => void,
  ) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    let failure: unknown;
    try {
      for (;;) {
        const r = await this.source.next();
        if (r.done || this.stopped) break;
        const item = new SharedResult(r.value);
        this.last = item;
        for (const s of this.subscribers) s.push(item);
      }
    } catch (err) {
      failure = err; // e.g. a bad argument: every subscriber sees the error as if it ran alone
    }
    this.finished = { error: failure };
    for (const s of this.subscribers) s.end(failure);
    this.subscribers.clear();
    this.onEmpty();
  }

  leave(s: Subscriber): void {
    this.subscribers.delete(s);
    if (this.subscribers.size === 0 && !this.stopped && !this.finished) {
      this.stopped = true;
      this.onEmpty();
      void this.source.return?.();
    }
  }
}

/**
 * Runs each distinct subscription (same document, variables and context) once and multicasts its
 * results: with many dashboards watching the same market, GraphQL executes a book or trade event
 * once instead of once per socket (see docs/benchmarks.md). Every subscriber gets every result in
 * order (the engine already conflates UI streams; dropping here could lose a candle's final state).
 */
export class SharedSubscriptions {
  private readonly hubs = new Map<string, Hub>();

  /**
   * Joins (or starts) the shared execution under `key`. Without `direct`, the subscriber gets an
   * async generator of results. With `direct`, results are written to `direct.socket` as complete
   * graphql-ws `next` messages, serialised once per result for all subscribers; the returned
   * iterator yields nothing, and ends (or throws) when the shared execution does, so graphql-ws
   * still sends `complete` (or `error`) and still stops the subscription with `return()`.
   */
  async subscribe(
    key: string,
    policy: JoinPolicy,
    start: () => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>,
    direct?: DirectTarget,
  ): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    let hub = this.hubs.get(key);
    if (!hub) {
      const started = await start();
      if (!(Symbol.asyncIterator in started)) return started; // an error result: nothing to share
      // Another subscriber may have created the hub while we awaited.
      hub = this.hubs.get(key);
      if (!hub) {
        const created: Hub = new Hub(started[Symbol.asyncIterator](), () => {
          if (this.hubs.get(key) === created) this.hubs.delete(key);
        });
        hub = created;
        this.hubs.set(key, hub);
      } else {
        void started[Symbol.asyncIterator]().return?.();
      }
    }
    return direct ? directStream(hub, policy, direct) : subscriberStream(hub, policy);
  }

  /** Live hubs (for tests and diagnostics). */
  get size(): number {
    return this.hubs.size;
  }
}

async function* subscriberStream(hub: Hub, policy: JoinPolicy): AsyncGenerator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | null = null;
  const me: Subscriber = {
    push(item) {
      queue.push(item.result);
      wake?.();
    },
    end(error) {
      ended = true;
      failure = error;
      wake?.();
    },
  };
  if (hub.finished) me.end(hub.finished.error);
  else hub.subscribers.add(me);
  if (policy === 'replay-last' && hub.last) queue.push(hub.last.result);
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (ended) {
        if (failure !== undefined) throw failure;
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    hub.leave(me);
  }
}

/** A subscriber's frames not yet written: the message tails, in order. */
interface Outbox {
  raw: RawSocket;
  socket: FrameSocket;
  /** `{"id":…,"type":"next","payload":` for this subscriber, UTF-8. */
  head: Buffer;
  tails: Buffer[];
}

/** Outboxes with frames queued in this tick; written once the tick's work (its microtasks) is done. */
const dirty = new Set<Outbox>();

function enqueue(box: Outbox, tail: Buffer): void {
  if (box.tails.length === 0) {
    if (dirty.size === 0) process.nextTick(flushAll);
    dirty.add(box);
  }
  box.tails.push(tail);
}

function flushAll(): void {
  for (const box of dirty) flush(box);
  dirty.clear();
}

/** Writes an outbox's queued messages as WebSocket text frames (server side: unmasked) in one write. */
function flush(box: Outbox): void {
  const { tails, head, socket } = box;
  if (tails.length === 0) return;
  box.tails = [];
  if (socket.readyState !== socket.OPEN) return;
  let size = 0;
  for (const tail of tails) {
    const length = head.length + tail.length;
    size += headerLength(length) + length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const tail of tails) {
    const length = head.length + tail.length;
    out[at++] = 0x81; // FIN, text
    if (length <= 125) out[at++] = length;
    else if (length < 65_536) {
      out[at++] = 126;
      out.writeUInt16BE(length, at);
      at += 2;
    } else {
      out[at++] = 127;
      out.writeUInt32BE(0, at);
      out.writeUInt32BE(length, at + 4);
      at += 8;
    }
    at += head.copy(out, at);
    at += tail.copy(out, at);
  }
  box.raw.write(out);
}

function headerLength(payloadLength: number): number {
  return payloadLength <= 125 ? 2 : payloadLength < 65_536 ? 4 : 10;
}

/**
 * A subscriber that writes straight to its socket. It is a member of the hub from the start (so
 * the hub cannot stop under it), but holds results back until graphql-ws starts iterating it (the
 * operation is registered by then): nothing reaches the client before graphql-ws knows the id, and
 * nothing after `return()` (client `complete` or socket close).
 */
function directStream(hub: Hub, policy: JoinPolicy, target: DirectTarget): AsyncGenerator<ExecutionResult> {
  const idJson = JSON.stringify(target.id);
  let held: SharedResult[] | null = policy === 'replay-last' && hub.last ? [hub.last] : [];
  let finished: { error: unknown } | null = null;
  let closed = false;
  let pending: { resolve: (r: IteratorResult<ExecutionResult>) => void; reject: (e: unknown) => void } | null = null;

  const box: Outbox | null = target.transport
    ? {
        raw: target.transport,
        socket: target.socket,
        head: Buffer.from(`{"id":${idJson},"type":"next","payload":`),
        tails: [],
      }
    : null;
  const write = (item: SharedResult) => {
    const { socket } = target;
    if (socket.readyState !== socket.OPEN) return;
    if (box) enqueue(box, item.messageTail);
    else socket.send(nextMessage(idJson, item.payloadJson));
    target.onSent?.(item.result);
  };
  const settle = () => {
    if (!finished || !pending) return;
    if (box) flush(box); // graphql-ws sends `complete`/`error` next: what was queued goes first
    const p = pending;
    pending = null;
    if (finished.error !== undefined) p.reject(finished.error);
    else p.resolve({ done: true, value: undefined });
  };
  const me: Subscriber = {
    push(item) {
      if (closed) return;
      if (held) held.push(item);
      else write(item);
    },
    end(error) {
      finished = { error };
      settle();
    },
  };
  if (hub.finished) finished = hub.finished;
  else hub.subscribers.add(me);

  const close = (): Promise<IteratorResult<ExecutionResult>> => {
    if (!closed) {
      closed = true;
      held = null;
      if (box) box.tails = []; // after `complete` from the client, nothing more for this id
      hub.leave(me);
      const p = pending;
      pending = null;
      p?.resolve({ done: true, value: undefined });
    }
    return Promise.resolve({ done: true, value: undefined });
  };
  const stream: AsyncGenerator<ExecutionResult> = {
    next() {
      if (closed) return Promise.resolve({ done: true, value: undefined });
      if (held) {
        const backlog = held;
        held = null;
        for (const item of backlog) write(item);
      }
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        settle();
      });
    },
    return: close,
    throw: async (error) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
