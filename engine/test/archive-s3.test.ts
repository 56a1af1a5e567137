import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';

// The same import and read through the S3 store (a real S3-protocol server) and the local folder.
let dir: string;
let s3rver: S3rver;
let s3env: Record<string, string>;

/** Runs the CLI without blocking this process: s3rver answers from our event loop. */
function hm(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'engine/bin/hm.js'), ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-archive-s3-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
  const { port } = await s3rver.run();
  s3env = {
    S3_BUCKET: 'hm-archive',
    S3_PREFIX: 'md',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  await new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }).send(new CreateBucketCommand({ Bucket: 'hm-archive' }));
});

afterAll(async () => {
  await s3rver?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('imports and reads the same candles from S3 as from the local folder', async () => {
  const csv = path.join(dir, 'trades.csv');
  const rows = Array.from({ length: 400 }, (_, i) => {
    const ms = Date.UTC(2024, 0, 15, 13, 0, 0) + i * 20_000;
    const t = new Date(ms).toISOString().slice(0, 19).replace('T', 'D');
    return `${t}.${String(i).padStart(9, '0')},XBTUSD,${i % 3 ? 'Buy' : 'Sell'},${100 * (1 + (i % 4))},${42_000 + (i % 11) * 0.5},PlusTick,t-${i},1,1,1`;
  });
  writeFileSync(
    csv,
    `timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n${rows.join('\n')}\n`,
  );
  const local = { HM_ARCHIVE_DIR: path.join(dir, 'local') };
  const candles = [
    'candles',
    '--market',
    'XBTUSD',
    '--period',
    '5m',
    '--from',
    '2024-01-15T13:00:00Z',
    '--to',
    '2024-01-15T16:00:00Z',
    '--json',
  ];
  for (const env of [local, s3env]) {
    const r = await hm(['archive', 'import', '--format', 'bitmex-trades-csv', csv], env);
    expect(r.status, r.stderr).toBe(0);
  }
  const fromLocal = await hm(candles, local);
  const fromS3 = await hm(candles, s3env);
  expect(fromS3.status, fromS3.stderr).toBe(0);
  expect(JSON.parse(fromLocal.stdout).length).toBeGreaterThan(20);
  expect(fromS3.stdout).toBe(fromLocal.stdout);
  const info = await hm(['archive', 'info', '--json'], s3env);
  expect(JSON.parse(info.stdout)).toMatchObject({
    location: 's3://hm-archive/md/',
    markets: [{ market: 'bitmex:XBTUSD', trades: 400 }],
  });
  expect((await hm(['archive', 'verify'], s3env)).status).toBe(0);
});
