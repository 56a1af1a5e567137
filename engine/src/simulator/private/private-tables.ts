/**
 * The account-locked side of `/realtime` (notes §1.5, §1.7, §1.16): authentication (connect
 * headers, query string or the `authKeyExpires` op), the `cancelAllAfter` op, and subscriptions to
 * `order`, `execution`, `position` and `margin` (whole or `table:SYMBOL`): ack, `partial` of the
 * account's rows, then the account's inserts and updates.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Row } from '../tables.js';
import type { AccountState } from './account-state.js';
import { authenticate } from './auth.js';
import type { DeadMansSwitch } from './dead-man.js';
import type { PrivateExchange } from './exchange.js';
import { withoutNulls } from './order-rows.js';
import { ACCOUNT_LOCKED_TABLES, type PrivateMessage, type PrivateTableName, privatePartial } from './schemas.js';

/** What the realtime side works with. */
export interface RealtimeContext {
  exchange: PrivateExchange;
  lookup(apiKey: string): { account: AccountState; secret: string } | undefined;
  deadMan: DeadMansSwitch;
  symbols: ReadonlySet<string>;
}

interface Subscription {
  table: PrivateTableName;
  /** Only this market's rows; undefined: all the account's rows. */
  symbol: string | undefined;
}

interface Session {
  account: AccountState | undefined;
  /** By topic as the client spelled it (`order`, `order:*`, `order:XBTUSD`). */
  subs: Map<string, Subscription>;
}

const AuthArgs = z.tuple([z.string(), z.number(), z.string()]);
const TimeoutArgs = z.union([z.number(), z.tuple([z.number()])]).transform((v) => (Array.isArray(v) ? v[0] : v));

/** Per-socket authentication and private subscriptions. */
export class PrivateTables {
  private readonly sessions = new Map<WebSocket, Session>();

  constructor(private readonly ctx: RealtimeContext) {}

  /** A new connection: authenticates it from `api-*` headers or query parameters when it presents them. */
  connect(socket: WebSocket, req: IncomingMessage): void {
    const session: Session = { account: undefined, subs: new Map() };
    this.sessions.set(socket, session);
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const pick = (name: string) => {
      const h = req.headers[name];
      return (Array.isArray(h) ? h[0] : h) ?? query.get(name) ?? undefined;
    };
    const creds = { apiKey: pick('api-key'), expires: pick('api-expires'), signature: pick('api-signature') };
    if (creds.apiKey === undefined && creds.expires === undefined && creds.signature === undefined) return;
    const auth = authenticate(this.ctx.lookup, creds, { verb: 'GET', path: '/realtime', body: '' });
    if (auth.ok) session.account = auth.account;
    else send(socket, { status: 401, error: auth.message, meta: {}, request: {} });
  }

  disconnect(socket: WebSocket): void {
    this.sessions.delete(socket);
  }

  /** Handles `authKeyExpires` and `cancelAllAfter`; false for any other op. */
  handleOp(socket: WebSocket, op: string, args: unknown, request: unknown): boolean {
    const session = this.sessions.get(socket);
    if (!session) return op === 'authKeyExpires' || op === 'cancelAllAfter';
    if (op === 'authKeyExpires') {
      const parsed = AuthArgs.safeParse(args);
      if (!parsed.success) return error(socket, 400, 'authKeyExpires takes [apiKey, expires, signature]', request);
      if (session.account) return error(socket, 400, 'Already authenticated.', request);
      const [apiKey, expires, signature] = parsed.data;
      const auth = authenticate(
        this.ctx.lookup,
        { apiKey, expires, signature },
        { verb: 'GET', path: '/realtime', body: '' },
      );
      if (!auth.ok) return error(socket, 401, auth.message, request);
      session.account = auth.account;
      send(socket, { success: true, request });
      return true;
    }
    if (op === 'cancelAllAfter') {
      if (!session.account) return error(socket, 401, 'Not authenticated: cancelAllAfter needs an API key.', request);
      const parsed = TimeoutArgs.pipe(z.number().int().min(0)).safeParse(args);
      if (!parsed.success) return error(socket, 400, 'cancelAllAfter takes a timeout in ms (0 disarms)', request);
      send(socket, { ...this.ctx.deadMan.arm(session.account.account, parsed.data), request });
      return true;
    }
    return false;
  }

  /** Subscribes to `table` (whole when `symbol` is `*`): ack, then the account's partial. */
  subscribe(socket: WebSocket, table: PrivateTableName, symbol: string, topic: string, request: unknown): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    const account = session.account;
    if (!account) {
      send(socket, {
        status: 401,
        error: 'User requested an account-locked subscription but no authorization was provided.',
        meta: { notes: `Account-locked tables include the following: ${ACCOUNT_LOCKED_TABLES}` },
        request,
      });
      return;
    }
    const filtered = symbol !== '*';
    if (filtered && (table === 'margin' || !this.ctx.symbols.has(symbol))) {
      error(socket, 400, `Unknown symbol: ${symbol}`, request);
      return;
    }
    if (session.subs.has(topic)) {
      error(socket, 400, 'You are already subscribed to this topic', request);
      return;
    }
    const sub = { table, symbol: filtered ? symbol : undefined };
    session.subs.set(topic, sub);
    send(socket, { success: true, subscribe: topic, request });
    const filter = sub.symbol === undefined ? { account: account.account } : { account: account.account, symbol };
    send(socket, privatePartial(table, filter, this.image(account, sub).map(withoutNulls)));
  }

  /** Unsubscribes a private topic; false when the socket never had it. */
  unsubscribe(socket: WebSocket, topic: string): boolean {
    return this.sessions.get(socket)?.subs.delete(topic) ?? false;
  }

  /** Sends one frame of an account to every socket authenticated as it and subscribed to the table. */
  deliver(account: number, message: PrivateMessage): void {
    let whole: string | undefined;
    for (const [socket, session] of this.sessions) {
      if (session.account?.account !== account) continue;
      for (const sub of session.subs.values()) {
        if (sub.table !== message.table) continue;
        if (sub.symbol === undefined) {
          whole ??= JSON.stringify(message);
          sendText(socket, whole);
          continue;
        }
        const rows = message.data.filter((row) => row.symbol === sub.symbol);
        if (rows.length > 0) sendText(socket, JSON.stringify({ ...message, data: rows }));
      }
    }
  }

  /** The rows a partial carries: open orders, no executions (history is `GET /execution/tradeHistory`), positions, margins. */
  private image(account: AccountState, sub: Subscription): Row[] {
    const { exchange } = this.ctx;
    switch (sub.table) {
      case 'order':
        return account.openOrders(sub.symbol).map((o) => exchange.row(o));
      case 'execution':
        return [];
      case 'position':
        return [...account.positions.keys()]
          .filter((s) => sub.symbol === undefined || s === sub.symbol)
          .map((s) => account.positionRow(s))
          .filter((r): r is Row => r !== undefined);
      case 'margin':
        return [...account.wallets.keys()].map((c) => account.marginRow(c));
    }
  }
}

function send(socket: WebSocket, message: unknown): void {
  sendText(socket, JSON.stringify(message));
}

function sendText(socket: WebSocket, text: string): void {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

/** Sends BitMEX's error frame; returns true (the op was handled). */
function error(socket: WebSocket, status: number, message: string, request: unknown): true {
  send(socket, { status, error: message, meta: {}, request });
  return true;
}
