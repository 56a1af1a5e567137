/**
 * HTTP plumbing of the REST routes: the raw body (it is signed, so it is kept exactly as sent), the
 * request parameters from query string and body (JSON or form-encoded, as BitMEX accepts), and
 * JSON replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BitmexHttpError } from './errors.js';

/** Largest request body accepted, bytes. */
const MAX_BODY_BYTES = 1_000_000;

/** Reads the whole body as UTF-8 text (a 413-style 400 beyond {@link MAX_BODY_BYTES}). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BitmexHttpError(400, 'Request body too large', 'HTTPError'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Query-string or form pairs as an object; a repeated name becomes an array. */
function pairs(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/**
 * The request's parameters: the query string, overlaid by the body. A body is JSON when its
 * content type says so (or it starts with `{`), else form-encoded. A JSON body must be an object.
 */
export function requestParams(url: URL, body: string, contentType: string | undefined): Record<string, unknown> {
  const params = pairs(url.searchParams);
  if (body.trim() === '') return params;
  const json = contentType?.includes('json') ?? body.trimStart().startsWith('{');
  if (!json) return { ...params, ...pairs(new URLSearchParams(body)) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BitmexHttpError(400, 'Unable to parse JSON body', 'HTTPError');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BitmexHttpError(400, 'JSON body must be an object', 'HTTPError');
  }
  return { ...params, ...(parsed as Record<string, unknown>) };
}

/** Sends a JSON reply with extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
