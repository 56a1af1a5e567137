import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@hm/db';
import { findApiKey } from '@hm/engine/auth';
import type { Logger } from '@hm/engine/log';
import { clearedKeyCookie, keyCookie } from './cookies.js';

/** Paths `authRoutes` answers. */
export const AUTH_PATHS: ReadonlySet<string> = new Set(['/auth/signin', '/auth/signout']);

const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/**
 * The browser's sign-in: `GET /auth/signin?key=KEY` checks the key, stores it in the HttpOnly,
 * SameSite=Strict cookie `hm_key` and redirects (303) to the dashboard at `/`; a bad key gets a
 * 401 plain page saying so. `POST /auth/signout` clears the cookie (204). The dashboard's own
 * requests then carry the cookie; no key is ever in its JavaScript.
 */
export function authRoutes(db: Db, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/auth/signout') {
      if (req.method !== 'POST') return plain(res, 405, 'use POST /auth/signout\n', { allow: 'POST' });
      res.writeHead(204, { ...NO_STORE, 'set-cookie': clearedKeyCookie() }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'use GET /auth/signin?key=KEY\n', { allow: 'GET, HEAD' });
    const key = url.searchParams.get('key')?.trim() ?? '';
    let found: Awaited<ReturnType<typeof findApiKey>>;
    try {
      found = key ? await findApiKey(db, key) : null;
    } catch (err) {
      log.warn('sign-in not checked: the database did not answer', { error: err });
      return plain(
        res,
        503,
        'HM Trading: the API key could not be checked (the database did not answer). Try again.\n',
      );
    }
    if (!found) {
      return plain(
        res,
        401,
        [
          'HM Trading: sign-in refused.',
          key ? 'This API key is unknown or has been revoked.' : 'The link has no key (expected /auth/signin?key=KEY).',
          'Restart `npm start` for a fresh dashboard link, or create a key with `npx hm apikey create --scope read`.',
          '',
        ].join('\n'),
      );
    }
    res.writeHead(303, { ...NO_STORE, location: '/', 'set-cookie': keyCookie(key) }).end();
  };
}

function plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...NO_STORE, ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(body);
}
