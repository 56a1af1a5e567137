import { type ExecutionArgs, type FieldNode, getOperationAST, Kind, print } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { JoinPolicy } from './shared-subscriptions.js';

/** Root subscription fields whose stream is a state: a late joiner's snapshot is the latest result. */
const STATE_STREAMS = new Set(['ticker', 'orderBook', 'candles']);

/**
 * Whether a subscription may share one execution with identical ones, and under which key.
 * Shared: the state streams, and `trades` without a snapshot (every subscriber of it starts at the
 * next print anyway). Not shared: anything else, e.g. `trades(snapshot: 50)`, whose snapshot is
 * per subscriber. Each subscriber passes the operation guard (key, scope, rate, cost) before it
 * joins (api/src/app.ts), so viewers share only what they may all see: a shared stream's resolvers
 * must not depend on the viewer (`ctx.auth`); one that does must add the viewer to the key.
 */
export function shareKey(args: ExecutionArgs): { key: string; policy: JoinPolicy } | null {
  const operation = getOperationAST(args.document, args.operationName);
  const subscriptionType = args.schema.getSubscriptionType();
  const first = operation?.selectionSet.selections[0];
  if (!operation || !subscriptionType || operation.selectionSet.selections.length !== 1 || first?.kind !== Kind.FIELD) {
    return null;
  }
  const field: FieldNode = first;
  const def = subscriptionType.getFields()[field.name.value];
  if (!def) return null;
  let policy: JoinPolicy | null = null;
  if (STATE_STREAMS.has(def.name)) policy = 'replay-last';
  else if (def.name === 'trades') {
    const values = getArgumentValues(def, field, args.variableValues ?? {});
    if (values.snapshot === 0) policy = 'next-only';
  }
  if (!policy) return null;
  const key = `${print(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}`;
  return { key, policy };
}
