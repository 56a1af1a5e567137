import WebSocket from 'ws';
import type { TableMessage } from '../messages.js';
import { parsePrivateFrame } from './private-frames.js';
import type { MarginDelta, OrderDelta, PositionDelta } from './private-rows.js';
import type { BitmexPrivateStreamOptions, PrivateStreamStatus } from './private-stream-options.js';
import { PRIVATE_TABLES, PrivateTables } from './private-tables.js';
import { BitmexAuthError } from './rest-errors.js';
import { signRealtime } from './signature.js';

export type { BitmexPrivateStreamOptions, PrivateStreamStatus } from './private-stream-options.js';

interface Connection {
  ws: WebSocket;
  authenticated: boolean;
  /** Tables whose partial arrived on this socket; `ready` once all four did. */
  partials: Set<string>;
  ready: boolean;
  pinged: boolean;
  silenceTimer?: NodeJS.Timeout;
  authTimer?: NodeJS.Timeout;
  refreshTimer?: NodeJS.Timeout;
}

/**
 * BitMEX's private realtime data for one account (notes §1.5–1.7, §1.16): authenticates with
 * `authKeyExpires`, subscribes `order`, `execution`, `position`, `margin`, keeps them as keyed
 * tables and reports typed updates. Arms the dead man's switch (`cancelAllAfter`) after auth and
 * refreshes it while connected, so a crashed engine leaves no orders working; `close()` disarms it.
 * Reconnects with capped jittered backoff (re-auth, resubscribe, new partials replace state) and
 * keeps the socket alive with text ping/pong like the public feed client. Malformed frames are
 * logged and skipped. An auth refusal stops the stream and is reported, never retried in a loop.
 */
export class BitmexPrivateStream {
  private readonly tables = new PrivateTables();
  private readonly opts: BitmexPrivateStreamOptions;
  private conn: Connection | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private ready: Promise<void> | null = null;
  private settleReady: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private disarmed: (() => void) | null = null;

  constructor(opts: BitmexPrivateStreamOptions) {
    this.opts = opts;
  }

  /** Connects; resolves once authenticated with every partial applied, rejects with {@link BitmexAuthError}. */
  start(): Promise<void> {
    if (this.stopped && !this.ready) return Promise.reject(new Error('private stream already closed'));
    if (!this.ready) {
      this.ready = new Promise<void>((resolve, reject) => {
        this.settleReady = { resolve, reject };
      });
      this.ready.catch(() => {}); // the caller's await sees the rejection; nobody else must
      this.connect();
    }
    return this.ready;
  }

  /** Live orders (terminal ones are dropped once reported). */
  orders(): OrderDelta[] {
    return this.tables.orders();
  }

  positions(): PositionDelta[] {
    return this.tables.positions();
  }

  margins(): MarginDelta[] {
    return this.tables.margins();
  }

  /** Disarms the dead man's switch (waits for the exchange to confirm, bounded), then closes the socket. */
  async close(): Promise<void> {
    if (this.stopped && !this.conn) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const conn = this.conn;
    this.conn = null;
    if (conn) {
      clearInterval(conn.refreshTimer);
      if (conn.ws.readyState === WebSocket.OPEN && conn.authenticated && this.cancelAllAfterMs > 0) {
        const acked = new Promise<void>((resolve) => {
          this.disarmed = resolve;
        });
        conn.ws.send(JSON.stringify({ op: 'cancelAllAfter', args: 0 }));
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.opts.closeTimeoutMs ?? 2_000);
        });
        await Promise.race([acked, timeout]);
        clearTimeout(timer);
        this.disarmed = null;
      }
      await closeSocket(conn.ws);
    }
    this.settleReady?.reject(new Error('private stream closed before it was ready'));
    this.settleReady = null;
    this.emitStatus({ state: 'closed' });
  }

  /**
   * Drops the connection WITHOUT disarming the dead man's switch: the exchange cancels every order
   * when it fires, unless another process (e.g. a worker resuming the session) re-arms it first.
   */
  abandon(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const conn = this.conn;
    this.conn = null;
    if (conn) {
      clearInterval(conn.refreshTimer);
      conn.ws.terminate();
    }
    this.settleReady?.reject(new Error('private stream abandoned before it was ready'));
    this.settleReady = null;
    this.emitStatus({ state: 'closed' });
  }

  private get cancelAllAfterMs(): number {
    return this.opts.cancelAllAfterMs ?? 60_000;
  }

  private connect(): void {
    if (this.stopped) return;
    this.tables.expectPartials();
    const ws = new WebSocket(this.opts.url, { handshakeTimeout: 10_000 });
    const conn: Connection = { ws, authenticated: false, partials: new Set(), ready: false, pinged: false };
    this.conn = conn;
    this.emitStatus({ state: 'connecting', attempt: this.attempt });
    ws.on('open', () => {
      const expires = Math.floor((this.opts.nowMs ?? Date.now)() / 1000) + (this.opts.expiresInSec ?? 60);
      const signature = signRealtime(this.opts.apiSecret, expires);
      ws.send(JSON.stringify({ op: 'authKeyExpires', args: [this.opts.apiKey, expires, signature] }));
      conn.authTimer = setTimeout(() => {
        this.opts.log.warn('private stream: no auth reply; reconnecting', { url: this.opts.url });
        ws.terminate();
      }, this.opts.authTimeoutMs ?? 10_000);
      this.armSilenceTimer(conn);
    });
    ws.on('message', (data, isBinary) => {
      conn.pinged = false;
      this.armSilenceTimer(conn);
      if (!isBinary) this.onFrame(conn, data.toString());
    });
    ws.on('error', (err) =>
      this.opts.log.warn('private stream socket error', { url: this.opts.url, error: err.message }),
    );
    ws.on('close', () => {
      clearTimeout(conn.silenceTimer);
      clearTimeout(conn.authTimer);
      clearInterval(conn.refreshTimer);
      this.disarmed?.();
      if (this.stopped || this.conn !== conn) return;
      const cap = Math.min(this.opts.maxBackoffMs ?? 10_000, (this.opts.minBackoffMs ?? 250) * 2 ** this.attempt);
      const delay = Math.round((this.opts.random ?? Math.random)() * cap);
      this.attempt += 1;
      this.opts.log.warn('private stream disconnected; reconnecting', { inMs: delay, attempt: this.attempt });
      this.emitStatus({ state: 'disconnected', reconnectInMs: delay });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private onFrame(conn: Connection, text: string): void {
    const frame = parsePrivateFrame(text);
    switch (frame.kind) {
      case 'pong':
      case 'welcome':
      case 'subscribed':
        return;
      case 'invalid':
        this.opts.log.warn('private stream: malformed frame skipped', { reason: frame.reason });
        return;
      case 'auth-ok':
        this.onAuthenticated(conn);
        return;
      case 'cancel-all-after':
        if (frame.reply.cancelTime === 0) {
          this.disarmed?.();
          this.emitStatus({ state: 'dead-man-disarmed' });
        } else {
          this.emitStatus({
            state: 'dead-man-armed',
            timeoutMs: this.cancelAllAfterMs,
            cancelTime: frame.reply.cancelTime,
          });
        }
        return;
      case 'error':
        if (frame.status === 401) {
          this.onAuthRefused(conn, frame.error);
          return;
        }
        this.opts.log.warn('private stream: exchange error', {
          status: frame.status,
          error: frame.error,
          op: frame.op,
        });
        return;
      case 'table':
        this.onTable(conn, frame.message);
        return;
    }
  }

  private onAuthenticated(conn: Connection): void {
    conn.authenticated = true;
    clearTimeout(conn.authTimer);
    this.emitStatus({ state: 'authenticated' });
    if (this.cancelAllAfterMs > 0) {
      const arm = () => {
        if (conn.ws.readyState === WebSocket.OPEN) {
          conn.ws.send(JSON.stringify({ op: 'cancelAllAfter', args: this.cancelAllAfterMs }));
        }
      };
      arm();
      conn.refreshTimer = setInterval(arm, this.opts.refreshMs ?? 15_000);
    }
    conn.ws.send(JSON.stringify({ op: 'subscribe', args: [...PRIVATE_TABLES] }));
  }

  private onAuthRefused(conn: Connection, message: string): void {
    const error = new BitmexAuthError(401, message, { verb: 'GET', path: '/realtime', attempt: this.attempt + 1 });
    this.opts.log.error('private stream: authentication refused; not retrying', { error: message });
    this.stopped = true;
    this.conn = null;
    clearTimeout(this.retryTimer);
    this.settleReady?.reject(error);
    this.settleReady = null;
    this.emitStatus({ state: 'failed', error });
    void closeSocket(conn.ws).then(() => this.emitStatus({ state: 'closed' }));
  }

  private onTable(conn: Connection, message: TableMessage): void {
    const result = this.tables.apply(message);
    if (result.kind === 'invalid') {
      this.opts.log.warn('private stream: malformed frame skipped', { reason: result.reason });
      return;
    }
    if (result.kind === 'update') {
      const u = result.update;
      if (u.table === 'order') this.emit(() => this.opts.onOrder?.(u.update));
      else if (u.table === 'position') this.emit(() => this.opts.onPosition?.(u.update));
      else if (u.table === 'margin') this.emit(() => this.opts.onMargin?.(u.update));
      else {
        if (u.rows.length > 0) this.emit(() => this.opts.onExecution?.(u.rows, u.action));
        for (const fill of u.fills) this.emit(() => this.opts.onFill?.(fill));
      }
    }
    if (message.action === 'partial' && result.kind === 'update' && !conn.ready) {
      conn.partials.add(message.table);
      if (PRIVATE_TABLES.every((t) => conn.partials.has(t))) {
        conn.ready = true;
        this.attempt = 0;
        this.emitStatus({ state: 'ready' });
        this.settleReady?.resolve();
        this.settleReady = null;
      }
    }
  }

  private armSilenceTimer(conn: Connection): void {
    clearTimeout(conn.silenceTimer);
    conn.silenceTimer = setTimeout(() => {
      if (!conn.pinged) {
        conn.pinged = true;
        if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send('ping');
        this.armSilenceTimer(conn);
      } else {
        this.opts.log.warn('private stream silent after ping; reconnecting', { url: this.opts.url });
        conn.ws.terminate();
      }
    }, this.opts.livenessMs ?? 5_000);
  }

  private emitStatus(status: PrivateStreamStatus): void {
    this.emit(() => this.opts.onStatus?.(status));
  }

  /** A throwing callback must not kill the socket's event loop: it is logged and the stream goes on. */
  private emit(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.opts.log.error('private stream: callback threw', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
    setTimeout(() => ws.terminate(), 1_000).unref();
  });
}
