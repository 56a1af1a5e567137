import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Instrument } from '../market/instruments.js';
import { type BitmexTradeRow, MarketModel } from './model.js';

export interface SimulatorOptions {
  /** Loopback port; 0 picks a free one. */
  port: number;
  host?: string;
  seed: number;
  instruments: readonly Instrument[];
  /** Simulated milliseconds per real millisecond. 1 = real time. @default 1 */
  speed?: number;
  /** Real milliseconds between model steps. @default 100 */
  stepMs?: number;
  /** Mean trades per simulated second per market. */
  tradesPerSecond?: number;
}

export interface RunningSimulator {
  /** `ws://host:port/realtime`, the URL a BitMEX client connects to. */
  readonly url: string;
  readonly model: MarketModel;
  /** Closes every client socket (the server keeps listening): lets tests cut a feed mid-stream. */
  dropConnections(): void;
  close(): Promise<void>;
}

const TRADE_TYPES = {
  timestamp: 'timestamp',
  symbol: 'symbol',
  side: 'symbol',
  size: 'long',
  price: 'float',
  tickDirection: 'symbol',
  trdMatchID: 'guid',
  grossValue: 'long',
  homeNotional: 'float',
  foreignNotional: 'float',
} as const;

/** How many recent prints a `trade` partial carries. */
const PARTIAL_TRADES = 20;

const Command = z.object({
  op: z.string(),
  args: z.union([z.string(), z.array(z.unknown())]).optional(),
});

/**
 * A local stand-in for BitMEX's realtime WebSocket API (the `trade` table for now), so `npm start`
 * and the tests run offline. It speaks the real protocol: welcome frame, per-topic acks and
 * errors in BitMEX's shapes, `partial` then `insert` rows, and text ping/pong.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const speed = opts.speed ?? 1;
  const stepMs = opts.stepMs ?? 100;
  const model = new MarketModel({
    seed: opts.seed,
    startMs: Date.now(),
    instruments: opts.instruments,
    ...(opts.tradesPerSecond === undefined ? {} : { tradesPerSecond: opts.tradesPerSecond }),
  });
  const symbols = new Set(opts.instruments.map((i) => i.symbol));
  const recent = new Map<string, BitmexTradeRow[]>();
  const subscriptions = new Map<WebSocket, Set<string>>();

  const http: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, path: '/realtime' });

  wss.on('connection', (socket, req) => {
    subscriptions.set(socket, new Set());
    send(socket, {
      info: 'Welcome to the BitMEX Realtime API.',
      version: '2.0.0',
      timestamp: new Date(model.nowMs).toISOString(),
      docs: 'http://localhost/app/wsAPI',
      heartbeatEnabled: false,
      limit: { remaining: 719 },
    });
    const initial = new URL(req.url ?? '/', 'http://localhost').searchParams.get('subscribe');
    if (initial) subscribe(socket, initial.split(','), { op: 'subscribe', args: initial.split(',') });
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text === 'ping') {
        socket.send('pong');
        return;
      }
      handleCommand(socket, text);
    });
    socket.on('close', () => subscriptions.delete(socket));
    socket.on('error', () => subscriptions.delete(socket));
  });

  function handleCommand(socket: WebSocket, text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      request = {};
    }
    const parsed = Command.safeParse(request);
    if (!parsed.success) {
      sendError(socket, 400, "Unrecognized request. See the docs or send 'help' for more details.", {});
      return;
    }
    const { op, args } = parsed.data;
    const topics = (Array.isArray(args) ? args : args === undefined ? [] : [args]).map(String);
    if (op === 'subscribe') subscribe(socket, topics, parsed.data);
    else if (op === 'unsubscribe') unsubscribe(socket, topics, parsed.data);
    else sendError(socket, 400, `Unknown or unsupported op: ${op}`, parsed.data);
  }

  function subscribe(socket: WebSocket, topics: string[], request: unknown): void {
    const subs = subscriptions.get(socket);
    if (!subs) return;
    for (const topic of topics) {
      const [table, symbol = '*'] = topic.split(':');
      if (table !== 'trade') {
        sendError(socket, 400, `Unknown table: ${table}`, request);
        continue;
      }
      if (symbol !== '*' && !symbols.has(symbol)) {
        sendError(socket, 400, `Unknown symbol: ${symbol}`, request);
        continue;
      }
      if (subs.has(topic)) {
        sendError(socket, 400, 'You are already subscribed to this topic', request);
        continue;
      }
      subs.add(topic);
      send(socket, { success: true, subscribe: topic, request });
      const rows = symbol === '*' ? [...recent.values()].flat() : [...(recent.get(symbol) ?? [])];
      send(socket, {
        table: 'trade',
        action: 'partial',
        keys: [],
        types: TRADE_TYPES,
        foreignKeys: { symbol: 'instrument', side: 'side' },
        attributes: { timestamp: 'sorted', symbol: 'grouped' },
        filter: symbol === '*' ? {} : { symbol },
        data: rows,
      });
    }
  }

  function unsubscribe(socket: WebSocket, topics: string[], request: unknown): void {
    const subs = subscriptions.get(socket);
    for (const topic of topics) {
      if (subs?.delete(topic)) send(socket, { success: true, unsubscribe: topic, request });
      else sendError(socket, 400, `You are not subscribed to ${topic}`, request);
    }
  }

  function publishTrades(rows: BitmexTradeRow[]): void {
    if (rows.length === 0) return;
    const bySymbol = new Map<string, BitmexTradeRow[]>();
    for (const row of rows) {
      const list = bySymbol.get(row.symbol) ?? [];
      list.push(row);
      bySymbol.set(row.symbol, list);
      const kept = recent.get(row.symbol) ?? [];
      kept.push(row);
      if (kept.length > PARTIAL_TRADES) kept.splice(0, kept.length - PARTIAL_TRADES);
      recent.set(row.symbol, kept);
    }
    for (const [socket, subs] of subscriptions) {
      if (subs.has('trade:*') || subs.has('trade')) {
        send(socket, { table: 'trade', action: 'insert', data: rows });
        continue;
      }
      for (const [symbol, list] of bySymbol) {
        if (subs.has(`trade:${symbol}`)) send(socket, { table: 'trade', action: 'insert', data: list });
      }
    }
  }

  // Drive the model from the wall clock so `speed` means simulated ms per real ms, even when a
  // timer fires late under load.
  let lastReal = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const simMs = Math.max(1, Math.round((now - lastReal) * speed));
    lastReal = now;
    publishTrades(model.step(simMs));
  }, stepMs);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host ?? '127.0.0.1', resolve);
  });
  const address = http.address() as AddressInfo;

  return {
    url: `ws://${opts.host ?? '127.0.0.1'}:${address.port}/realtime`,
    model,
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    async close() {
      clearInterval(timer);
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function sendError(socket: WebSocket, status: number, error: string, request: unknown): void {
  send(socket, { status, error, meta: {}, request });
}
