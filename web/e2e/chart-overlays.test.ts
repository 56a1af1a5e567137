import type {} from '@hm/engine/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { archiveWritten, gql, shot } from './ui-helpers.js';
import { setupUiStack } from './ui-stack.js';

// The price chart's own tools and what a selected session adds to it, in a real browser on a real
// stack. The simulator runs 6× faster than the clock (a one-minute candle every 10 s), so a paper
// SDBot with a 2-candle window plots its bands and trades within a minute or so.

const started: string[] = [];
const ui = setupUiStack(
  'hm-e2e-chart-',
  {
    HM_HISTORY_DAYS: '1',
    HM_SIM_SPEED: '6',
  },
  {
    // Stop the paper sessions this file started: a sweeper of another file's stack must not resume them.
    beforeStop: async (stack) => {
      for (const id of started) {
        await gql(stack, 'mutation($id: ID!) { stopSession(id: $id) { __typename } }', { id }).catch(() => {});
      }
    },
  },
);
const dashboard = ui.dashboard;

/** Waits until the price chart's `data-<name>` is `want` (a string) or at least `want` (a number); returns it. */
async function chartAttr(page: Page, name: string, want: string | number, timeout = 60_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([attr, wanted]) => {
      const value = document.querySelector('[data-testid="price-chart"]')?.getAttribute(`data-${attr}`) ?? '';
      const ok = typeof wanted === 'number' ? value !== '' && Number(value) >= wanted : value === wanted;
      return ok ? value : false;
    },
    [name, want] as const,
    { timeout },
  );
  return String(await handle.jsonValue());
}

const readChart = async (page: Page, name: string) =>
  (await page.getByTestId('price-chart').getAttribute(`data-${name}`)) ?? '';

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('the price chart', { shuffle: false }, () => {
  it('draws SMA and Bollinger bands from the indicator menu and switches to a log scale, both kept in the URL', {
    timeout: 180_000,
  }, async () => {
    // The chart opens on a full history for the studies to run over.
    await archiveWritten(ui.stack);
    const { page, problems } = await dashboard('?market=XBTUSD&period=M1');
    await chartAttr(page, 'candle-updates', 2);
    expect(await readChart(page, 'overlays')).toBe('0');

    const menu = page.getByTestId('indicator-menu');
    await menu.getByRole('button', { name: /^Indicators/ }).click();
    await menu.getByRole('checkbox', { name: /^SMA/ }).check();
    await menu.getByRole('checkbox', { name: /^Bollinger/ }).check();
    // One line for the SMA, three for the bands (middle, upper, lower).
    await chartAttr(page, 'overlays', '4');
    expect(param(page, 'ind')).toBe('sma20.bb20');
    await shot(page, 'chart-1-indicator-menu');

    // A period typed in the menu replaces the study (still one SMA line).
    await menu.getByRole('spinbutton', { name: 'SMA period' }).fill('50');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('ind') === 'sma50.bb20');
    expect(await readChart(page, 'overlays')).toBe('4');
    await page.keyboard.press('Escape');

    const scale = page.getByTestId('price-scale-mode');
    await scale.getByRole('button', { name: 'Log' }).click();
    // The mode the chart reports back, not the button's state.
    await chartAttr(page, 'scale', 'log');
    expect(param(page, 'scale')).toBe('log');
    expect(await scale.getAttribute('data-mode')).toBe('log');

    // Live candles keep coming with the studies on (each one updates them, nothing is rebuilt).
    const before = Number(await readChart(page, 'candle-updates'));
    await chartAttr(page, 'candle-updates', before + 3);
    await shot(page, 'chart-2-studies-log');

    // A reload restores both from the URL.
    await page.reload();
    await chartAttr(page, 'overlays', '4');
    await chartAttr(page, 'scale', 'log');
    expect(problems).toEqual([]);
  });

  it('shows a paper session’s bands and round trips on its market, with toasts clear of the drawer, and removes them with the selection', {
    timeout: 180_000,
  }, async () => {
    const { page, problems } = await dashboard('?market=XBTUSD&period=M1&ind=sma20');
    await chartAttr(page, 'candle-updates', 1);
    await chartAttr(page, 'overlays', '1');

    // A paper SDBot on a 2-candle window with narrow bands: it plots from the second candle on and
    // trades often.
    await page.getByRole('tab', { name: 'Your Bots' }).click();
    await page.getByTestId('new-session').click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Mode').selectOption('TEST');
    await dialog.locator('#session-strategy option[value="SDBot"]').waitFor({ state: 'attached' });
    await dialog.getByLabel('Strategy').selectOption('SDBot');
    await dialog.getByLabel('Market', { exact: true }).selectOption('XBTUSD');
    const name = `e2e chart ${Date.now().toString(36)}`;
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByTestId('params-form').getByLabel('Period (candles)').fill('2');
    await dialog
      .getByTestId('params-form')
      .getByLabel(/^Num std/)
      .fill('0.5');
    await dialog.getByTestId('create-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const id = param(page, 'session') ?? '';
    expect(id).not.toBe('');
    started.push(id);

    // The "created" toast shows while the drawer is open: it must not cover any of the drawer's buttons.
    await page.getByTestId('session-detail').waitFor();
    await page.getByTestId('toast').first().waitFor();
    await shot(page, 'chart-3-toast-and-drawer');
    const overlaps = await page.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const drawer = document.querySelector('.drawer');
      if (!drawer) return ['no drawer'];
      const d = box(drawer);
      const hits: string[] = [];
      for (const t of Array.from(document.querySelectorAll('[data-testid="toast"]')).map(box)) {
        for (const button of Array.from(drawer.querySelectorAll('button'))) {
          const b = box(button);
          // Only the part of the button the drawer shows (it scrolls and clips the rest).
          const top = Math.max(b.top, d.top);
          const bottom = Math.min(b.bottom, d.bottom);
          if (bottom <= top) continue;
          if (t.left < b.right && b.left < t.right && t.top < bottom && top < t.bottom) {
            hits.push(button.textContent ?? '?');
          }
        }
      }
      return hits;
    });
    expect(overlaps, 'drawer buttons under a toast').toEqual([]);

    // Put the drawer away: the session stays selected and is drawn on the chart.
    await page.getByTestId('detail-show-chart').click();
    await page.getByTestId('session-detail').waitFor({ state: 'detached' });
    expect(param(page, 'session')).toBe(id);
    const legend = page.getByTestId('legend-session');
    await legend.waitFor();
    expect(await legend.getAttribute('data-lines')).toBe('3');
    // bb_mid, bb_upper, bb_lower on the price scale, next to the SMA: four lines.
    await chartAttr(page, 'overlays', '4');
    await page.locator('[data-testid="legend-session"][data-lines-drawn="3"]').waitFor({ timeout: 90_000 });
    // Each round trip is an entry and an exit marker.
    const markers = Number(await chartAttr(page, 'markers', 2, 100_000));
    expect(markers % 2).toBe(0);
    await shot(page, 'chart-4-session-overlays');

    // Taking the session off the chart removes its lines and markers; the study stays.
    await page.getByTestId('legend-clear-session').click();
    await chartAttr(page, 'markers', '0');
    await chartAttr(page, 'overlays', '1');
    expect(param(page, 'session')).toBeNull();
    expect(await legend.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('loads older candles from the archive when the chart is scrolled left past the newest 1000', {
    timeout: 180_000,
  }, async () => {
    await archiveWritten(ui.stack);
    const { page, problems } = await dashboard('?market=XBTUSD&period=M1&ind=sma20');
    // The variables of every older-candles query the page sends (urql sends queries as GET).
    const asked: { to: number; limit: number }[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname !== '/graphql' || url.searchParams.get('operationName') !== 'OlderCandles') return;
      asked.push(JSON.parse(url.searchParams.get('variables') ?? '{}'));
    });
    await chartAttr(page, 'overlays', '1');
    // The first 1000 candles reach back most of the generated day (a live bar alone would not).
    const nowS = Math.floor(Date.now() / 1000);
    const loaded = await page.waitForFunction(
      (floor) => {
        const v = Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-oldest') || 0);
        return v > 0 && v < floor ? v : false;
      },
      nowS - 12 * 3_600,
      { timeout: 60_000 },
    );
    const first = Number(await loaded.jsonValue());
    expect(asked, 'nothing older is asked for until the user scrolls').toEqual([]);

    // Drag the candles to the right, as a user scrolls back in time, until older history comes in.
    const box = await page.getByTestId('price-chart').boundingBox();
    if (!box) throw new Error('no chart');
    const y = box.y + box.height / 2;
    const dragRight = async () => {
      await page.mouse.move(box.x + 60, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 120, y, { steps: 8 });
      await page.mouse.up();
    };
    for (let i = 0; i < 40 && Number(await readChart(page, 'oldest')) >= first; i++) await dragRight();
    const older = Number(
      await (
        await page.waitForFunction(
          (was) => {
            const v = Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-oldest') || 0);
            return v > 0 && v < was ? v : false;
          },
          first,
          { timeout: 30_000 },
        )
      ).jsonValue(),
    );
    expect(older).toBeLessThan(first);
    expect((first - older) % 60, 'whole one-minute buckets').toBe(0);
    // Asked for the candles just before the oldest it had; the study is still drawn over them.
    expect(asked[0]).toMatchObject({ to: first - 1, limit: 1000 });
    expect(await readChart(page, 'overlays')).toBe('1');
    await shot(page, 'chart-5-older-history');

    // That page reached the start of the archive: at the new edge one more request finds nothing,
    // and then no more are sent however far the user drags.
    const emptyAnswer = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get('operationName') === 'OlderCandles' && asked.length === 2,
    );
    for (let i = 0; i < 40 && asked.length < 2; i++) await dragRight();
    await emptyAnswer;
    expect(asked[1]).toMatchObject({ to: older - 1 });
    for (let i = 0; i < 3; i++) await dragRight();
    expect(asked).toHaveLength(2);
    expect(Number(await readChart(page, 'oldest'))).toBe(older);
    expect(problems).toEqual([]);
  });
});
