import { defineConfig } from 'prisma/config';

// The Prisma CLI reads this file. `generate` needs no database, so a placeholder URL keeps it
// working when DATABASE_URL is unset (env() would throw); migrations use scripts/migrate.ts.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/hm' },
});
