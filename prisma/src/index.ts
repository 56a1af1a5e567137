export type * from '../generated/prisma/client.ts';
export * from '../generated/prisma/enums.ts';
export { createDb, type Db } from './client.js';
export {
  freePort,
  type PrivatePostgres,
  runningEmbeddedPostgresUrl,
  startEmbeddedPostgres,
} from './embedded-postgres.js';
export { type DbEnv, readDbEnv } from './env.js';
export { applyMigrations, diffSchema } from './migrations.js';
