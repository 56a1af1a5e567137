import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from '../log.js';

/** A supervised Node process running a TypeScript entry through tsx, with an IPC channel. */
export interface Supervised {
  readonly name: string;
  /** Resolves with the first start's `ready` message (e.g. its URL); rejects if it exits first. */
  readonly ready: Promise<{ url?: string }>;
  /** Pids of the current process (for diagnostics). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  /** Absolute path of the .ts entry. */
  entry: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Called when the child keeps crashing (more than `maxRestarts` within a minute). */
  onGiveUp: (name: string) => void;
  /** @default 5 */
  maxRestarts?: number;
}

const tsxLoader = import.meta.resolve('tsx');

/**
 * Starts `entry` as a child that reports `{type:'ready'}` over IPC, and restarts it with capped
 * exponential backoff if it exits unexpectedly after start-up (a crashed worker or simulator must
 * not take the dashboard down). Gives up after `maxRestarts` within a minute.
 */
export function startChild(opts: ChildOptions): Supervised {
  const { name, log } = opts;
  const maxRestarts = opts.maxRestarts ?? 5;
  let child: ChildProcess;
  let stopping = false;
  let started = false;
  const restarts: number[] = [];
  let retryTimer: NodeJS.Timeout | undefined;

  let resolveReady: (v: { url?: string }) => void = () => {};
  let rejectReady: (e: Error) => void = () => {};
  const ready = new Promise<{ url?: string }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  const launch = () => {
    child = spawn(process.execPath, ['--import', tsxLoader, opts.entry], {
      env: opts.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: unknown) => {
      if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'ready') return;
      const url = (m as { url?: unknown }).url;
      if (started) log.info(`${name} is back`);
      started = true;
      resolveReady(typeof url === 'string' ? { url } : {});
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!started) {
        rejectReady(new Error(`${name} exited during start-up (code ${code ?? signal})`));
        return;
      }
      const now = Date.now();
      while (restarts.length > 0 && (restarts[0] ?? 0) < now - 60_000) restarts.shift();
      if (restarts.length >= maxRestarts) {
        log.error(`${name} exited ${restarts.length + 1} times within a minute (last: ${code ?? signal}); giving up`);
        opts.onGiveUp(name);
        return;
      }
      const delay = Math.min(10_000, 500 * 2 ** restarts.length);
      restarts.push(now);
      // A Ctrl-C reaches the children with the parent: a clean exit is reported only if the
      // parent is not stopping by the time the restart is due.
      const clean = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
      if (!clean) log.warn(`${name} exited unexpectedly (${code ?? signal}); restarting in ${delay} ms`);
      retryTimer = setTimeout(() => {
        if (stopping) return;
        if (clean) log.warn(`${name} stopped by itself (${code ?? signal}); restarting it`);
        launch();
      }, delay);
    });
  };
  launch();

  return {
    name,
    ready,
    pid: () => child.pid,
    stop() {
      stopping = true;
      clearTimeout(retryTimer);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn(`${name} did not stop within 10 s; killing it`);
          child.kill('SIGKILL');
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
