import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRedis, type RunningRedis } from '@hm/engine/services';
import type {} from '@hm/engine/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { isAlive, type Stack, startStack } from './stack.js';
import { type Dashboard, launchChromium, openDashboard } from './ui-helpers.js';

/** What a UI test file gets from {@link setupUiStack}. */
export interface UiStack {
  /** The running stack (throws when it did not start). */
  readonly stack: Stack;
  /** A new browser context on the dashboard, `query` appended to its URL; closed after the file. */
  dashboard(query?: string): Promise<Dashboard>;
}

/**
 * One real stack for a UI test file, started before its tests and stopped after them: `hm start`
 * on a private Redis and the shared test Postgres, in a temporary data folder, plus one Chromium.
 * `env` adds to (or overrides) the stack's environment; `beforeStop` runs first at the end (e.g. to
 * stop the sessions the file started).
 */
export function setupUiStack(
  prefix: string,
  env: Record<string, string>,
  opts: { beforeStop?: (stack: Stack) => Promise<void> } = {},
): UiStack {
  let dir = '';
  let redis: RunningRedis | undefined;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const open: Dashboard[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
    redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
    stack = await startStack({
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: redis.url,
      PORT: '0',
      HM_DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      ...env,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    if (stack && opts.beforeStop) await opts.beforeStop(stack).catch(() => {});
    for (const d of open) await d.context.close();
    await browser?.close();
    if (stack && isAlive(stack.process.pid ?? -1)) {
      const exited = new Promise((resolve) => stack?.process.once('exit', resolve));
      stack.process.kill('SIGINT');
      await exited;
    }
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    get stack(): Stack {
      if (!stack) throw new Error('stack did not start');
      return stack;
    },
    async dashboard(query = '') {
      if (!stack || !browser) throw new Error('stack or browser did not start');
      const d = await openDashboard(browser, stack, query);
      open.push(d);
      return d;
    },
  };
}
