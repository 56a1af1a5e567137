import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRedis, type RunningRedis } from '@hm/engine/services';
import type {} from '@hm/engine/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { descendants, isAlive, repoRoot, type Stack, startStack } from './stack.js';
import { launchChromium } from './ui-helpers.js';

let dir: string;
let redis: RunningRedis;
let stack: Stack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hm-e2e-'));
  // A Redis of its own: the stack's feed job and candle channels must not meet other tests'.
  redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  stack = await startStack({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: redis.url,
    PORT: '0',
    HM_DATA_DIR: path.join(dir, 'data'),
    // The default is 30 days; two keep the run short and still cross day boundaries.
    HM_HISTORY_DAYS: '2',
    LOG_LEVEL: 'warn',
  });
});

afterAll(async () => {
  await browser?.close();
  if (stack && isAlive(stack.process.pid ?? -1)) stack.process.kill('SIGKILL');
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

// One stack walked through its life in order: start, watch in a browser, stop.
describe('the stack, as a user runs it', { shuffle: false }, () => {
  it('shows a candle chart that moves with the live feed, in a real browser', async () => {
    if (!stack) throw new Error('stack did not start');
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Sign in as a user does: open the printed link; the key goes into an HttpOnly cookie and the
    // link redirects to the dashboard. (A page of its own: its requests end when it closes.)
    const signIn = await context.newPage();
    await signIn.goto(stack.signInUrl);
    expect(new URL(signIn.url()).pathname, 'redirected to the dashboard').toBe('/');
    expect(signIn.url()).not.toContain(stack.key);
    const cookies = await context.cookies(stack.url);
    expect(cookies.find((c) => c.name === 'hm_key')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await signIn.close();
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('requestfailed', (r) => failures.push(r.url()));
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(`${stack.url}/?market=XBTUSD&period=M1`).catch((err: unknown) => {
      throw new Error(`${String(err)}\n--- hm start output ---\n${stack?.output()}`);
    });
    const chart = page.getByTestId('price-chart');
    await chart.waitFor();
    // Wait for the event (two candle updates applied by the page), not for time.
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-candle-updates') ?? 0) >= 2,
      undefined,
      { timeout: 60_000 },
    );
    const lastClose = Number(await chart.getAttribute('data-last-close'));
    expect(lastClose).toBeGreaterThan(0);
    // The live panels: an uncrossed book, the trades tape and real header statistics.
    await page.getByTestId('book-bid-row').first().waitFor();
    await page.getByTestId('book-ask-row').first().waitFor();
    await page.getByTestId('trade-row').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="stat-mark"]')?.textContent !== '--');
    // Both read in one evaluation (one rendered frame): two separate reads could straddle an update.
    // Asks are drawn highest first, so the best ask is the last ask row, just above the spread.
    const [bestBid, bestAsk] = await page.evaluate(() => {
      const first = (testId: string, last: boolean) => {
        const rows = document.querySelectorAll(`[data-testid="${testId}"]`);
        const row = last ? rows[rows.length - 1] : rows[0];
        return Number((row?.querySelector('td')?.textContent ?? '').replaceAll(',', ''));
      };
      return [first('book-bid-row', false), first('book-ask-row', true)];
    });
    expect(bestBid).toBeGreaterThan(0);
    expect(bestBid).toBeLessThan(bestAsk);
    const shot = path.join(repoRoot, '.ci-reports', 'e2e-dashboard.png');
    await mkdir(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    expect(failures, 'no failed request or page error').toEqual([]);
  });

  it('writes history into the empty archive at start, and serves it joined to the live candles', async () => {
    if (!stack) throw new Error('stack did not start');
    const url = stack.url;
    const ask = async <T>(query: string): Promise<T> => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': stack?.key ?? '' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data: T; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    // Generation runs as a background job: wait for its result to appear (checked every 250 ms).
    type Info = { archiveInfo: { from: string; segments: number } | null };
    const deadline = Date.now() + 90_000;
    let info = await ask<Info>('{ archiveInfo(market: "XBTUSD") { from segments } }');
    while ((info.archiveInfo?.segments ?? 0) < 48 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      info = await ask<Info>('{ archiveInfo(market: "XBTUSD") { from segments } }');
    }
    expect(info.archiveInfo?.segments, stack.output()).toBeGreaterThanOrEqual(48);
    expect(Date.now() - Date.parse(info.archiveInfo?.from ?? '')).toBeGreaterThan(47 * 3_600_000);
    const askedHour = Math.floor(Date.now() / 3_600_000) * 3_600;
    const { candles } = await ask<{ candles: { time: number; volume: number }[] }>(
      '{ candles(market: "XBTUSD", period: H1, limit: 100) { time volume } }',
    );
    // About 49 hourly buckets, one per hour, none twice, none missing, the last one live.
    expect(candles.length).toBeGreaterThanOrEqual(48);
    for (let i = 1; i < candles.length; i++) expect(candles[i]?.time).toBe((candles[i - 1]?.time ?? 0) + 3_600);
    const nowHour = Math.floor(Date.now() / 3_600_000) * 3_600;
    expect([askedHour, nowHour]).toContain(candles.at(-1)?.time);
  });

  it('keeps the dashboard key out of the built JavaScript, in a file only its owner reads', async () => {
    if (!stack) throw new Error('stack did not start');
    expect(stack.key).toMatch(/^hm_[A-Za-z0-9_-]{43}$/);
    const file = path.join(dir, 'data', 'dashboard.key');
    expect((await readFile(file, 'utf8')).trim()).toBe(stack.key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const assets = path.join(repoRoot, 'web', 'dist', 'assets');
    for (const name of await readdir(assets)) {
      const text = await readFile(path.join(assets, name), 'utf8');
      expect(text, name).not.toContain(stack.key);
      expect(text, name).not.toMatch(/hm_[A-Za-z0-9_-]{43}/);
    }
  });

  it('stops everything it started on SIGINT, leaving no process behind', async () => {
    if (!stack) throw new Error('stack did not start');
    const pid = stack.process.pid ?? -1;
    const children = descendants(pid);
    expect(children.length, 'simulator, worker and api run as child processes').toBeGreaterThanOrEqual(3);
    const exited = new Promise<number | null>((resolve) => stack?.process.once('exit', (code) => resolve(code)));
    stack.process.kill('SIGINT');
    expect(await exited, stack.output()).toBe(0);
    // Grandchildren (e.g. the TypeScript loader's esbuild service) end with their parents; allow
    // them the 15 s the product promises, checking as they go rather than sleeping.
    const deadline = Date.now() + 15_000;
    while (children.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(children.filter(isAlive), 'processes still alive 15 s after the supervisor exited').toEqual([]);
  });
});
