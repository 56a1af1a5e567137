import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createDb } from '@hm/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findApiKey } from '../src/auth/api-keys.js';
import { repoRoot } from '../src/paths.js';

// `hm apikey` as a user runs it, against the test run's database.
const db = createDb(inject('databaseUrl'), { poolSize: 1 });
afterAll(async () => {
  await db.$disconnect();
});

function hm(args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), 'apikey', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'info' },
    encoding: 'utf8',
  });
}

describe('hm apikey', () => {
  it('create prints a key as its last line that authenticates with its scope; revoke stops it', async () => {
    const created = hm(['create', '--scope', 'read', '--name', 'cli test']);
    expect(created.status, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const key = lines.at(-1) ?? '';
    expect(key).toMatch(/^hm_[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toMatch(/not shown again/);
    const found = await findApiKey(db, key);
    expect(found).toMatchObject({ name: 'cli test', scope: 'read', prefix: key.slice(0, 11), revokedAt: null });

    const listed = hm(['list', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    const keys = JSON.parse(listed.stdout) as { id: string; prefix: string }[];
    expect(keys.find((k) => k.id === found?.id)?.prefix).toBe(key.slice(0, 11));
    expect(listed.stdout).not.toContain(key);

    const revoked = hm(['revoke', found?.id ?? '']);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(await findApiKey(db, key)).toBeNull();
  });

  it('exits 2 with the usage on a bad scope, a missing scope or a bad id', () => {
    for (const args of [['create', '--scope', 'root'], ['create'], ['revoke', 'nope'], ['frobnicate']]) {
      const r = hm(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/usage: hm apikey create --scope read\|control\|admin/);
      expect(r.stdout).toBe('');
    }
  });
});
