import { GraphQLError, type ParseOptions, type Source } from 'graphql';
import { limitError } from './limit-error.js';

type ParseFn = (source: string | Source, options?: ParseOptions) => ReturnType<typeof import('graphql').parse>;

/**
 * `parseFn` with graphql's `maxTokens`: a document longer than `maxTokens` tokens is refused while
 * it is being read (nothing larger is ever parsed), with a `TOO_MANY_TOKENS` error naming the limit.
 */
export function parseWithTokenLimit(parseFn: ParseFn, maxTokens: number): ParseFn {
  return (source, options) => {
    try {
      return parseFn(source, { ...options, maxTokens });
    } catch (err) {
      // graphql 16 says "contains more that N tokens"; later versions may fix the typo.
      if (err instanceof GraphQLError && /contains more (?:than|that) \d+ tokens/.test(err.message)) {
        throw limitError(
          'TOO_MANY_TOKENS',
          `the document has more than ${maxTokens} tokens, the limit (HM_MAX_TOKENS); send a smaller one`,
          { limit: maxTokens, setting: 'HM_MAX_TOKENS' },
        );
      }
      throw err;
    }
  };
}
