/**
 * A minimal BitMEX realtime client for checking the simulator (and any BitMEX-shaped feed) from
 * the outside: it records every frame, waits for conditions without sleeping, and rebuilds
 * `orderBookL2*` books and keyed tables the way a client must.
 */
import WebSocket from 'ws';

/** A parsed frame: a JSON object, or the literal `pong`. */
export type Frame = Readonly<Record<string, unknown>> | 'pong';

/** A table frame (`table`, `action`, `data`, and on a partial its header). */
export type TableFrame = {
  table: string;
  action: 'partial' | 'insert' | 'update' | 'delete';
  data: Readonly<Record<string, unknown>>[];
  keys?: string[];
  filter?: Record<string, unknown>;
};

/** Whether a frame is a table frame (`table` + `data`) rather than a welcome, ack, error or pong. */
export function isTableFrame(frame: Frame): frame is Frame & TableFrame {
  return frame !== 'pong' && typeof frame.table === 'string' && Array.isArray(frame.data);
}

/** Records the frames of one connection and lets a caller await a condition over them. */
export class FeedProbe {
  readonly frames: Frame[] = [];
  /** Raw text of every frame, in order (for byte-for-byte comparisons). */
  readonly texts: string[] = [];
  private waiters: { check: () => boolean; fail: (e: Error) => void }[] = [];
  private readonly listeners: ((frame: Frame) => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.texts.push(text);
      const frame: Frame = text === 'pong' ? 'pong' : (JSON.parse(text) as Record<string, unknown>);
      this.frames.push(frame);
      for (const listener of this.listeners) listener(frame);
      this.waiters = this.waiters.filter((w) => !w.check());
    });
    socket.on('close', () => {
      for (const w of this.waiters.splice(0)) w.fail(new Error('socket closed while waiting'));
    });
  }

  /** Connects and resolves once the welcome frame arrived. */
  static async connect(url: string): Promise<FeedProbe> {
    const socket = new WebSocket(url);
    const probe = new FeedProbe(socket);
    await probe.until(() => probe.frames.length > 0);
    return probe;
  }

  /** Calls `listener` for every later frame, in order, before any waiter is checked. */
  onFrame(listener: (frame: Frame) => void): void {
    this.listeners.push(listener);
  }

  /** Sends a command object as JSON, or a string (e.g. `ping`) as is. */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends one `subscribe` command for all `topics`. */
  subscribe(...topics: string[]): void {
    this.send({ op: 'subscribe', args: topics });
  }

  /** Resolves with the first truthy value of `check`, re-evaluated on every frame. */
  until<T>(check: () => T | undefined | false | null | 0 | ''): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (!value) return false;
        resolve(value);
        return true;
      };
      if (!attempt()) this.waiters.push({ check: attempt, fail: reject });
    });
  }

  /** Sends `ping` and resolves on its `pong`: every frame sent before it has then been received. */
  async ping(): Promise<void> {
    const seen = this.frames.length;
    this.send('ping');
    await this.until(() => this.frames.slice(seen).includes('pong'));
  }

  /** Table frames received so far, optionally of one table. */
  tableFrames(table?: string): TableFrame[] {
    return this.frames.filter((f): f is Frame & TableFrame => isTableFrame(f) && (!table || f.table === table));
  }

  /** Closes the connection. */
  close(): void {
    this.socket.close();
  }
}

interface ClientLevel {
  side: 'Buy' | 'Sell';
  price: number;
  size: number;
}

/**
 * One symbol's L2 book as a client rebuilds it from `orderBookL2`/`orderBookL2_25` frames: levels
 * keyed by (side, id), price taken from each row (current format), deltas before the partial dropped.
 */
export class ClientBook {
  private readonly levels = new Map<string, ClientLevel>();
  private ready = false;

  constructor(
    readonly table: string,
    readonly symbol: string,
  ) {}

  /** Applies a frame if it is this book's table; returns whether it changed the book. */
  apply(frame: TableFrame): boolean {
    if (frame.table !== this.table) return false;
    if (frame.action === 'partial') {
      this.ready = true;
      this.levels.clear();
    } else if (!this.ready) {
      return false;
    }
    let touched = false;
    for (const row of frame.data) {
      if (row.symbol !== this.symbol) continue;
      touched = true;
      const key = `${String(row.side)}:${String(row.id)}`;
      if (frame.action === 'delete') {
        if (!this.levels.delete(key)) throw new Error(`delete of unknown level ${key}`);
        continue;
      }
      const prior = this.levels.get(key);
      if (frame.action === 'update' && !prior) throw new Error(`update of unknown level ${key}`);
      if (frame.action === 'insert' && prior) throw new Error(`insert of existing level ${key}`);
      this.levels.set(key, {
        side: row.side === 'Buy' ? 'Buy' : 'Sell',
        price: typeof row.price === 'number' ? row.price : (prior?.price ?? Number.NaN),
        size: typeof row.size === 'number' ? row.size : (prior?.size ?? Number.NaN),
      });
    }
    return touched;
  }

  /** `[price, size]` best first. */
  side(side: 'Buy' | 'Sell'): [number, number][] {
    return [...this.levels.values()]
      .filter((l) => l.side === side)
      .sort((a, b) => (side === 'Buy' ? b.price - a.price : a.price - b.price))
      .map((l) => [l.price, l.size]);
  }

  /** Bids `[price, size]`, best first. */
  get bids(): [number, number][] {
    return this.side('Buy');
  }

  /** Asks `[price, size]`, best first. */
  get asks(): [number, number][] {
    return this.side('Sell');
  }

  /** True when the best bid is at or above the best ask. */
  crossed(): boolean {
    const bid = this.bids[0]?.[0];
    const ask = this.asks[0]?.[0];
    return bid !== undefined && ask !== undefined && bid >= ask;
  }
}

/** A keyed table (e.g. `instrument`) merged the way a client does: partial, then inserts/updates/deletes. */
export class ClientTable {
  readonly rows = new Map<string, Record<string, unknown>>();
  private keys: string[] = [];

  constructor(readonly table: string) {}

  /** Applies a frame of this table: partial (sets the keys), insert, update (merge) or delete. */
  apply(frame: TableFrame): void {
    if (frame.table !== this.table) return;
    if (frame.action === 'partial') this.keys = frame.keys ?? [];
    else if (this.keys.length === 0) return;
    for (const row of frame.data) {
      const key = this.keys.map((k) => String(row[k])).join('|');
      if (frame.action === 'delete') this.rows.delete(key);
      else if (frame.action === 'update') this.rows.set(key, { ...(this.rows.get(key) ?? {}), ...row });
      else this.rows.set(key, { ...row });
    }
  }
}
