import type { Plugin } from 'graphql-yoga';
import type { ApiLimits } from './config.js';
import { depthAndAliasErrors } from './depth-aliases.js';
import { parseWithTokenLimit } from './tokens.js';

/**
 * The limits a document is held to before anything runs, for HTTP and graphql-ws alike: at most
 * `maxTokens` tokens (checked while parsing), `maxDepth` levels and `maxAliases` aliases (checked
 * before graphql's own validation, which is then skipped). Cost and rate are per operation, with
 * its variables and caller: see api/src/auth/guard.ts.
 */
export function useDocumentLimits(limits: ApiLimits): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn(parseWithTokenLimit(parseFn, limits.maxTokens));
    },
    onValidate({ params, setResult }) {
      const errors = depthAndAliasErrors(params.documentAST, limits);
      if (errors.length > 0) setResult(errors);
    },
  };
}
