import type {} from '@hm/engine/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { archiveWritten, sessionCard, shot, textChanges, utcInput } from './ui-helpers.js';
import { setupUiStack } from './ui-stack.js';

// The two session workflows of the dashboard, as a user clicks through them in a real browser on
// a real stack (`hm start`, a private Redis, the shared test Postgres, one day of generated history).

const HOUR = 3_600_000;
const ui = setupUiStack('hm-e2e-ui-', {
  HM_HISTORY_DAYS: '1',
});
const dashboard = ui.dashboard;

/** The New session dialog, opened from `button` (a test id), with mode, strategy and market chosen. */
async function newSessionDialog(page: Page, tab: string, button: string, mode: string): Promise<Locator> {
  // The tab must be selected before its panel's button exists (a click while the page is still
  // settling has been lost under load): click until it is, a few times at most.
  const selectedTab = page.getByRole('tab', { name: tab, selected: true });
  for (let attempt = 0; attempt < 3 && !(await selectedTab.isVisible()); attempt++) {
    await page.getByRole('tab', { name: tab }).click();
    await selectedTab.waitFor({ timeout: 5_000 }).catch(() => {});
  }
  await page.getByTestId(button).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.waitFor();
  await dialog.getByLabel('Mode').selectOption(mode);
  // The strategies arrive by query: wait for SDBot among the options before choosing it.
  await dialog.locator('#session-strategy option[value="SDBot"]').waitFor({ state: 'attached' });
  await dialog.getByLabel('Strategy').selectOption('SDBot');
  await dialog.getByLabel('Market', { exact: true }).selectOption('XBTUSD');
  return dialog;
}

describe('session workflows in the dashboard', () => {
  it('at 1280×800 shows the session panels in the first screen, below the chart, book and tape', async () => {
    const { page, problems } = await dashboard();
    // Full book and tape first: their height is what pushed the panels out of view.
    await page.getByTestId('book-bid-row').first().waitFor();
    await page.getByTestId('trade-row').nth(10).waitFor();
    const box = async (testId: string) => (await page.getByTestId(testId).boundingBox()) ?? { y: 0, height: 0 };
    const bottom = await box('bottom-panel');
    for (const above of ['price-chart', 'order-book', 'recent-trades']) {
      const b = await box(above);
      expect(b.y + b.height, `${above} ends above the session panels`).toBeLessThanOrEqual(bottom.y);
    }
    expect(bottom.y, 'the session panels start in the first screen').toBeLessThan(800 - 200);
    await shot(page, '0-dashboard');
    expect(problems).toEqual([]);
  });

  it('creates a TEST SDBot session from the form, shows it running and healthy, and stops it from its card', async () => {
    const { page, problems } = await dashboard();
    const dialog = await newSessionDialog(page, 'Your Bots', 'new-session', 'TEST');
    const name = `e2e ui paper ${Date.now().toString(36)}`;
    await dialog.getByLabel('Name').fill(name);
    // The parameters form is generated from SDBot's JSON Schema, with its defaults filled in.
    const params = dialog.getByTestId('params-form');
    expect(await params.getByLabel('Period (candles)').inputValue()).toBe('20');
    expect(await params.getByLabel(/^Num std/).inputValue()).toBe('2');
    await shot(page, '1-create-form');
    await dialog.getByTestId('create-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // The new session opens in the drawer (its id in the URL); its card is in the Running list.
    const id = new URL(page.url()).searchParams.get('session') ?? '';
    expect(id).not.toBe('');
    const detail = page.getByTestId('session-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('detail-name').textContent()).toBe(name);
    await page.getByTestId('detail-close').click();
    await detail.waitFor({ state: 'detached' });

    const running = sessionCard(page.getByTestId('sessions-running'), id, 'RUNNING');
    await running.waitFor({ timeout: 60_000 });
    expect(await running.getByRole('button', { name }).isVisible()).toBe(true);
    expect(await running.getByTestId('session-mode').textContent()).toBe('paper');
    expect(await running.getByTestId('session-status').textContent()).toBe('running');
    await running.locator('[data-testid="session-health"][data-health="HEALTHY"]').waitFor();
    // The runtime ticks on screen (from the page's clock, not from new data).
    const runtime = running.getByTestId('session-runtime');
    const before = (await runtime.textContent()) ?? '';
    expect(before).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(await textChanges(page, runtime, before)).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await shot(page, '2-session-running');

    // Stop from the card: it leaves the Running list and shows as STOPPED in History.
    await running.getByTestId('action-stop').click();
    await sessionCard(page.getByTestId('sessions-running'), id).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('tab-history').click();
    const stopped = sessionCard(page.getByTestId('sessions-history'), id, 'STOPPED');
    await stopped.waitFor();
    expect(await stopped.getByTestId('session-status').textContent()).toBe('stopped');
    expect(await stopped.getByTestId('session-health').count(), 'no heartbeat once stopped').toBe(0);
    await shot(page, '3-session-stopped');
    expect(problems).toEqual([]);
  });

  it('runs a backtest from the form and opens its result: progress, metric tiles, equity chart', async () => {
    await archiveWritten(ui.stack);

    const { page, problems } = await dashboard();
    const dialog = await newSessionDialog(page, 'Backtests', 'new-backtest', 'BACKTEST');
    const name = `e2e ui backtest ${Date.now().toString(36)}`;
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByText(/^XBTUSD archive: /).waitFor();
    const now = Date.now();
    await dialog.getByLabel('From (UTC)').fill(utcInput(now - 3 * HOUR));
    await dialog.getByLabel('To (UTC, exclusive)').fill(utcInput(now - HOUR));
    await shot(page, '4-backtest-form');
    // Remember every progress bar drawn in a dialog (the run may be over before a test could look).
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        for (const bar of Array.from(document.querySelectorAll('[role="dialog"] [data-testid="backtest-progress"]'))) {
          const label = bar.closest('[role="dialog"]')?.getAttribute('aria-label');
          seen.push(`${label}: ${bar.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')}%`);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const progressSeen = () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    await dialog.getByTestId('create-submit').click();
    await page.waitForFunction(() => (window as unknown as { progressSeen: string[] }).progressSeen.length > 0);
    expect((await progressSeen())[0]).toBe(`Backtest: ${name}: 0%`);
    const watch = page.getByRole('dialog', { name: `Backtest: ${name}` });
    if (await watch.isVisible()) await shot(page, '5-backtest-progress');

    // When it completes the watch dialog closes and the result opens in the drawer.
    const detail = page.locator('[data-testid="session-detail"][data-status="COMPLETED"]');
    await detail.waitFor({ timeout: 90_000 });
    expect(await watch.count()).toBe(0);
    expect(await detail.getByTestId('detail-name').textContent()).toBe(name);
    const tiles = detail.getByTestId('metric-tile');
    expect(await tiles.count()).toBeGreaterThanOrEqual(10);
    for (const metric of ['sharpe', 'netPnl', 'winRate', 'maxDrawdownPct', 'fills']) {
      expect(await detail.getByTestId(`metric-${metric}`).textContent(), metric).toMatch(/\d/);
    }
    const chart = detail.getByTestId('equity-chart');
    await chart.locator('canvas').first().waitFor();
    // The curve arrives by its own query (re-read, debounced, when the status turns COMPLETED).
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="session-detail"] [data-testid="equity-chart"]')
            ?.getAttribute('data-points'),
        ) > 1,
      undefined,
      { timeout: 30_000 },
    );
    const box = await chart.locator('canvas').first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    await shot(page, '6-backtest-result');

    // Back closes the result (it was opened once), leaving the Backtests list, where it shows completed.
    const id = (await detail.getAttribute('data-session-id')) ?? '';
    await page.goBack();
    await page.getByTestId('session-detail').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('session')).toBeNull();
    const row = sessionCard(page.getByTestId('backtests-panel'), id, 'COMPLETED');
    await row.waitFor();
    expect(await row.getByTestId('session-status').textContent()).toBe('completed');
    await shot(page, '7-backtests-list');
    expect(problems).toEqual([]);
  });

  it('shows a field error for an out-of-bounds parameter and does not submit', async () => {
    const { page, problems, posts } = await dashboard();
    const dialog = await newSessionDialog(page, 'Your Bots', 'new-session', 'TEST');
    const period = dialog.getByTestId('params-form').getByLabel('Period (candles)');
    await period.fill('1');
    await dialog.getByTestId('create-submit').click();
    const error = dialog.locator('[data-testid="field-error"][data-field="params.period"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('must be ≥ 2, ≤ 10,000');
    expect(await period.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByTestId('field-error').count(), 'only the period is wrong').toBe(1);
    await shot(page, '8-invalid-param');
    expect(await dialog.isVisible(), 'the dialog stays open').toBe(true);
    expect(posts.filter((body) => body.includes('createSession'))).toEqual([]);

    // Corrected, the same form goes through.
    await period.fill('2');
    await dialog.getByTestId('create-submit').click();
    await dialog.waitFor({ state: 'detached' });
    expect(posts.filter((body) => body.includes('createSession'))).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
