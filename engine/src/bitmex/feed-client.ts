import WebSocket from 'ws';
import type { Logger } from '../log.js';
import { type FeedMessage, parseFrame } from './messages.js';

export interface FeedClientOptions {
  url: string;
  /** Topics such as `trade:XBTUSD`; re-sent on every reconnect. */
  topics: readonly string[];
  log: Logger;
  onMessage: (message: FeedMessage) => void;
  /** Optional: receives each text frame verbatim, before it is parsed (e.g. to record a feed). */
  onRaw?: (text: string) => void;
  /** Called on every (re)connect, before the new partials: drop state built from the old socket. */
  onReconnect?: () => void;
  /** Silence before we send `ping`, and again before we give up on the socket. @default 5000 */
  livenessMs?: number;
  /** Backoff bounds for reconnects. @default 250 / 10000 */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface FeedClient {
  /**
   * Unsubscribes and subscribes `topics` again on the live socket, so the exchange sends a fresh
   * partial (how a crossed or inconsistent book is rebuilt without dropping the connection).
   */
  resubscribe(topics: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * A resilient BitMEX realtime connection: subscribes, keeps the socket alive with text
 * `ping`/`pong` (ping after `livenessMs` of silence, reconnect after as long again), and
 * reconnects with capped exponential backoff and full jitter, re-subscribing each time.
 */
export function connectFeed(opts: FeedClientOptions): FeedClient {
  const liveness = opts.livenessMs ?? 5_000;
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let silenceTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let pinged = false;

  const armSilenceTimer = (ws: WebSocket) => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      if (!pinged) {
        pinged = true;
        ws.send('ping');
        armSilenceTimer(ws);
      } else {
        opts.log.warn('feed silent after ping; reconnecting', { url: opts.url });
        ws.terminate();
      }
    }, liveness);
  };

  const open = () => {
    if (closed) return;
    const ws = new WebSocket(opts.url, { handshakeTimeout: 10_000 });
    socket = ws;
    ws.on('open', () => {
      opts.log.info('feed connected', { url: opts.url, topics: opts.topics.length });
      opts.onReconnect?.();
      ws.send(JSON.stringify({ op: 'subscribe', args: opts.topics }));
      armSilenceTimer(ws);
    });
    ws.on('message', (data, isBinary) => {
      pinged = false;
      armSilenceTimer(ws);
      if (isBinary) return;
      const text = data.toString();
      opts.onRaw?.(text);
      const message = parseFrame(text);
      if (message.kind === 'table' && message.message.action === 'partial') attempt = 0;
      opts.onMessage(message);
    });
    ws.on('error', (err) => opts.log.warn('feed socket error', { url: opts.url, error: err.message }));
    ws.on('close', () => {
      clearTimeout(silenceTimer);
      if (closed) return;
      const delay = Math.random() * Math.min(maxBackoff, minBackoff * 2 ** attempt);
      attempt += 1;
      opts.log.warn('feed disconnected; reconnecting', { inMs: Math.round(delay), attempt });
      retryTimer = setTimeout(open, delay);
    });
  };
  open();

  return {
    resubscribe(topics) {
      if (socket?.readyState !== WebSocket.OPEN || topics.length === 0) return;
      socket.send(JSON.stringify({ op: 'unsubscribe', args: topics }));
      socket.send(JSON.stringify({ op: 'subscribe', args: topics }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        clearTimeout(silenceTimer);
        clearTimeout(retryTimer);
        if (!socket || socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
        setTimeout(() => socket?.terminate(), 1_000).unref();
      }),
  };
}
