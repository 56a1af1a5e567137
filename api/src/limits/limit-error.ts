import { GraphQLError } from 'graphql';

/** Codes of the document limits' refusals (`extensions.code`); cost and rate: api/src/auth/refusal.ts. */
export type LimitCode = 'TOO_MANY_TOKENS' | 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES';

/**
 * A refusal by one of the operation limits: the message names the limit, its value and the setting
 * that changes it; `extensions` carry the code, the limit and (when known) the measured value.
 */
export function limitError(
  code: LimitCode,
  message: string,
  details: { limit: number; value?: number; setting: string },
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code,
      limit: details.limit,
      ...(details.value === undefined ? {} : { value: details.value }),
      setting: details.setting,
    },
  });
}
