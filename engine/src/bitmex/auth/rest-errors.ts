import { z } from 'zod';

/** Where an error came from: enough to find the call, never a header or the secret. */
export interface ErrorContext {
  verb: string;
  /** Path with its query string, as signed. */
  path: string;
  /** 1-based attempt of the call that produced this error. */
  attempt: number;
}

/**
 * A failed BitMEX call. `status` is the HTTP status (0 when no response arrived), `name` is the
 * exchange's error name (`ValidationError`, `HTTPError`, ...) when it sent one, else the class
 * name, and `message` is the exchange's own message. Subclasses let callers branch with `instanceof`.
 */
export class BitmexApiError extends Error {
  readonly status: number;
  readonly verb: string;
  readonly path: string;
  readonly attempt: number;

  constructor(
    status: number,
    message: string,
    ctx: ErrorContext,
    exchangeName?: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = status;
    this.verb = ctx.verb;
    this.path = ctx.path;
    this.attempt = ctx.attempt;
    this.name = exchangeName ?? new.target.name;
  }
}

/** 400: the exchange refused the request's content (e.g. "Invalid orderQty", "Duplicate clOrdID"). */
export class BitmexValidationError extends BitmexApiError {}
/** 401: bad key or signature, or an expired request ("Signature not valid.", "This request has expired"). */
export class BitmexAuthError extends BitmexApiError {}
/** 403: the key lacks the permission, or the account or IP is banned. */
export class BitmexForbiddenError extends BitmexApiError {}
/** 404: no such route or object. */
export class BitmexNotFoundError extends BitmexApiError {}

/** 429: rate limited; `retryAfterSec` is what the exchange asked us to wait (s). */
export class BitmexRateLimitError extends BitmexApiError {
  readonly retryAfterSec: number;
  constructor(message: string, ctx: ErrorContext, retryAfterSec: number, exchangeName?: string | undefined) {
    super(429, message, ctx, exchangeName);
    this.retryAfterSec = retryAfterSec;
  }
}

/** 503: "The system is currently overloaded": the request did not reach the matching engine. */
export class BitmexOverloadedError extends BitmexApiError {}

/** No HTTP response (connection refused, reset, timeout): the request may or may not have arrived. */
export class BitmexNetworkError extends BitmexApiError {
  constructor(message: string, ctx: ErrorContext, cause: unknown) {
    super(0, message, ctx, undefined, { cause });
  }
}

/** A 2xx response whose body is not what the route returns (not JSON, or rows that fail validation). */
export class BitmexMalformedResponseError extends BitmexApiError {}

/** Our side refused to send the request: its arguments are invalid (nothing reached the exchange). */
export class BitmexInvalidRequestError extends Error {
  override name = 'BitmexInvalidRequestError';
}

/** The exchange's error: its message and, usually, a name such as `ValidationError`. */
export interface ExchangeError {
  message: string;
  name?: string | undefined;
}

const ErrorBody = z.object({
  error: z.object({ message: z.string(), name: z.string().optional() }),
});

/** The exchange's `{"error":{"message","name"}}`, or the raw text (clipped) when it is not that shape. */
export function parseErrorBody(text: string, statusText: string): ExchangeError {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  const raw = text.trim();
  return { message: raw ? (raw.length > 200 ? `${raw.slice(0, 200)}…` : raw) : statusText || 'no message' };
}

/** Builds the typed error for an HTTP error response. `retryAfterSec` is used for 429 only. */
export function errorForStatus(
  status: number,
  body: ExchangeError,
  ctx: ErrorContext,
  retryAfterSec: number,
): BitmexApiError {
  const { message, name } = body;
  switch (status) {
    case 400:
      return new BitmexValidationError(status, message, ctx, name);
    case 401:
      return new BitmexAuthError(status, message, ctx, name);
    case 403:
      return new BitmexForbiddenError(status, message, ctx, name);
    case 404:
      return new BitmexNotFoundError(status, message, ctx, name);
    case 429:
      return new BitmexRateLimitError(message, ctx, retryAfterSec, name);
    case 503:
      return new BitmexOverloadedError(status, message, ctx, name);
    default:
      return new BitmexApiError(status, message, ctx, name);
  }
}

/** Replaces every occurrence of `secret` in `text`: a defence in case an exchange ever echoes it. */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}
