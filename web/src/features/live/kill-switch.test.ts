import { expect, it } from 'vitest';
import { killSummary } from './kill-switch.js';

it('summarises the sessions halted and each account’s cancels', () => {
  const names = new Map([['a1', 'Simulator']]);
  expect(
    killSummary({ sessionsHalted: 2, accounts: [{ accountId: 'a1', network: 'SIMULATOR', cancelled: 1 }] }, names),
  ).toEqual({ ok: true, message: 'Kill switch: 2 sessions halted; Simulator (simulator): 1 order cancelled' });
  expect(killSummary({ sessionsHalted: 1, accounts: [] }, names)).toEqual({
    ok: true,
    message: 'Kill switch: 1 session halted; no exchange account to cancel on',
  });
});

it('reads as a failure when an account could not be reached (its orders may still work)', () => {
  const r = killSummary(
    {
      sessionsHalted: 0,
      accounts: [
        { accountId: 'a1', network: 'SIMULATOR', cancelled: 3 },
        { accountId: '0123456789ab', network: 'TESTNET', cancelled: 0, error: 'fetch failed' },
      ],
    },
    new Map([['a1', 'Simulator']]),
  );
  expect(r).toEqual({
    ok: false,
    message:
      'Kill switch: 0 sessions halted; Simulator (simulator): 3 orders cancelled; 01234567 (testnet): FAILED — fetch failed',
  });
});
