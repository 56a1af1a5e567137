import { createHmac, timingSafeEqual } from 'node:crypto';

/** What BitMEX signs: one REST request or the WebSocket handshake (`GET /realtime`). */
export interface SignedRequest {
  /** HTTP verb, upper case (`GET`, `POST`, `PUT`, `DELETE`). */
  verb: string;
  /** Path with its query string exactly as sent, e.g. `/api/v1/order?symbol=XBTUSD`. */
  path: string;
  /** Expiry, unix seconds UTC: the exchange refuses the request after it. */
  expires: number;
  /** Request body exactly as sent (`''` for none). */
  body?: string;
}

/**
 * BitMEX's request signature: `hex(HMAC_SHA256(secret, verb + path + expires + body))`
 * (the published examples are in `../shared/fixtures/bitmex/auth_signature_vectors.json`).
 * The secret is used and forgotten; callers must never log it.
 */
export function signRequest(secret: string, req: SignedRequest): string {
  return createHmac('sha256', secret)
    .update(`${req.verb.toUpperCase()}${req.path}${req.expires}${req.body ?? ''}`)
    .digest('hex');
}

/** The WebSocket handshake signature (`GET/realtime` + expires). */
export const signRealtime = (secret: string, expires: number): string =>
  signRequest(secret, { verb: 'GET', path: '/realtime', expires });

/** Constant-time check of a presented hex signature (the simulator's side of {@link signRequest}). */
export function signatureMatches(secret: string, req: SignedRequest, presentedHex: string): boolean {
  const expected = Buffer.from(signRequest(secret, req), 'hex');
  const presented = /^[0-9a-fA-F]{64}$/.test(presentedHex) ? Buffer.from(presentedHex, 'hex') : Buffer.alloc(0);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
