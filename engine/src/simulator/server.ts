import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { type Instrument, ticksToPrice } from '../market/instruments.js';
import type { BookSnapshot } from './book.js';
import { TableFeed } from './feed.js';
import type { InstrumentRow } from './instrument-state.js';
import { MarketModel, TICK_MS } from './model.js';
import type { SimulatorAccount } from './private/accounts.js';
import { isPrivateTable } from './private/schemas.js';
import { type AccountHooks, PrivateVenue } from './private/venue.js';
import { isTableName, type TableMessage, type TableName } from './tables.js';

export { defaultTestAccount, type SimulatorAccount } from './private/accounts.js';
export type { AccountHooks } from './private/venue.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Loopback port; 0 picks a free one. */
  port: number;
  host?: string;
  seed: number;
  instruments: readonly Instrument[];
  /** Simulated milliseconds per real millisecond. 1 = real time; effectively capped near 150. @default 1 */
  speed?: number;
  /** Real milliseconds between model steps. @default 100 */
  stepMs?: number;
  /** Mean liquidity-taking orders per simulated second per market. @default 4 */
  tradesPerSecond?: number;
  /** Simulated clock start, unix ms UTC. @default the wall clock at start */
  startMs?: number;
  /** Target resting levels per book side. @default 150 */
  bookLevels?: number;
  /** Start with the clock stopped (tests: connect and subscribe first, then `resume()` or `advance()`). @default false */
  paused?: boolean;
  /**
   * Accounts that may trade over REST (`/api/v1`) and read the account-locked realtime tables.
   * @default one account, `defaultTestAccount()` (private/accounts.ts)
   */
  accounts?: SimulatorAccount[];
  /** REST rate limit per API key (token bucket), requests per minute. @default 120 */
  rateLimitPerMinute?: number;
}

/** A started simulator: its URL, its model, and hooks for tests. */
export interface RunningSimulator {
  /** `ws://host:port/realtime`, the URL a BitMEX client connects to. */
  readonly url: string;
  /** `http://host:port`, the REST origin (like `https://www.bitmex.com`): routes live under `/api/v1`. */
  readonly restUrl: string;
  readonly model: MarketModel;
  /** Closes every client socket (the server keeps listening): lets tests cut a feed mid-stream. */
  dropConnections(): void;
  close(): Promise<void>;
  /** Test hook: the market's full book, best level first, `[price, size]` (quote currency, contracts). */
  bookSnapshot(symbol: string): BookSnapshot;
  /** Test hook: the current full `instrument` row of a market or index (`.BXBT`, `.BETH`). */
  instrumentRow(symbol: string): InstrumentRow;
  /**
   * Test hook: stops the clock and publishes everything throttling held back, so once a client
   * has seen a later reply (e.g. `pong` to its `ping`) its tables equal the simulator's state.
   */
  pause(): void;
  /** Test hook: restarts the clock (simulated time continues from where it stopped). */
  resume(): void;
  /** Test hook: advances simulated time by `simMs` now, publishing what happens (works while paused). */
  advance(simMs: number): void;
  /** Test hook: an account's orders, positions, margin and executions as the exchange holds them now. */
  account(apiKey: string): AccountHooks;
}

/**
 * Ticks one timer callback may run (≈ 0.3 ms of CPU each): beyond it simulated time slips behind
 * the wall clock instead of blocking the event loop, so speeds above ~150 (at the default 100 ms
 * step) run slower than asked.
 */
const MAX_TICKS_PER_STEP = 150;

const Command = z.object({
  op: z.string(),
  // A number is `cancelAllAfter`'s bare timeout.
  args: z.union([z.string(), z.number(), z.array(z.unknown())]).optional(),
});

/**
 * A local stand-in for BitMEX's realtime WebSocket API, so `npm start` and the tests run offline.
 * Tables: `trade`, `orderBookL2`, `orderBookL2_25`, `instrument` (markets and their indices) and
 * `funding`. It speaks the real protocol: welcome frame, per-topic acks and errors in BitMEX's
 * shapes, `partial` then deltas, and text ping/pong. Same seed and start → same frames.
 *
 * It also trades (private/): API-key accounts place, amend and cancel orders over REST under
 * `/api/v1`, authenticate on `/realtime` and read the account-locked `order`, `execution`,
 * `position` and `margin` tables, and arm `cancelAllAfter`. Their orders match against the
 * simulated market without changing it, so the public frames stay the same with or without them.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const speed = opts.speed ?? 1;
  const stepMs = opts.stepMs ?? 100;
  const model = new MarketModel({
    seed: opts.seed,
    startMs: opts.startMs ?? Date.now(),
    instruments: opts.instruments,
    ...(opts.tradesPerSecond === undefined ? {} : { tradesPerSecond: opts.tradesPerSecond }),
    ...(opts.bookLevels === undefined ? {} : { bookLevels: opts.bookLevels }),
  });
  const feed = new TableFeed(model);
  const venue = new PrivateVenue({
    model,
    seed: opts.seed,
    accounts: opts.accounts,
    rateLimitPerMinute: opts.rateLimitPerMinute,
  });
  const subscriptions = new Map<WebSocket, Set<string>>();

  const http: Server = createServer((req, res) => {
    if (venue.handlesHttp(req.url)) venue.handleHttp(req, res);
    else res.writeHead(404).end();
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
    venue.tables.connect(socket, req);
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
    const forget = () => {
      subscriptions.delete(socket);
      venue.tables.disconnect(socket);
    };
    socket.on('close', forget);
    socket.on('error', forget);
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
    else if (!venue.tables.handleOp(socket, op, args, parsed.data)) {
      sendError(socket, 400, `Unknown or unsupported op: ${op}`, parsed.data);
    }
  }

  function subscribe(socket: WebSocket, topics: string[], request: unknown): void {
    const subs = subscriptions.get(socket);
    if (!subs) return;
    for (const topic of topics) {
      const [table = '', symbol = '*'] = topic.split(':');
      if (isPrivateTable(table)) {
        venue.tables.subscribe(socket, table, symbol, topic, request);
        continue;
      }
      if (!isTableName(table)) {
        sendError(socket, 400, `Unknown table: ${table}`, request);
        continue;
      }
      if (symbol !== '*' && !feed.symbolsOf(table).includes(symbol)) {
        sendError(socket, 400, `Unknown symbol: ${symbol}`, request);
        continue;
      }
      if (subs.has(topic)) {
        sendError(socket, 400, 'You are already subscribed to this topic', request);
        continue;
      }
      subs.add(topic);
      send(socket, { success: true, subscribe: topic, request });
      send(socket, feed.partial(table, symbol === '*' ? undefined : symbol));
    }
  }

  function unsubscribe(socket: WebSocket, topics: string[], request: unknown): void {
    const subs = subscriptions.get(socket);
    for (const topic of topics) {
      if (subs?.delete(topic) || venue.tables.unsubscribe(socket, topic)) {
        send(socket, { success: true, unsubscribe: topic, request });
      } else sendError(socket, 400, `You are not subscribed to ${topic}`, request);
    }
  }

  /** Sends each frame to every socket subscribed to its table: whole, or only the rows of its symbols. */
  function publish(messages: readonly TableMessage[]): void {
    for (const message of messages) {
      const table = message.table as TableName;
      let whole: string | undefined;
      for (const [socket, subs] of subscriptions) {
        if (subs.size === 0) continue;
        if (subs.has(table) || subs.has(`${table}:*`)) {
          whole ??= JSON.stringify(message);
          sendText(socket, whole);
          continue;
        }
        const rows = message.data.filter((row) => subs.has(`${table}:${String(row.symbol)}`));
        if (rows.length > 0) sendText(socket, JSON.stringify({ ...message, data: rows }));
      }
    }
  }

  // Drive the model from the wall clock so `speed` means simulated ms per real ms, even when a
  // timer fires late under load. The model runs fixed ticks, so what it publishes does not depend
  // on how the wall clock slices time.
  let paused = opts.paused ?? false;
  let lastReal = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const simMs = Math.min((now - lastReal) * speed, MAX_TICKS_PER_STEP * TICK_MS);
    lastReal = now;
    if (!paused) publish(feed.advance(simMs));
    venue.flush();
  }, stepMs);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host ?? '127.0.0.1', resolve);
  });
  const address = http.address() as AddressInfo;

  return {
    url: `ws://${opts.host ?? '127.0.0.1'}:${address.port}/realtime`,
    restUrl: `http://${opts.host ?? '127.0.0.1'}:${address.port}`,
    model,
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    async close() {
      clearInterval(timer);
      venue.close();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
    bookSnapshot(symbol) {
      const tick = model.tickSize(symbol);
      return model.book(symbol).snapshot((ticks) => ticksToPrice(ticks, tick));
    },
    instrumentRow(symbol) {
      return model.instrumentRow(symbol);
    },
    pause() {
      paused = true;
      publish(feed.flush());
      venue.flush();
    },
    resume() {
      paused = false;
      lastReal = Date.now();
    },
    advance(simMs) {
      publish(feed.advance(simMs));
      venue.flush();
    },
    account(apiKey) {
      return venue.account(apiKey);
    },
  };
}

function send(socket: WebSocket, message: unknown): void {
  sendText(socket, JSON.stringify(message));
}

function sendText(socket: WebSocket, text: string): void {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

function sendError(socket: WebSocket, status: number, error: string, request: unknown): void {
  send(socket, { status, error, meta: {}, request });
}
