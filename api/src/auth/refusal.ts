import { GraphQLError } from 'graphql';

/** Why the operation guard refused an operation (`extensions.code`). */
export type RefusalCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'QUERY_TOO_COSTLY' | 'SERVICE_UNAVAILABLE';

/** A refused operation: a message that says what to do, the code, and the HTTP status it maps to. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  status: 401 | 403 | 429 | 400 | 503;
  /** Further `extensions` (the scope needed, the limit and the value, …). */
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/**
 * The refusal as a GraphQL error. Over HTTP it also carries yoga's `extensions.http` (status and
 * `Retry-After`), which yoga applies to the response and strips from the body; graphql-ws has no
 * such envelope.
 */
export function refusalError(refusal: Refusal, transport: 'http' | 'ws'): GraphQLError {
  const retry = refusal.retryAfterSeconds;
  return new GraphQLError(refusal.message, {
    extensions: {
      code: refusal.code,
      ...refusal.details,
      ...(retry === undefined ? {} : { retryAfterSeconds: retry }),
      ...(transport === 'http'
        ? {
            http: {
              status: refusal.status,
              ...(retry === undefined ? {} : { headers: { 'retry-after': String(retry) } }),
            },
          }
        : {}),
    },
  });
}
