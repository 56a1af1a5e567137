import type { ApiKeyScopeName } from '@hm/engine/auth';
import { OperationTypeNode } from 'graphql';

/**
 * Who may ask for which root field. Every Query and Subscription field needs a `read` key, every
 * Mutation field a `control` key, except the fields listed here. Coordinates are `Type.field`.
 */

/** Root fields anyone may ask for, without a key. */
export const PUBLIC_FIELDS: ReadonlySet<string> = new Set(['Query.health']);

/** Root fields that need an `admin` key: managing API keys. */
export const ADMIN_FIELDS: ReadonlySet<string> = new Set([
  'Query.apiKeys',
  'Mutation.createApiKey',
  'Mutation.revokeApiKey',
  'Query.exchangeAccounts',
  'Mutation.createExchangeAccount',
  'Mutation.revokeExchangeAccount',
]);

/** Meta fields any type answers: `__typename`, and introspection (so GraphiQL can load the docs). */
const META_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

const ROOT_TYPE = {
  [OperationTypeNode.QUERY]: 'Query',
  [OperationTypeNode.MUTATION]: 'Mutation',
  [OperationTypeNode.SUBSCRIPTION]: 'Subscription',
} as const;

/** `Query.markets`, `Mutation.createApiKey`, … */
export function rootCoordinate(operation: OperationTypeNode, field: string): string {
  return `${ROOT_TYPE[operation]}.${field}`;
}

/** The scope a root field needs; null when anyone may ask for it. */
export function requiredScope(operation: OperationTypeNode, field: string): ApiKeyScopeName | null {
  const coordinate = rootCoordinate(operation, field);
  if (META_FIELDS.has(field) || PUBLIC_FIELDS.has(coordinate)) return null;
  if (ADMIN_FIELDS.has(coordinate)) return 'admin';
  return operation === OperationTypeNode.MUTATION ? 'control' : 'read';
}
