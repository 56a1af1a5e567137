import type {} from '@hm/engine/testing';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sessionCard, shot } from './ui-helpers.js';
import { setupUiStack } from './ui-stack.js';

// LIVE trading from the dashboard, offline: `hm start` registers the exchange simulator's account
// as "Simulator"; a user creates a LIVE TestBot on it through the New session dialog (typing the
// phrase), watches it fill, pulls the kill switch (typing KILL) and sees the session HALTED.

const PHRASE = 'I understand this trades real money';
const ui = setupUiStack('hm-e2e-live-ui-', {
  HM_HISTORY_DAYS: '0',
  HM_COLLECT: 'false',
});
const dashboard = ui.dashboard;

/** The value of the account picker's option for the account named `name`, once the accounts have loaded. */
async function accountOption(picker: Locator, name: string): Promise<string> {
  const option = picker.locator('option', { hasText: new RegExp(`^${name} · `) });
  await option.waitFor({ state: 'attached' });
  return (await option.getAttribute('value')) ?? '';
}

describe('LIVE trading in the dashboard', () => {
  it('creates a LIVE TestBot on the Simulator account from the dialog, sees it fill, and halts it with the kill switch', {
    timeout: 180_000,
  }, async () => {
    const { page, problems, posts } = await dashboard();
    await page.getByRole('tab', { name: 'Your Bots' }).click();
    await page.getByTestId('new-session').click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.waitFor();

    // TEST offers paper (the default) or an exchange account, never a MAINNET one.
    await dialog.getByLabel('Mode').selectOption('TEST');
    const venue = dialog.getByTestId('venue-picker');
    expect(await venue.getByLabel('Paper (simulated fills)').isChecked()).toBe(true);
    await venue.getByLabel('Exchange (testnet or simulator account)').check();
    const picker = dialog.getByTestId('account-picker');
    await accountOption(picker, 'Simulator');
    expect(await picker.locator('option', { hasText: 'MAINNET' }).count()).toBe(0);
    expect(
      await dialog.getByTestId('risk-limits').getAttribute('data-open'),
      'limits always apply on an exchange',
    ).toBe('true');

    // LIVE: the account, TestBot every 2 s with room for its orders, and the phrase.
    await dialog.getByLabel('Mode').selectOption('LIVE');
    await dialog.locator('#session-strategy option[value="TestBot"]').waitFor({ state: 'attached' });
    await dialog.getByLabel('Strategy').selectOption('TestBot');
    await dialog.getByLabel('Market', { exact: true }).selectOption('XBTUSD');
    const name = `e2e ui live ${Date.now().toString(36)}`;
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByTestId('params-form').getByLabel('Trade interval (seconds)').fill('2');
    await dialog.getByTestId('risk-limits').getByLabel('Max orders per minute (orders/min)').fill('100');
    await picker.selectOption(await accountOption(picker, 'Simulator'));

    // Not the exact phrase: the field says so and nothing is sent.
    const confirm = dialog.getByTestId('confirm-live');
    await confirm.fill(PHRASE.toLowerCase());
    await dialog.getByTestId('create-submit').click();
    await dialog.locator('[data-testid="field-error"][data-field="confirmLive"]').waitFor();
    expect(posts.filter((body) => body.includes('createSession'))).toEqual([]);
    await confirm.fill(PHRASE);
    await shot(page, 'live-1-create-live');
    await dialog.getByTestId('create-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // The drawer shows where it trades and its limits (defaults filled in for the blank ones).
    const id = new URL(page.url()).searchParams.get('session') ?? '';
    expect(id).not.toBe('');
    const detail = page.getByTestId('session-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('session-venue').textContent()).toBe('Simulator (simulator)');
    const risk = detail.getByTestId('session-risk');
    await risk.getByText('100 (more halts the session)').waitFor();
    expect(await risk.textContent()).toContain('1,000 contracts');
    await page.getByTestId('detail-close').click();
    await detail.waitFor({ state: 'detached' });

    // Running, on the simulator account, with fills the exchange executed.
    const running = sessionCard(page.getByTestId('sessions-running'), id, 'RUNNING');
    await running.waitFor({ timeout: 60_000 });
    expect(await running.getByTestId('session-mode').textContent()).toBe('LIVE');
    expect(await running.getByTestId('session-venue').getAttribute('data-network')).toBe('SIMULATOR');
    await page.waitForFunction(
      (sel) => Number(document.querySelector(sel)?.textContent?.replace(/,/g, '') ?? 0) >= 2,
      `[data-testid="session-card"][data-session-id="${id}"] [data-testid="session-fills"]`,
      { timeout: 60_000 },
    );
    await shot(page, 'live-2-running');

    // The kill switch: explained, and only once KILL is typed.
    await page.getByTestId('kill-switch').click();
    const kill = page.getByRole('dialog', { name: 'Kill switch' });
    await kill.waitFor();
    expect(await kill.textContent()).toContain('Open positions are left as they are');
    const pull = kill.getByTestId('kill-switch-confirm');
    expect(await pull.isDisabled()).toBe(true);
    await kill.getByLabel(/^Reason/).fill('e2e ui');
    await kill.getByTestId('kill-switch-input').fill('kill');
    expect(await pull.isDisabled(), 'the word must be typed exactly').toBe(true);
    await kill.getByTestId('kill-switch-input').fill('KILL');
    await shot(page, 'live-3-kill-switch');
    await pull.click();
    await kill.waitFor({ state: 'detached' });
    const toast = page.getByTestId('toast').filter({ hasText: 'Kill switch:' });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(
      /Kill switch: \d+ sessions? halted; .*Simulator \(simulator\): \d+ orders? cancelled/,
    );

    // It leaves the Running list and shows HALTED in History, with the reason.
    await sessionCard(page.getByTestId('sessions-running'), id).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('tab-history').click();
    const halted = sessionCard(page.getByTestId('sessions-history'), id, 'HALTED');
    await halted.waitFor();
    expect(await halted.getByTestId('session-status').textContent()).toBe('halted');
    expect(await halted.getByTestId('session-reason').textContent()).toBe('halted: kill switch: e2e ui');
    // Its own style: neither a failure's nor a stop's.
    const colour = (status: string) =>
      page.evaluate((s) => {
        const pill = document.createElement('span');
        pill.className = `status-pill status-${s}`;
        document.body.append(pill);
        const c = getComputedStyle(pill).color;
        pill.remove();
        return c;
      }, status);
    const haltedColour = await colour('halted');
    expect([await colour('failed'), await colour('stopped')]).not.toContain(haltedColour);
    // The History filter offers HALTED on its own.
    const statusFilter = page.getByTestId('your-bots').getByLabel('Status');
    await statusFilter.selectOption({ label: 'halted' });
    await sessionCard(page.getByTestId('sessions-history'), id, 'HALTED').waitFor();
    await shot(page, 'live-4-halted');

    // Starting it again sends real orders again: the phrase is asked for, and Cancel leaves it halted.
    await halted.getByTestId('action-start').click();
    const again = page.getByRole('dialog', { name: `Start LIVE session ${name}` });
    await again.waitFor();
    const startAgain = again.getByRole('button', { name: 'Start', exact: true });
    expect(await startAgain.isDisabled(), 'not without the phrase').toBe(true);
    await again.getByTestId('confirm-live').fill(PHRASE);
    expect(await startAgain.isDisabled()).toBe(false);
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached' });
    expect(await halted.getByTestId('session-status').textContent()).toBe('halted');

    // The drawer says why, where it traded and under which limits.
    await halted.getByRole('button', { name }).click();
    const drawer = page.locator(`[data-testid="session-detail"][data-session-id="${id}"]`);
    await drawer.waitFor();
    expect(await drawer.getByTestId('session-reason').textContent()).toBe('halted: kill switch: e2e ui');
    expect(await drawer.getByTestId('session-status').textContent()).toBe('halted');
    await drawer.getByTestId('session-risk').scrollIntoViewIfNeeded();
    await shot(page, 'live-5-halted-drawer');
    expect(problems).toEqual([]);
  });

  it('lists exchange accounts, adds one without ever showing its secret, and revokes it', async () => {
    const { page, problems, posts } = await dashboard('?tab=accounts');
    const panel = page.getByTestId('accounts-panel');
    await panel.waitFor();
    const sim = panel.getByTestId('account-row').filter({ hasText: 'Simulator' });
    await sim.waitFor();
    expect(await sim.getAttribute('data-network')).toBe('SIMULATOR');

    const name = `e2e testnet ${Date.now().toString(36)}`;
    const secret = `s3cret-${Date.now().toString(36)}-never-shown`;
    await panel.getByTestId('add-account').click();
    const add = page.getByRole('dialog', { name: 'Add exchange account' });
    await add.getByLabel('Name').fill(name);
    await add.getByLabel('Network').selectOption('TESTNET');
    await add.getByLabel('API key id').fill('e2eKeyId12345678');
    const secretField = add.getByLabel('API secret');
    expect(await secretField.getAttribute('type')).toBe('password');
    await secretField.fill(secret);
    await add.getByTestId('add-account-submit').click();
    await add.waitFor({ state: 'detached' });
    const row = panel.getByTestId('account-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('e2eK…');
    expect(
      posts.filter((b) => b.includes(secret)),
      'the secret is sent once',
    ).toHaveLength(1);
    expect(await page.content()).not.toContain(secret);
    await shot(page, 'live-6-accounts');

    await row.getByTestId('account-revoke').click();
    await row.getByTestId('account-revoke-confirm').click();
    await page.locator('[data-testid="account-row"].revoked', { hasText: name }).waitFor();
    expect(await row.getByTestId('account-revoke').count(), 'a revoked account cannot be revoked again').toBe(0);
    expect(problems).toEqual([]);
  });
});
