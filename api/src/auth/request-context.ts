import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@hm/engine/log';
import type { Context, SharedContext } from '../context.js';
import { authenticate } from './authenticate.js';
import { presentedKey } from './credentials.js';

/**
 * Yoga's server context: the Node request (for graphql-ws, the upgrade request, which carries the
 * sign-in cookie) and, over graphql-ws, the connection's `connectionParams`.
 */
export interface ServerContext {
  req: IncomingMessage;
  res?: ServerResponse;
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
}

/** The context of one HTTP request or graphql-ws operation: the shared parts and the caller. */
export async function requestContext(shared: SharedContext, server: ServerContext, log: Logger): Promise<Context> {
  const { auth, key } = await authenticate(shared.db, presentedKey(server.req.headers, server.connectionParams), log);
  return { ...shared, auth, caller: { ip: server.req.socket.remoteAddress ?? 'unknown', key } };
}
