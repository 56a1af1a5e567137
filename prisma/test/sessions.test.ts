import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/index.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = `hm_test_${randomUUID().replaceAll('-', '')}`;
let url: string;
let db: Db;
let firstRun: ReturnType<typeof migrate>;

/** `npm run db:migrate` against a URL, exactly as a user runs it. */
function migrate(databaseUrl: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
    cwd: pkgDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  // A database of its own: this file's rows and migrations never meet another test's.
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url = inject('databaseUrl').replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  firstRun = migrate(url);
  db = createDb(url);
});
afterAll(async () => {
  await db?.$disconnect();
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

it('applies the committed migrations to an empty database, and a second run is a no-op', () => {
  expect(firstRun.status, firstRun.stderr).toBe(0);
  expect(firstRun.stdout).toMatch(/applied: \d+_init/);
  const second = migrate(url);
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).toContain('database is up to date');
});

it('stores and reads a session with its params and markets', async () => {
  const created = await db.session.create({
    data: {
      name: 'pairs',
      mode: 'BACKTEST',
      strategy: 'PairTradeBot',
      params: { lookback: 100 },
      markets: ['XBTUSD', 'XBTUSDT'],
    },
  });
  expect(created.status).toBe('CREATED');
  const found = await db.session.findUniqueOrThrow({ where: { id: created.id } });
  expect(found).toMatchObject({
    mode: 'BACKTEST',
    params: { lookback: 100 },
    markets: ['XBTUSD', 'XBTUSDT'],
    startedAt: null,
  });
});

it('rejects an unknown command with a usage line and exit code 2', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', 'sideways'], {
    cwd: pkgDir,
    encoding: 'utf8',
  });
  expect(res.status).toBe(2);
  expect(res.stderr).toMatch(/usage: migrate/);
});
