import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  /** `npm run bench` only: record server-side delivery latency (api/src/bench-probe.ts). */
  HM_BENCH_PROBE: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
});
export type ApiEnv = z.infer<typeof Env>;

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = Env.safeParse(source);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    console.error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(2);
}
