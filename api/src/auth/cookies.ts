/** The cookie the browser's sign-in stores the key in (HttpOnly: page scripts never see it). */
export const KEY_COOKIE = 'hm_key';
/** How long a sign-in lasts: 30 days (the key itself stays valid until revoked). */
const MAX_AGE_S = 30 * 86_400;

/** `name=value` pairs of a `Cookie` header (values URI-decoded; malformed pairs skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    try {
      out.set(name, decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // not URI-encoded correctly: not ours
    }
  }
  return out;
}

/** `Set-Cookie` storing the key: HttpOnly, SameSite=Strict (never sent by other sites' requests), whole origin. */
export function keyCookie(key: string): string {
  return `${KEY_COOKIE}=${encodeURIComponent(key)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_S}`;
}

/** `Set-Cookie` removing it. */
export function clearedKeyCookie(): string {
  return `${KEY_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
