import type { ExecutionResult } from 'graphql';

/** How a shared stream treats a subscriber that joins late. */
export type JoinPolicy =
  /** State streams (ticker, book, candle): the latest result is the snapshot; send it first. */
  | 'replay-last'
  /** Event streams without a snapshot (trades with snapshot: 0): start at the next event. */
  | 'next-only';

type Source = AsyncIterator<ExecutionResult>;

interface Subscriber {
  push(result: ExecutionResult): void;
  end(error?: unknown): void;
}

class Hub {
  readonly subscribers = new Set<Subscriber>();
  last: ExecutionResult | null = null;
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
        this.last = r.value;
        for (const s of this.subscribers) s.push(r.value);
      }
    } catch (err) {
      failure = err; // e.g. a bad argument: every subscriber sees the error as if it ran alone
    }
    for (const s of this.subscribers) s.end(failure);
    this.subscribers.clear();
    this.onEmpty();
  }

  leave(s: Subscriber): void {
    this.subscribers.delete(s);
    if (this.subscribers.size === 0 && !this.stopped) {
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

  async subscribe(
    key: string,
    policy: JoinPolicy,
    start: () => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>,
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
    return subscriberStream(hub, policy);
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
    push(result) {
      queue.push(result);
      wake?.();
    },
    end(error) {
      ended = true;
      failure = error;
      wake?.();
    },
  };
  hub.subscribers.add(me);
  if (policy === 'replay-last' && hub.last) queue.push(hub.last);
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
