import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import { parseJsonExact } from '../json.js';
import { summarise } from '../messages.js';
import {
  AmendOrderInput,
  CancelAllAfterTimeout,
  CancelAllInput,
  CancelOrderInput,
  PlaceOrderInput,
} from './order-requests.js';
import { CancelAllAfterReply, ExecutionRow, MarginRow, OrderRow, PositionRow } from './private-rows.js';
import { RateLimitGate, retryAfterSec } from './rate-limit.js';
import {
  type BitmexApiError,
  BitmexInvalidRequestError,
  BitmexMalformedResponseError,
  BitmexNetworkError,
  BitmexOverloadedError,
  BitmexRateLimitError,
  BitmexValidationError,
  type ErrorContext,
  errorForStatus,
  parseErrorBody,
  redact,
} from './rest-errors.js';
import { signRequest } from './signature.js';

export interface BitmexRestClientOptions {
  /** Origin only, e.g. `https://testnet.bitmex.com` or `http://127.0.0.1:PORT`; paths add `/api/v1/...`. */
  baseUrl: string;
  apiKey: string;
  /** Used only to sign; never logged nor put in an error. */
  apiSecret: string;
  /** How far in the future each request's `api-expires` lies (s). @default 60 */
  expiresInSec?: number;
  /** Waits for backoff and rate limits (ms); inject to record waits in tests. @default real timers */
  delayMs?: (ms: number) => Promise<void>;
  /** Wall clock (unix ms) for `api-expires` and rate-limit resets. @default Date.now */
  nowMs?: () => number;
  /** Attempts per call, the first included, before a 429/503/network error is thrown. @default 4 */
  maxAttempts?: number;
  /** First and largest wait between attempts after a 503 or network failure (ms); BitMEX asks ≥ 500. @default 500 / 8000 */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Per-attempt timeout (ms); a timeout is a network failure. @default 10000 */
  timeoutMs?: number;
  log?: Logger;
}

type Verb = 'GET' | 'POST' | 'PUT' | 'DELETE';
const API = '/api/v1';
const DUPLICATE_CLORDID = /duplicate clordid/i;

/**
 * BitMEX's authenticated REST API (orders, positions, margin), notes §2. Every request is signed
 * (`api-expires`, `api-key`, `api-signature` over verb + path-with-query + expires + exact body),
 * every response validated with zod, every failure a typed {@link BitmexApiError}.
 *
 * Retries: 429 waits `Retry-After`, 503 and network failures back off exponentially (capped), up to
 * `maxAttempts`; an empty rate-limit bucket delays the next request until its reset. A retried
 * `placeOrder` reuses its clOrdID, so an order is never placed twice: if the retry hears
 * "Duplicate clOrdID" (the first attempt did arrive), the existing order is fetched and returned.
 */
export class BitmexRestClient {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly apiSecret: string;
  private readonly expiresInSec: number;
  private readonly delayMs: (ms: number) => Promise<void>;
  private readonly nowMs: () => number;
  private readonly maxAttempts: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly timeoutMs: number;
  private readonly log: Logger | undefined;
  private readonly gate: RateLimitGate;

  constructor(opts: BitmexRestClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    this.apiKey = opts.apiKey;
    this.apiSecret = opts.apiSecret;
    this.expiresInSec = opts.expiresInSec ?? 60;
    this.delayMs = opts.delayMs ?? ((ms) => sleep(ms));
    this.nowMs = opts.nowMs ?? Date.now;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.minBackoffMs = opts.minBackoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 8_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.log = opts.log;
    this.gate = new RateLimitGate(this.nowMs, this.delayMs);
  }

  /** `POST /order`. Resolves with the order row (possibly `ordStatus: 'Rejected'`: BitMEX answers 200). */
  async placeOrder(input: PlaceOrderInput): Promise<OrderRow> {
    const order = validate(PlaceOrderInput, input, 'placeOrder');
    try {
      return await this.call('POST', '/order', undefined, order, OrderRow);
    } catch (err) {
      // Only a retry may hear about its own first attempt; a first-attempt duplicate is the caller's mistake.
      if (err instanceof BitmexValidationError && err.attempt > 1 && DUPLICATE_CLORDID.test(err.message)) {
        const existing = await this.findOrderByClOrdID(order.symbol, order.clOrdID);
        if (existing) {
          this.log?.info('placeOrder retry found its order already placed', { clOrdID: order.clOrdID });
          return existing;
        }
      }
      throw err;
    }
  }

  /** `PUT /order`: new qty, price or stopPx for the order named by `orderID` or `origClOrdID`. */
  async amendOrder(input: AmendOrderInput): Promise<OrderRow> {
    return this.call('PUT', '/order', undefined, validate(AmendOrderInput, input, 'amendOrder'), OrderRow);
  }

  /** `DELETE /order`. A row with `error` set is an order that could not be cancelled (e.g. already filled). */
  async cancelOrder(input: CancelOrderInput): Promise<OrderRow[]> {
    const body = validate(CancelOrderInput, input, 'cancelOrder');
    return this.call('DELETE', '/order', undefined, body, z.array(OrderRow));
  }

  /** `DELETE /order/all`: every open order, or those of one symbol. */
  async cancelAll(input: CancelAllInput = {}): Promise<OrderRow[]> {
    const body = validate(CancelAllInput, input, 'cancelAll');
    return this.call('DELETE', '/order/all', undefined, body, z.array(OrderRow));
  }

  /** `POST /order/cancelAllAfter`: the dead man's switch, `timeoutMs` from now (0 disarms). */
  async cancelAllAfter(timeoutMs: number): Promise<CancelAllAfterReply> {
    const timeout = validate(CancelAllAfterTimeout, timeoutMs, 'cancelAllAfter');
    return this.call('POST', '/order/cancelAllAfter', undefined, { timeout }, CancelAllAfterReply);
  }

  /** `GET /order` with filter `{"open":true}`: open orders, optionally of one symbol (at most 500). */
  async openOrders(symbol?: string): Promise<OrderRow[]> {
    const query: Record<string, string> = symbol ? { symbol } : {};
    Object.assign(query, { filter: JSON.stringify({ open: true }), count: '500' });
    return this.call('GET', '/order', query, undefined, z.array(OrderRow));
  }

  /** The newest order of `symbol` carrying `clOrdID`, or null (how a lost reply is reconciled). */
  async findOrderByClOrdID(symbol: string, clOrdID: string): Promise<OrderRow | null> {
    const query = { symbol, filter: JSON.stringify({ clOrdID }), count: '1', reverse: 'true' };
    const rows = await this.call('GET', '/order', query, undefined, z.array(OrderRow));
    return rows[0] ?? null;
  }

  /** `GET /position`: the account's positions (open and closed ones BitMEX still reports). */
  async positions(): Promise<PositionRow[]> {
    return this.call('GET', '/position', undefined, undefined, z.array(PositionRow));
  }

  /**
   * `GET /execution/tradeHistory`: the account's fills (execType Trade), newest first, at most `count`
   * (≤ 500) since `startTime` (unix ms). How fills made while no stream listened are found.
   */
  async tradeHistory(opts: { symbol?: string; startTimeMs?: number; count?: number } = {}): Promise<ExecutionRow[]> {
    const query: Record<string, string> = { count: String(Math.min(500, opts.count ?? 500)), reverse: 'true' };
    if (opts.symbol) query.symbol = opts.symbol;
    if (opts.startTimeMs !== undefined) query.startTime = new Date(opts.startTimeMs).toISOString();
    return this.call('GET', '/execution/tradeHistory', query, undefined, z.array(ExecutionRow));
  }

  /** `GET /user/margin`: balances in minor units of `currency` (satoshis for XBt, the default). */
  async margin(currency?: string): Promise<MarginRow> {
    return this.call('GET', '/user/margin', currency ? { currency } : undefined, undefined, MarginRow);
  }

  /** One call: signs, sends, retries what may be retried, validates the answer. */
  private async call<S extends z.ZodType>(
    verb: Verb,
    route: string,
    query: Record<string, string> | undefined,
    body: object | undefined,
    schema: S,
  ): Promise<z.infer<S>> {
    const path = `${API}${route}${query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ''}`;
    // The exact string sent is the one signed; the same text is re-sent (re-signed) on each attempt.
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      const ctx: ErrorContext = { verb, path, attempt };
      await this.gate.wait();
      const outcome = await this.attempt(verb, path, bodyText, ctx);
      if (outcome.ok) return decode(outcome.text, schema, ctx, outcome.status, this.apiSecret);
      const error = outcome.error;
      const retryable =
        error instanceof BitmexRateLimitError ||
        error instanceof BitmexOverloadedError ||
        error instanceof BitmexNetworkError;
      if (!retryable || attempt >= this.maxAttempts) throw error;
      const waitMs =
        error instanceof BitmexRateLimitError
          ? error.retryAfterSec * 1000
          : Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (attempt - 1));
      this.log?.warn('bitmex request failed; retrying', {
        verb,
        path,
        status: error.status,
        error: error.message,
        attempt,
        waitMs,
      });
      await this.delayMs(waitMs);
      // Retry-After is the exchange's own answer for when to come back; it supersedes the bucket headers.
      if (error instanceof BitmexRateLimitError) this.gate.clear();
    }
  }

  private async attempt(
    verb: Verb,
    path: string,
    bodyText: string,
    ctx: ErrorContext,
  ): Promise<{ ok: true; status: number; text: string } | { ok: false; error: BitmexApiError }> {
    const expires = Math.floor(this.nowMs() / 1000) + this.expiresInSec;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'api-expires': String(expires),
      'api-key': this.apiKey,
      'api-signature': signRequest(this.apiSecret, { verb, path, expires, body: bodyText }),
    };
    if (bodyText) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: verb,
        headers,
        ...(bodyText ? { body: bodyText } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, error: new BitmexNetworkError(redact(describeNetworkError(err), this.apiSecret), ctx, err) };
    }
    this.gate.observe(res.headers);
    if (res.ok) return { ok: true, status: res.status, text };
    const parsed = parseErrorBody(redact(text, this.apiSecret), res.statusText);
    return { ok: false, error: errorForStatus(res.status, parsed, ctx, retryAfterSec(res.headers, this.nowMs())) };
  }
}

function decode<S extends z.ZodType>(
  text: string,
  schema: S,
  ctx: ErrorContext,
  status: number,
  secret: string,
): z.infer<S> {
  let json: unknown;
  try {
    json = parseJsonExact(text);
  } catch {
    throw new BitmexMalformedResponseError(status, `response is not JSON: ${redact(text.slice(0, 100), secret)}`, ctx);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new BitmexMalformedResponseError(status, `unexpected response: ${summarise(parsed.error)}`, ctx);
  }
  return parsed.data;
}

function validate<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new BitmexInvalidRequestError(`${method}: ${summarise(parsed.error)}`);
  return parsed.data;
}

/** `fetch failed (ECONNREFUSED)`, `The operation was aborted due to timeout`, ... */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${err.message} (${code})` : err.message;
}
