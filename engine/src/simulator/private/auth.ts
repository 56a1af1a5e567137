/**
 * BitMEX API-key authentication (notes §1.5, §2.1): `api-key`, `api-expires` (unix seconds) and
 * `api-signature` = hex(HMAC-SHA256(secret, verb + path + expires + body)), checked with the same
 * code the client signs with. Used by the REST routes and by the realtime handshake / op.
 */
import { signatureMatches } from '../../bitmex/auth/signature.js';

/** Credentials as presented (header, query or op values; any may be missing). */
export interface PresentedCredentials {
  apiKey?: string | undefined;
  expires?: string | number | undefined;
  signature?: string | undefined;
}

/** What was signed: verb, path with query exactly as sent, and the raw body. */
export interface SignedTarget {
  verb: string;
  path: string;
  body: string;
}

/** Authenticated as the account with this secret, or refused with BitMEX's 401 message. */
export type AuthOutcome<A> = { ok: true; account: A } | { ok: false; message: string };

/**
 * Checks presented credentials: known key, integer `expires` not in the past (wall clock), and a
 * signature that matches the key's secret.
 * @param lookup the account and secret of a key id, if the key exists
 */
export function authenticate<A>(
  lookup: (apiKey: string) => { account: A; secret: string } | undefined,
  creds: PresentedCredentials,
  target: SignedTarget,
  nowMs: number = Date.now(),
): AuthOutcome<A> {
  if (!creds.apiKey) return { ok: false, message: 'Missing API key.' };
  const found = lookup(creds.apiKey);
  if (!found) return { ok: false, message: 'Invalid API Key.' };
  const expires = typeof creds.expires === 'number' ? creds.expires : Number(creds.expires ?? Number.NaN);
  if (!Number.isSafeInteger(expires)) return { ok: false, message: 'Missing or invalid api-expires.' };
  const nowSec = Math.floor(nowMs / 1000);
  if (expires < nowSec) {
    return { ok: false, message: `This request has expired - \`expires\` is in the past. Current time: ${nowSec}` };
  }
  const signed = { verb: target.verb, path: target.path, expires, body: target.body };
  if (!signatureMatches(found.secret, signed, creds.signature ?? ''))
    return { ok: false, message: 'Signature not valid.' };
  return { ok: true, account: found.account };
}
