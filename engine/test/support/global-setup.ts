/**
 * Vitest global setup for every workspace: real Postgres and Redis, as `npm start` provides them.
 * Uses DATABASE_URL / REDIS_URL when set (CI may), else starts a private embedded Postgres and a
 * private redis-server in a temp directory, migrates, and stops both after the run.
 */

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../src/paths.js';
import { ensureRedis, startEmbeddedPostgres } from '../../src/services/index.js';

import './provided-context.js';

export default async function setup(project: TestProject) {
  // Under /tmp with 0755 so the postgres user (when we run as root) can reach it.
  const dir = await mkdtemp(path.join(tmpdir(), 'hm-test-'));
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
  const redis = await ensureRedis({
    url: process.env.REDIS_URL,
    preferLocalDefault: false,
    dataDir: path.join(dir, 'redis'),
  });
  const databaseUrl = process.env.DATABASE_URL ?? pg?.url ?? '';
  migrate(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.stop();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

/**
 * Runs `npm run db:migrate`'s script in a child process, as a user would. (Prisma's wasm schema
 * engine does not survive being loaded through Vite's module runner, which loads this file.)
 */
export function migrate(databaseUrl: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'prisma/scripts/migrate.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}\n${result.stderr}`);
}
