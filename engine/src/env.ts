import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths.js';

const Symbols = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

/**
 * The engine's and the `hm` CLI's environment: the only place they read `process.env`.
 * Every variable here is listed, with its default, in the README's env table.
 */
const Env = z.object({
  /** Postgres URL. Unset → a private embedded Postgres under `HM_DATA_DIR/postgres`. */
  DATABASE_URL: z.string().url().optional(),
  /** Redis URL. Unset → 127.0.0.1:6379 if it answers, else a spawned `redis-server` under `HM_DATA_DIR/redis`. */
  REDIS_URL: z.string().url().optional(),
  /** HTTP port of the API, GraphiQL and the dashboard. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  /** Interface the API binds to. Loopback by default: nothing is exposed until you choose to. */
  HOST: z.string().default('127.0.0.1'),
  /** Where the embedded Postgres, the spawned Redis and the archive keep their files. */
  HM_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  /** Market-data source: the local exchange simulator, BitMEX mainnet or testnet. */
  HM_FEED: z.enum(['simulator', 'bitmex', 'bitmex-testnet']).default('simulator'),
  /** Markets the feed subscribes to. */
  HM_SYMBOLS: Symbols.default(['XBTUSD', 'ETHUSD', 'XBTUSDT']),
  /** Order-book table: BitMEX's throttled top 25 levels, or every level (`orderBookL2`). */
  HM_BOOK_TABLE: z.enum(['orderBookL2_25', 'orderBookL2']).default('orderBookL2_25'),
  /** Simulator: port (0 = any free port), random seed, and speed (simulated ms per real ms). */
  HM_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  HM_SIM_SEED: z.coerce.number().int().default(42),
  HM_SIM_SPEED: z.coerce.number().positive().default(1),
  /** Engine worker processes `hm start` runs. */
  HM_WORKERS: z.coerce.number().int().min(1).max(32).default(1),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Whether `hm start` archives the live feed (trades and book, hourly segments). */
  HM_COLLECT: z.enum(['true', 'false']).default('true'),
  /** Days of synthetic history `hm start` writes for simulator markets the archive lacks (0 = none). */
  HM_HISTORY_DAYS: z.coerce.number().int().min(0).max(400).default(30),
  /** Local archive folder. Default: `HM_DATA_DIR/archive`. Ignored when S3_BUCKET is set. */
  HM_ARCHIVE_DIR: z.string().optional(),
  /** S3-compatible archive: bucket (setting it selects S3), optional key prefix, endpoint and region. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_PREFIX: z.string().default(''),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  /** Path-style URLs; defaults to on when S3_ENDPOINT is set (MinIO, s3rver…). */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /**
   * Key (32 bytes, base64) that encrypts exchange API credentials at rest. `hm start` creates one in
   * HM_DATA_DIR/secrets.key when unset. Never logged.
   */
  HM_SECRETS_KEY: z.string().optional(),
  /** The exchange simulator's realtime URL (its REST API is on the same port); `hm start` sets it. */
  HM_SIM_URL: z.string().url().optional(),
  /** Dead man's switch of exchange sessions: orders are cancelled this long after the engine goes silent, ms. */
  HM_DEADMAN_MS: z.coerce.number().int().min(1_000).max(900_000).default(60_000),
  /** Credentials; unset = the AWS SDK's default chain. Never logged. */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
});

export type EngineEnv = z.infer<typeof Env>;

/** Parses the environment; on error prints one line per bad variable and exits 2. */
export function readEngineEnv(source: NodeJS.ProcessEnv = process.env): EngineEnv {
  const parsed = Env.safeParse(source);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    console.error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(2);
}

/** The feed's WebSocket endpoint for a non-simulator feed. */
export const BITMEX_ENDPOINTS = {
  bitmex: 'wss://ws.bitmex.com/realtime',
  'bitmex-testnet': 'wss://ws.testnet.bitmex.com/realtime',
} as const;
