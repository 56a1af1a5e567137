/** What one GraphQL operation may ask for, and how often (README, "Environment"). */
export interface ApiLimits {
  /** Deepest field nesting (`{ a { b } }` is 2). Introspection may nest to max(this, 20). */
  maxDepth: number;
  /** Aliased fields in one document. */
  maxAliases: number;
  /** Lexical tokens in one document (graphql's parse `maxTokens`). */
  maxTokens: number;
  /** Estimated cost of one operation (api/src/limits/cost.ts). */
  maxCost: number;
  /** Operations per minute per API key; 0 = no limit. */
  rateLimitPerKey: number;
  /** Operations per minute per client address without a valid key; 0 = no limit. */
  rateLimitPerIp: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2_000,
  maxCost: 10_000,
  rateLimitPerKey: 600,
  rateLimitPerIp: 60,
};

/** Depth allowed under `__schema` / `__type`: GraphiQL's schema query nests 15 levels. */
export const INTROSPECTION_MAX_DEPTH = 20;
