import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from '../log.js';

/** A supervised Node process running a TypeScript entry through tsx, with an IPC channel. */
export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the child's `ready` message (e.g. its URL); rejects if it exits first. */
  readonly ready: Promise<{ url?: string }>;
  stop(): Promise<void>;
}

const tsxLoader = import.meta.resolve('tsx');

/** Starts `entry` (absolute path to a .ts file) as a child that reports `{type:'ready'}` over IPC. */
export function startChild(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
  onUnexpectedExit: (name: string, code: number | null) => void,
): Supervised {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let stopping = false;
  const ready = new Promise<{ url?: string }>((resolve, reject) => {
    child.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready') {
        const url = (m as { url?: unknown }).url;
        resolve(typeof url === 'string' ? { url } : {});
      }
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${name} exited during start-up (code ${code ?? signal})`));
      if (!stopping) onUnexpectedExit(name, code);
    });
  });
  ready.catch(() => {});
  return {
    name,
    child,
    ready,
    stop() {
      stopping = true;
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
