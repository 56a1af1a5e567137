/**
 * `npm run db:migrate` → apply committed migrations (offline-capable; see src/migrations.ts).
 * `npm run db:migrate -- new NAME` → write migrations/<UTC timestamp>_NAME/migration.sql from the
 * difference between schema.prisma as last committed (git HEAD; none = empty database) and the
 * working copy, then apply it.
 * Without DATABASE_URL both run against the private embedded Postgres under HM_DATA_DIR.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startEmbeddedPostgres } from '../src/embedded-postgres.js';
import { readDbEnv } from '../src/env.js';
import { applyMigrations, diffSchema, migrationsDir } from '../src/migrations.js';

const Args = z.union([
  z.tuple([z.literal('deploy')]),
  z.tuple([z.literal('new'), z.string().regex(/^[a-z0-9_]+$/, 'use lower_snake_case for the migration name')]),
]);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const parsed = Args.safeParse(argv.length === 0 ? ['deploy'] : argv);
  if (!parsed.success) {
    console.error(
      `usage: migrate [deploy] | migrate new <name>   (${parsed.error.issues[0]?.message ?? 'bad arguments'})`,
    );
    process.exit(2);
  }
  const env = readDbEnv();
  const dataDir = process.env.HM_DATA_DIR ?? path.join(repoRoot, '.data');
  const embedded = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), log: (l) => console.log(l) });
  const url = env.DATABASE_URL ?? embedded?.url ?? '';
  try {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    const [command, name] = parsed.data;
    if (command === 'new') {
      const sql = await diffSchema(url, committedSchema());
      if (!sql) {
        console.log('schema.prisma matches the database: no migration written');
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const dir = path.join(migrationsDir, `${stamp}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'migration.sql'), sql);
      console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
      console.log(`applied: ${(await applyMigrations(url)).join(', ')}`);
    }
  } finally {
    await embedded?.stop();
  }
}

/** schema.prisma at git HEAD, or null when it was never committed (the first migration). */
function committedSchema(): string | null {
  try {
    return execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

main().then(
  // Exit at once: the schema engine keeps a connection open that would hold the process ~10 s.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
