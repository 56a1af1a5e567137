/**
 * BitMEX's authenticated REST API under `/api/v1` (notes §2): rate limit, API-key auth, then the
 * order, position, margin and execution routes, replying in BitMEX's row and error shapes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Row } from '../tables.js';
import type { AccountState } from './account-state.js';
import { authenticate } from './auth.js';
import type { DeadMansSwitch } from './dead-man.js';
import { BitmexHttpError, invalid } from './errors.js';
import type { PrivateExchange } from './exchange.js';
import { readBody, requestParams, sendJson } from './http-io.js';
import {
  AmendOrderParams,
  CancelAllAfterParams,
  CancelAllParams,
  CancelOrderParams,
  ListParams,
  MarginParams,
  PlaceOrderParams,
  toNewOrder,
} from './order-params.js';
import { isOpen } from './order-rows.js';
import { listRows, matchesFilter } from './queries.js';
import type { RateLimiter } from './rate-limit.js';

/** What the routes work with. */
export interface RestContext {
  exchange: PrivateExchange;
  /** The account and secret of an API key id. */
  lookup(apiKey: string): { account: AccountState; secret: string } | undefined;
  limiter: RateLimiter;
  deadMan: DeadMansSwitch;
  /** Symbols of the tradable markets. */
  symbols: ReadonlySet<string>;
}

/** The REST prefix. */
export const API_PREFIX = '/api/v1';

/**
 * Serves one `/api/v1` request. Every reply carries `x-ratelimit-limit`, `x-ratelimit-remaining`
 * and `x-ratelimit-reset`; a 429 adds `Retry-After`.
 */
export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawPath = req.url ?? '/';
  const verb = (req.method ?? 'GET').toUpperCase();
  let headers: Record<string, string | number> = {};
  try {
    const body = await readBody(req);
    const apiKey = header(req, 'api-key');
    const rate = ctx.limiter.take(apiKey ?? `ip:${req.socket.remoteAddress ?? ''}`);
    headers = {
      'x-ratelimit-limit': rate.limit,
      'x-ratelimit-remaining': rate.remaining,
      'x-ratelimit-reset': rate.resetSec,
    };
    if (!rate.allowed) {
      const message = `Rate limit exceeded, retry in ${rate.retryAfterSec} seconds.`;
      sendJson(
        res,
        429,
        { error: { message, name: 'RateLimitError' } },
        { ...headers, 'retry-after': rate.retryAfterSec },
      );
      return;
    }
    const creds = { apiKey, expires: header(req, 'api-expires'), signature: header(req, 'api-signature') };
    const auth = authenticate(ctx.lookup, creds, { verb, path: rawPath, body });
    if (!auth.ok) throw new BitmexHttpError(401, auth.message, 'HTTPError');
    const url = new URL(rawPath, 'http://localhost');
    const params = requestParams(url, body, req.headers['content-type']);
    const route = url.pathname.slice(API_PREFIX.length).replace(/\/$/, '');
    sendJson(res, 200, dispatch(ctx, auth.account, `${verb} ${route}`, params), headers);
  } catch (e) {
    if (e instanceof BitmexHttpError) sendJson(res, e.status, e.body(), headers);
    else if (e instanceof z.ZodError) sendJson(res, 400, invalid(zodMessage(e)).body(), headers);
    else sendJson(res, 500, { error: { message: String(e), name: 'Error' } }, headers);
  }
}

function dispatch(ctx: RestContext, acct: AccountState, route: string, params: Record<string, unknown>): unknown {
  const { exchange } = ctx;
  switch (route) {
    case 'POST /order': {
      const p = PlaceOrderParams.parse(params);
      const inst = instrumentOf(ctx, p.symbol);
      return exchange.row(exchange.place(acct, toNewOrder(p, inst)));
    }
    case 'PUT /order': {
      const p = AmendOrderParams.parse(params);
      if ((p.orderID === undefined) === (p.origClOrdID === undefined)) {
        throw invalid('Invalid amend: give exactly one of orderID, origClOrdID');
      }
      const { orderID, origClOrdID, ...change } = p;
      return exchange.row(exchange.amend(acct, { orderID, clOrdID: origClOrdID }, change));
    }
    case 'DELETE /order': {
      const p = CancelOrderParams.parse(params);
      const ids = p.orderID ?? [];
      const clIds = p.clOrdID ?? [];
      if (ids.length === 0 && clIds.length === 0) throw invalid('Invalid request: give orderID or clOrdID');
      return exchange.cancel(acct, ids, clIds, p.text);
    }
    case 'DELETE /order/all': {
      const p = CancelAllParams.parse(params);
      if (p.symbol !== undefined) instrumentOf(ctx, p.symbol);
      const text = `Canceled: ${p.text ?? 'Canceled via API.'}`;
      const filter = p.filter ?? {};
      return exchange.cancelAll(
        acct,
        (o) => (p.symbol === undefined || o.symbol === p.symbol) && matchesFilter(exchange.row(o), filter),
        text,
      );
    }
    case 'POST /order/cancelAllAfter': {
      const p = CancelAllAfterParams.parse(params);
      return ctx.deadMan.arm(acct.account, p.timeout);
    }
    case 'GET /order': {
      const p = ListParams.parse(params);
      const wantOpen = p.filter?.open === true || p.filter?.open === 'true';
      const orders = wantOpen ? acct.orders.filter(isOpen) : acct.orders;
      return listRows(
        orders.map((o) => exchange.row(o)),
        p,
        'timestamp',
        ['open'],
      );
    }
    case 'GET /position': {
      const p = ListParams.parse(params);
      const rows = [...acct.positions.keys()].map((s) => acct.positionRow(s)).filter((r): r is Row => !!r);
      return listRows(rows, p, 'timestamp');
    }
    case 'GET /user/margin': {
      const p = MarginParams.parse(params);
      const currency = p.currency ?? 'XBt';
      return currency === 'all' ? [...acct.wallets.keys()].map((c) => acct.marginRow(c)) : acct.marginRow(currency);
    }
    case 'GET /execution/tradeHistory': {
      const p = ListParams.parse(params);
      return listRows(acct.trades, p, 'transactTime');
    }
    default:
      throw new BitmexHttpError(404, 'Not Found', 'HTTPError');
  }
}

function instrumentOf(ctx: RestContext, symbol: string) {
  if (!ctx.symbols.has(symbol)) throw invalid(`Invalid symbol: ${symbol}`);
  return ctx.exchange.market.instrument(symbol);
}

/** One request header as a string (the first, if repeated). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** BitMEX-style message for a parameter that failed validation: `Invalid <name>`. */
function zodMessage(e: z.ZodError): string {
  const issue = e.issues[0];
  const field = issue?.path[0];
  return field === undefined ? `Invalid request: ${issue?.message ?? 'bad parameters'}` : `Invalid ${String(field)}`;
}
