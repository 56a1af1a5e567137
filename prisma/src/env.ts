import { z } from 'zod';

/** The database package's environment. The only place it reads `process.env`. */
const Env = z.object({
  /** Postgres URL. Unset → `npm start` and `npm test` run a private embedded Postgres under `HM_DATA_DIR`. */
  DATABASE_URL: z.string().url().optional(),
});

export type DbEnv = z.infer<typeof Env>;

export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return Env.parse(source);
}
