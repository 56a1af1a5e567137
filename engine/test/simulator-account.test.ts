import { createDb } from '@hm/db';
import type {} from '@hm/engine/testing';
import { afterAll, expect, inject, it } from 'vitest';
import { loadCredentials } from '../src/live/exchange-accounts.js';
import { SecretBox } from '../src/live/secret-box.js';
import { ensureSimulatorAccount } from '../src/live/simulator-account.js';
import { defaultTestAccount } from '../src/simulator/private/accounts.js';

const db = createDb(inject('databaseUrl'), { poolSize: 1 });
afterAll(() => db.$disconnect());

it('the simulator account opens under whichever secrets key starts the stack (its credentials are public)', async () => {
  const a = new SecretBox(SecretBox.generateKey());
  const b = new SecretBox(SecretBox.generateKey());
  // Its own name: e2e stacks use "Simulator" in the same database at the same time.
  const name = `Simulator test ${Date.now()}`;
  const id = await ensureSimulatorAccount(db, a, name);
  expect(await ensureSimulatorAccount(db, a, name)).toBe(id);
  expect(await ensureSimulatorAccount(db, b, name), 'the same account, sealed again').toBe(id);
  const creds = await loadCredentials(db, b, id);
  expect(creds).toMatchObject({ network: 'SIMULATOR', apiKey: defaultTestAccount().apiKey });
  await expect(loadCredentials(db, a, id)).rejects.toThrow(/does not open/);
});
