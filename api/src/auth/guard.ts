import { type ApiKeyScopeName, scopeAllows } from '@hm/engine/auth';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { ApiLimits } from '../limits/config.js';
import { operationCost } from '../limits/cost.js';
import type { RateLimiter } from '../limits/rate-limit.js';
import { type Refusal, refusalError } from './refusal.js';
import { rootFields } from './root-fields.js';
import { requiredScope } from './scopes.js';

const HOW_TO_SEND =
  'send it in the x-api-key header (or Authorization: Bearer KEY; over graphql-ws in connectionParams), or sign in at /auth/signin?key=KEY';

/**
 * The per-operation checks, in order: the caller's rate (per key, else per address), the key's
 * scope against every root field (api/src/auth/scopes.ts), and the operation's cost with its
 * variables. Runs once per operation context: graphql-ws calls `check` itself before an operation
 * may join a shared subscription (api/src/app.ts); HTTP goes through `useOperationGuard`.
 */
export class OperationGuard {
  private readonly checked = new WeakSet<object>();

  constructor(private readonly opts: { limits: ApiLimits; rateLimiter: RateLimiter }) {}

  /** The refusal of this operation as a GraphQL error, or null when it may run (or was checked already). */
  async check(args: ExecutionArgs, transport: 'http' | 'ws'): Promise<GraphQLError | null> {
    const ctx = args.contextValue;
    if (!isContext(ctx)) throw new Error('operation guard: the context has no caller');
    if (this.checked.has(ctx)) return null;
    this.checked.add(ctx);
    const refusal = (await this.rate(ctx)) ?? this.scope(args, ctx) ?? this.cost(args);
    return refusal ? refusalError(refusal, transport) : null;
  }

  private async rate(ctx: Context): Promise<Refusal | null> {
    const { limits, rateLimiter } = this.opts;
    const limit = ctx.auth ? limits.rateLimitPerKey : limits.rateLimitPerIp;
    if (limit <= 0) return null;
    const hit = await rateLimiter.hit(ctx.auth ? `key:${ctx.auth.keyId}` : `ip:${ctx.caller.ip}`);
    if (!hit || hit.count <= limit) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil(hit.resetInMs / 1000));
    const who = ctx.auth ? `API key "${ctx.auth.name}"` : `address ${ctx.caller.ip} (no valid key)`;
    const setting = ctx.auth ? 'HM_RATE_LIMIT_KEY' : 'HM_RATE_LIMIT_IP';
    return {
      code: 'RATE_LIMITED',
      status: 429,
      message: `rate limit: ${hit.count} operations this minute from ${who}; the limit is ${limit} per minute (${setting}); retry in ${retryAfterSeconds} s`,
      details: { limit, value: hit.count, setting },
      retryAfterSeconds,
    };
  }

  private scope(args: ExecutionArgs, ctx: Context): Refusal | null {
    const root = rootFields(args.document, args.operationName);
    if (!root) return null; // graphql reports the missing operation
    let need: ApiKeyScopeName | null = null;
    let field = '';
    for (const name of root.fields) {
      const scope = requiredScope(root.operation, name);
      if (scope && (!need || !scopeAllows(need, scope))) {
        need = scope;
        field = name;
      }
    }
    if (!need) return null;
    const details = { requiredScope: need, field };
    if (ctx.auth) {
      if (scopeAllows(ctx.auth.scope, need)) return null;
      return {
        code: 'FORBIDDEN',
        status: 403,
        message: `${root.operation} field "${field}" needs an API key with scope ${need}; this key ("${ctx.auth.name}") has scope ${ctx.auth.scope}`,
        details,
      };
    }
    if (ctx.caller.key === 'unavailable') {
      return {
        code: 'SERVICE_UNAVAILABLE',
        status: 503,
        message: `the API key could not be checked (the database did not answer); "${field}" needs scope ${need}; try again`,
        details,
      };
    }
    const problem = ctx.caller.key === 'invalid' ? 'the API key sent is unknown or revoked' : 'no API key was sent';
    return {
      code: 'UNAUTHENTICATED',
      status: 401,
      message: `${root.operation} field "${field}" needs an API key with scope ${need}, and ${problem}: ${HOW_TO_SEND}`,
      details,
    };
  }

  private cost(args: ExecutionArgs): Refusal | null {
    const max = this.opts.limits.maxCost;
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    if (cost <= max) return null;
    return {
      code: 'QUERY_TOO_COSTLY',
      status: 400,
      message: `the operation's estimated cost is ${cost}; the limit is ${max} (HM_MAX_COST): ask for fewer items (first, limit, depth) or fewer fields`,
      details: { limit: max, value: cost, setting: 'HM_MAX_COST' },
    };
  }
}

function isContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && 'caller' in value && 'auth' in value;
}

/** The guard as a yoga plugin: every operation over HTTP (queries, mutations, SSE subscriptions). */
export function useOperationGuard(guard: OperationGuard): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await guard.check(args, 'http');
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await guard.check(args, 'http');
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
