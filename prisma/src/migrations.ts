import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Applies the committed migrations with Prisma's schema engine compiled to WebAssembly.
 * Why not `prisma migrate deploy`: the CLI downloads a native engine, which machines without
 * internet cannot do. Same migration files, same `_prisma_migrations` table, so the normal CLI
 * keeps working wherever it can reach its binaries.
 */
const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = path.join(pkgDir, 'schema.prisma');
export const migrationsDir = path.join(pkgDir, 'migrations');

const filters = { externalTables: [], externalEnums: [] };

/** The slice of the WebAssembly global we use (@types/node does not declare it). */
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: object } }>;
};

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const file = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    // Node 20 cannot `import` a .wasm module, so instantiate it by hand as wasm-bindgen expects.
    const { instance } = await WebAssembly.instantiate(await readFile(file), {
      './schema_engine_bg.js': bg,
    });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start?: () => void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
  })();
  return wasmReady;
}

async function openEngine(databaseUrl: string): Promise<bg.SchemaEngine> {
  await loadWasm();
  const schema = await readFile(schemaPath, 'utf8');
  const adapter = bindMigrationAwareSqlAdapterFactory(
    // Short-lived pool: let the migrating process exit as soon as the work is done.
    new PrismaPg({ connectionString: databaseUrl, idleTimeoutMillis: 1, allowExitOnIdle: true }),
  );
  return bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
}

async function loadMigrations() {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      entries.map(async (name) => {
        const file = path.join(migrationsDir, name, 'migration.sql');
        const content = await readFile(file, 'utf8');
        return { path: name, migrationFile: { path: file, content: { tag: 'ok' as const, value: content } } };
      }),
    ),
  };
}

/** `migrate deploy`: applies pending migrations; returns the names applied now (idempotent). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const engine = await openEngine(databaseUrl);
  const out = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters });
  return out.appliedMigrationNames;
}

/**
 * SQL that takes a database built from `previousSchema` (null = empty database) to the current
 * schema.prisma: the body of the next migration, or '' when nothing changed. Pure diff of two
 * datamodels: the wasm engine cannot introspect a live database nor run a shadow database.
 */
export async function diffSchema(databaseUrl: string, previousSchema: string | null): Promise<string> {
  const engine = await openEngine(databaseUrl);
  const schema = await readFile(schemaPath, 'utf8');
  const result = await engine.diff({
    from:
      previousSchema === null
        ? { tag: 'empty' }
        : { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: previousSchema }] },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: null,
    filters,
  });
  const sql = result.stdout ?? '';
  return sql.includes('-- This is an empty migration.') ? '' : sql;
}
