import { randomUUID } from 'node:crypto';
import type { Logger } from '@hm/engine/log';
import { GraphQLError } from 'graphql';
import type { YogaLogger, YogaMaskedErrorOpts } from 'graphql-yoga';

/** What clients see of an error nobody meant to send them. */
export const UNEXPECTED_MESSAGE = 'Unexpected error.';

/** A GraphQL error raised on purpose (its own, or wrapping only GraphQL errors): shown as it is. */
function isIntended(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null || isIntended(error.originalError);
}

/**
 * Yoga's error masking: errors raised on purpose as GraphQLErrors (with a code such as
 * BAD_USER_INPUT, UNAUTHENTICATED, QUERY_TOO_DEEP, or graphql's own syntax and validation errors)
 * pass through; anything else becomes "Unexpected error." with `extensions.code`
 * INTERNAL_SERVER_ERROR and an `errorId`, and is logged here with that id and its stack.
 */
export function maskedErrors(log: Logger): Partial<YogaMaskedErrorOpts> {
  return {
    errorMessage: UNEXPECTED_MESSAGE,
    maskError(error) {
      if (isIntended(error)) return error as GraphQLError;
      const errorId = randomUUID();
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      log.error('unexpected error', {
        errorId,
        ...(error instanceof GraphQLError && error.path ? { path: error.path.join('.') } : {}),
        error: original,
        stack: original instanceof Error ? original.stack : undefined,
      });
      return new GraphQLError(UNEXPECTED_MESSAGE, {
        ...(error instanceof GraphQLError ? { nodes: error.nodes ?? null, path: error.path ?? null } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
      });
    },
  };
}

/**
 * Yoga's own log lines through ours. Its error lines repeat errors `maskedErrors` has already
 * logged with their id, so they go to debug.
 */
export function yogaLogger(log: Logger): YogaLogger {
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug(line(args)),
    info: (...args: unknown[]) => log.info(line(args)),
    warn: (...args: unknown[]) => log.warn(line(args)),
    error: (...args: unknown[]) => log.debug(`(masked, logged above) ${line(args)}`),
  };
}
