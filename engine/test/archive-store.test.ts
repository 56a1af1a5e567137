import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { S3ArchiveStore } from '../src/archive/s3-store.js';
import { ArchiveObjectNotFoundError, type ArchiveStore } from '../src/archive/store.js';

// One contract, two backends: the local folder and a real S3-protocol server (s3rver).
let dir: string;
let s3rver: S3rver;
const stores: Record<string, ArchiveStore> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-archive-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
  const address = await s3rver.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  await new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials }).send(
    new CreateBucketCommand({ Bucket: 'hm-archive' }),
  );
  stores.local = new LocalArchiveStore(path.join(dir, 'local'));
  stores.s3 = new S3ArchiveStore({ bucket: 'hm-archive', prefix: 'test', endpoint, credentials });
});

afterAll(async () => {
  await s3rver?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['local', 's3'])('%s archive store', (name) => {
  const store = () => stores[name] as ArchiveStore;

  it('round-trips binary objects byte for byte and lists them by prefix, sorted', async () => {
    const body = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    await store().put('bitmex/XBTUSD/trades/2024/01/15/13.fb', body);
    await store().put('bitmex/XBTUSD/trades/2024/01/15/02.fb', new Uint8Array([1, 2, 3]));
    await store().put('bitmex/ETHUSD/trades/2024/01/15/02.fb', new Uint8Array([9]));
    expect(Buffer.from(await store().get('bitmex/XBTUSD/trades/2024/01/15/13.fb')).equals(Buffer.from(body))).toBe(
      true,
    );
    expect(await store().list('bitmex/XBTUSD/')).toEqual([
      { key: 'bitmex/XBTUSD/trades/2024/01/15/02.fb', size: 3 },
      { key: 'bitmex/XBTUSD/trades/2024/01/15/13.fb', size: 70_000 },
    ]);
  });

  it('says which object is missing, and replaces or deletes objects', async () => {
    await expect(store().get('bitmex/NOPE/x.fb')).rejects.toThrow(ArchiveObjectNotFoundError);
    await expect(store().get('bitmex/NOPE/x.fb')).rejects.toThrow(/bitmex\/NOPE\/x\.fb/);
    await store().put('tmp/a.fb', new Uint8Array([1]));
    await store().put('tmp/a.fb', new Uint8Array([2, 2]));
    expect([...(await store().get('tmp/a.fb'))]).toEqual([2, 2]);
    await store().delete('tmp/a.fb');
    expect(await store().list('tmp/')).toEqual([]);
  });

  it('refuses keys that could escape the store', async () => {
    await expect(store().put('../evil', new Uint8Array([1]))).rejects.toThrow(/invalid archive key/);
    await expect(store().get('a//b')).rejects.toThrow(/invalid archive key/);
  });
});
