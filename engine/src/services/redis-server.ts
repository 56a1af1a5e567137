import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '@hm/db';
import { Redis } from 'ioredis';
import { FixItError } from './fix-it-error.js';

export interface RunningRedis {
  readonly url: string;
  /** True when we spawned the server (and `stop()` shuts it down); false for an existing one. */
  readonly spawned: boolean;
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** Use this server as is. */
  url?: string | undefined;
  /** Try 127.0.0.1:6379 before spawning. Tests turn this off to stay isolated. @default true */
  preferLocalDefault?: boolean;
  /** Data directory of a spawned server (append-only file lives there). */
  dataDir: string;
  log?: (line: string) => void;
}

const LOCAL_DEFAULT = 'redis://127.0.0.1:6379';

/**
 * Finds or starts a Redis: `url` if given, else one answering on 127.0.0.1:6379, else a private
 * `redis-server` spawned on a free loopback port. Throws {@link FixItError} when none is possible.
 */
export async function ensureRedis(opts: RedisOptions): Promise<RunningRedis> {
  if (opts.url) return { url: opts.url, spawned: false, stop: async () => {} };
  if ((opts.preferLocalDefault ?? true) && (await answersPing(LOCAL_DEFAULT))) {
    opts.log?.(`using the Redis answering on ${LOCAL_DEFAULT}`);
    return { url: LOCAL_DEFAULT, spawned: false, stop: async () => {} };
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) {
    throw new FixItError(
      'Redis is needed: install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`, macOS: `brew install redis`) or set REDIS_URL=redis://host:port',
    );
  }
  await mkdir(opts.dataDir, { recursive: true });
  const pidFile = path.join(path.resolve(opts.dataDir), 'redis.pid');
  await stopStale(pidFile, opts.log);
  const port = await freePort();
  // Own process group: Ctrl-C in the terminal must not take Redis down before the workers that
  // still need it to hand their jobs back; we stop it last.
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      path.resolve(opts.dataDir),
      '--appendonly',
      'yes',
      '--save',
      '',
      '--daemonize',
      'no',
      '--pidfile',
      pidFile,
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
  }
  opts.log?.(`started a private redis-server on ${url} (data in ${opts.dataDir})`);
  return { url, spawned: true, stop: () => stopChild(child) };
}

/**
 * A redis-server left running on this data directory by a parent that was killed (SIGKILL skips
 * our shutdown) holds its append-only file: stop it before starting a new one.
 */
async function stopStale(pidFile: string, log?: (line: string) => void): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.startsWith('redis-server')) return; // gone, or the pid now belongs to something else
  log?.(`stopping a redis-server (pid ${pid}) left running on ${path.dirname(pidFile)}`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')) !== '') {
    await new Promise((r) => setTimeout(r, 50)); // poll: a foreign process gives no exit event
  }
}

/** True when a Redis at `url` answers PING within half a second. */
async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    // A refused connection returns at once; pace the caller's retry loop a little.
    await new Promise((r) => setTimeout(r, 50));
    return false;
  } finally {
    client.disconnect();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
