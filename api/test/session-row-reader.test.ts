import type { Db } from '@hm/db';
import { expect, it } from 'vitest';
import { sessionMatches } from '../src/schema/session-queries.js';
import { SessionRowReader } from '../src/sessions/session-row-reader.js';

// A unit test: the database is replaced by a counter to see how many reads one change costs.
it('reads a session row once per announced change, whoever asks, and afresh for the next change', async () => {
  let reads = 0;
  const db = {
    session: {
      findUnique: async ({ where }: { where: { id: string } }) => {
        reads++;
        return { id: where.id, reads };
      },
    },
  } as unknown as Db;
  const reader = new SessionRowReader(db);
  const change = { sessionId: 's1', status: 'RUNNING', atMs: 1 };
  const rows = await Promise.all([reader.read(change), reader.read(change), reader.read({ ...change })]);
  expect(reads).toBe(1);
  expect(new Set(rows).size).toBe(1);
  await reader.read({ ...change, atMs: 2 });
  await reader.read(change); // settled reads are forgotten: a repeat is read again
  expect(reads).toBe(3);
});

it('filters rows in memory as the database filter does', () => {
  const row = { mode: 'TEST' as const, status: 'RUNNING' as const, markets: ['XBTUSD'], strategy: 'SDBot' };
  expect(sessionMatches(row, null)).toBe(true);
  expect(
    sessionMatches(row, { modes: ['TEST', 'LIVE'], status: ['RUNNING'], market: 'XBTUSD', strategy: 'SDBot' }),
  ).toBe(true);
  expect(sessionMatches(row, { mode: 'LIVE' })).toBe(false);
  expect(sessionMatches(row, { status: ['STOPPED'] })).toBe(false);
  expect(sessionMatches(row, { market: 'ETHUSD' })).toBe(false);
  expect(sessionMatches(row, { strategy: 'TestBot' })).toBe(false);
});
