import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ensureRedis } from '../src/services/redis-server.js';

it('a redis-server orphaned by a killed parent is stopped before a new one starts on its data', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'hm-redis-'));
  try {
    const orphan = await ensureRedis({ preferLocalDefault: false, dataDir: dir });
    const orphanPid = Number((await readFile(path.join(dir, 'redis.pid'), 'utf8')).trim());
    // The parent "dies" without calling orphan.stop(); the next start finds its pid file.
    const next = await ensureRedis({ preferLocalDefault: false, dataDir: dir });
    const alive = await readFile(`/proc/${orphanPid}/cmdline`, 'utf8').catch(() => '');
    expect(alive, 'the orphaned server is gone').toBe('');
    expect(next.url).not.toBe(orphan.url);
    await next.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
