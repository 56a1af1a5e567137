import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type ApiLimits, DEFAULT_LIMITS } from './limits/config.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The API's environment: the only place the api package reads `process.env`. */
const Env = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  /** HTTP port for GraphQL, graphql-ws, GraphiQL and the dashboard. 0 = any free port. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Built dashboard to serve at `/`; unset or missing → API only. */
  HM_WEB_DIST: z.string().default(path.join(repoRoot, 'web', 'dist')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Operation limits (api/src/limits/): depth, aliases, tokens, cost per operation. */
  HM_MAX_DEPTH: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxDepth),
  HM_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
  HM_MAX_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_LIMITS.maxTokens),
  HM_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxCost),
  /** Operations per minute per API key, and per address without a valid key; 0 = no limit. Counted in Redis. */
  HM_RATE_LIMIT_KEY: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.rateLimitPerKey),
  HM_RATE_LIMIT_IP: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.rateLimitPerIp),
  /** `npm run bench` only: record server-side delivery latency (api/src/bench-probe.ts). */
  HM_BENCH_PROBE: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
});
export type ApiEnv = z.infer<typeof Env>;

/** The operation limits the environment sets. */
export function limitsFromEnv(env: ApiEnv): ApiLimits {
  return {
    maxDepth: env.HM_MAX_DEPTH,
    maxAliases: env.HM_MAX_ALIASES,
    maxTokens: env.HM_MAX_TOKENS,
    maxCost: env.HM_MAX_COST,
    rateLimitPerKey: env.HM_RATE_LIMIT_KEY,
    rateLimitPerIp: env.HM_RATE_LIMIT_IP,
  };
}

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = Env.safeParse(source);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    console.error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(2);
}
