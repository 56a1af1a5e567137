import { expect, it } from 'vitest';
import { accountFormErrors, accountOptionLabel, pickableAccounts } from './accounts.js';

const accounts = [
  { id: 'm', name: 'Main', network: 'MAINNET' as const, keyHint: 'AbCd…' },
  { id: 't', name: 'Testnet', network: 'TESTNET' as const, keyHint: 'tT01' },
  { id: 's', name: 'Simulator', network: 'SIMULATOR' as const, keyHint: 'sim1' },
  { id: 'r', name: 'Gone', network: 'TESTNET' as const, keyHint: 'zz99', revokedAt: '2024-01-01T00:00:00.000Z' },
];

it('offers LIVE every usable account and TEST only testnet and simulator ones', () => {
  expect(pickableAccounts(accounts, 'LIVE').map((a) => a.id)).toEqual(['m', 't', 's']);
  expect(pickableAccounts(accounts, 'TEST').map((a) => a.id)).toEqual(['t', 's']);
});

it('marks a MAINNET account as real money in the picker', () => {
  expect(accountOptionLabel({ id: 'm', name: 'Main', network: 'MAINNET', keyHint: 'AbCd…' })).toBe(
    'Main · MAINNET — real money · key AbCd…',
  );
  expect(accountOptionLabel({ id: 's', name: 'Simulator', network: 'SIMULATOR' })).toBe('Simulator · simulator');
});

it('checks the Add account form like the API', () => {
  expect(accountFormErrors({ name: ' ', network: 'TESTNET', apiKey: 'short', apiSecret: '       x' })).toEqual({
    name: '1 to 100 characters',
    apiKey: 'the API key id (at least 8 characters)',
    apiSecret: 'the API secret (at least 8 characters)',
  });
  expect(accountFormErrors({ name: 'Desk', network: 'MAINNET', apiKey: 'abcdefgh', apiSecret: 'secret-12' })).toEqual(
    {},
  );
});
