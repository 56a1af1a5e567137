import type { IncomingHttpHeaders } from 'node:http';
import { KEY_COOKIE, parseCookies } from './cookies.js';

/**
 * The API key a request presents, first found of: graphql-ws `connectionParams`
 * (`{"x-api-key": KEY}` or `{"authorization": "Bearer KEY"}`), the `x-api-key` header,
 * `Authorization: Bearer KEY`, and the sign-in cookie `hm_key`. The cookie counts only when the
 * request is same-origin (no `Origin` header, or one naming this host): a belt to SameSite=Strict's
 * braces against other sites' pages, WebSockets included. Null when there is none.
 */
export function presentedKey(
  headers: IncomingHttpHeaders,
  connectionParams?: Readonly<Record<string, unknown>> | undefined,
): string | null {
  const fromParams = connectionParams && paramValue(connectionParams, ['x-api-key', 'authorization']);
  const candidates = [
    fromParams === undefined ? null : fromAuthorizationOrKey(fromParams),
    firstHeader(headers['x-api-key'])?.trim() || null,
    bearer(firstHeader(headers.authorization)),
    sameOrigin(headers) ? parseCookies(headers.cookie).get(KEY_COOKIE) || null : null,
  ];
  return candidates.find((c) => c !== null) ?? null;
}

/** A connection parameter by case-insensitive name, as a string. */
function paramValue(params: Readonly<Record<string, unknown>>, names: string[]): string | undefined {
  for (const [name, value] of Object.entries(params)) {
    if (names.includes(name.toLowerCase()) && typeof value === 'string') return value;
  }
  return undefined;
}

/** `Bearer KEY` or the bare key. */
function fromAuthorizationOrKey(value: string): string | null {
  return bearer(value) ?? (value.trim() || null);
}

function bearer(value: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1] ?? null;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = firstHeader(headers.origin);
  if (!origin) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}
