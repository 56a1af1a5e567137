import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stack {
  readonly process: ChildProcess;
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** The dashboard link `hm start` prints: `/auth/signin?key=…` (sets the key cookie, redirects to `/`). */
  readonly signInUrl: string;
  /** The dashboard's admin key, from that link (for scripted requests: `x-api-key`). */
  readonly key: string;
  /** The stack's own database (see {@link startStack}). */
  readonly databaseUrl: string;
  output(): string;
}

/** HM_SECRETS_KEY of every e2e stack (test-only: it seals the simulator's public test account). */
export const E2E_SECRETS_KEY = Buffer.alloc(32, 'hm-e2e').toString('base64');

let databases = 0;

/**
 * A new, empty database on the Postgres server of `serverUrl` (`hm start` migrates it). E2E files
 * run in parallel: sharing one database, one stack's sweeper resumed, and its kill switch halted,
 * the sessions of another file's stack.
 */
async function ownDatabase(serverUrl: string): Promise<string> {
  const name = `hm_e2e_${process.pid}_${++databases}`;
  const { createDb } = await import('@hm/db');
  const db = createDb(serverUrl, { poolSize: 1 });
  try {
    await db.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await db.$disconnect();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs `hm start` as a user would (same bin), with the given env, until it prints the dashboard
 * link. `DATABASE_URL` names the test run's Postgres: the stack gets a database of its own there.
 */
export async function startStack(env: Record<string, string>): Promise<Stack> {
  const databaseUrl = env.DATABASE_URL ? await ownDatabase(env.DATABASE_URL) : '';
  const child = spawn(process.execPath, [path.join(repoRoot, 'engine/bin/hm.js'), 'start'], {
    cwd: repoRoot,
    // One key for every e2e stack: it seals the simulator's public test account.
    env: {
      ...process.env,
      HM_SECRETS_KEY: E2E_SECRETS_KEY,
      ...env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Dashboard: (http:\/\/[^/\s]+)(\/\S*)\s/.exec(out);
      if (match?.[1] && match[2]) {
        const signInUrl = `${match[1]}${match[2]}`;
        const key = new URL(signInUrl).searchParams.get('key') ?? '';
        resolve({ process: child, url: match[1], signInUrl, key, databaseUrl, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hm start exited (${code}) before it was ready:\n${out}`)));
  });
}

/** Every live descendant of `pid` (walks /proc, so it sees grandchildren too). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
