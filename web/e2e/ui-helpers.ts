import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot, type Stack } from './stack.js';

export { launchChromium } from './chromium.js';

export interface Dashboard {
  context: BrowserContext;
  page: Page;
  /** Page errors, failed requests and GraphQL errors seen so far. */
  problems: string[];
  /** Bodies of the GraphQL POSTs the page sent (queries and mutations). */
  posts: string[];
}

/**
 * A fresh 1280×800 context signed in through the printed link, with the dashboard open at `query`.
 * Records what the page sends and what goes wrong, so a test can assert on both.
 */
export async function openDashboard(browser: Browser, stack: Stack, query = ''): Promise<Dashboard> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const signIn = await context.newPage();
  await signIn.goto(stack.signInUrl);
  expect(new URL(signIn.url()).pathname, 'the sign-in link redirects to the dashboard').toBe('/');
  await signIn.close();
  const page = await context.newPage();
  const problems: string[] = [];
  const posts: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED is the page cancelling a query it no longer needs (urql, when a view unmounts).
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${reason}`);
  });
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/graphql')) posts.push(r.postData() ?? '');
  });
  page.on('response', async (r) => {
    if (r.request().method() !== 'POST' || !r.url().endsWith('/graphql')) return;
    const body = (await r.json().catch(() => null)) as { errors?: { message: string }[] } | null;
    for (const e of body?.errors ?? []) problems.push(`graphql error: ${e.message}`);
  });
  await page.goto(`${stack.url}/${query}`);
  return { context, page, problems, posts };
}

/** A screenshot of the whole viewport into `.ci-reports/` (a CI artifact, git-ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(repoRoot, '.ci-reports', `e2e-sessions-${name}.png`);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/** Waits (polling the DOM) until the element's text differs from `before`; returns the new text. */
export async function textChanges(page: Page, locator: Locator, before: string, timeout = 30_000): Promise<string> {
  const handle = await locator.elementHandle();
  await page.waitForFunction(([el, was]) => el?.textContent !== was, [handle, before] as const, { timeout });
  return (await locator.textContent()) ?? '';
}

/** A scripted GraphQL request with the dashboard's key (for preconditions, not for the UI's work). */
export async function gql<T>(stack: Stack, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.key },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** `YYYY-MM-DD HH:mm`, 24-hour UTC: what the backtest window's fields take. */
export const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The card of one session in a list, matched by id and (optionally) status. */
export const sessionCard = (scope: Page | Locator, id: string, status?: string) =>
  scope.locator(`[data-testid="session-card"][data-session-id="${id}"]${status ? `[data-status="${status}"]` : ''}`);

/** Precondition: the stack's generated day of XBTUSD history is written (24 hour segments). */
export async function archiveWritten(stack: Stack): Promise<void> {
  const segments = async () =>
    (await gql<{ archiveInfo: { segments: number } | null }>(stack, '{ archiveInfo(market: "XBTUSD") { segments } }'))
      .archiveInfo?.segments ?? 0;
  await expect.poll(segments, { timeout: 90_000, interval: 500 }).toBeGreaterThanOrEqual(24);
}
