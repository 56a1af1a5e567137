import { expect, it } from 'vitest';
import { classifyUpdate, cleanFilter, matchesFilter } from './session-filter.js';

const s = { id: 'a', mode: 'TEST', status: 'RUNNING', markets: ['XBTUSD', 'ETHUSD'], strategy: 'SDBot' };

it('applies every given condition, markets matching either leg', () => {
  expect(matchesFilter(s, {})).toBe(true);
  expect(matchesFilter(s, { market: 'ETHUSD', strategy: 'SDBot', mode: 'TEST', status: ['RUNNING'] })).toBe(true);
  expect(matchesFilter(s, { status: ['STOPPED', 'FAILED'] })).toBe(false);
  expect(matchesFilter(s, { mode: 'TEST' }, { modes: ['TEST', 'LIVE'] })).toBe(false);
});

it('merges updates of shown sessions, re-queries on joins and leaves, ignores the rest', () => {
  const running = { status: ['RUNNING' as const] };
  expect(classifyUpdate(s, new Set(['a']), running)).toBe('merge');
  expect(classifyUpdate({ ...s, status: 'STOPPED' }, new Set(['a']), running)).toBe('refetch');
  expect(classifyUpdate(s, new Set(), running)).toBe('refetch');
  expect(classifyUpdate({ ...s, status: 'STOPPED' }, new Set(), running)).toBe('ignore');
  // A collector's heartbeat does not disturb a list that leaves collectors out.
  const collector = { ...s, id: 'c', mode: 'MARKET' };
  expect(classifyUpdate(collector, new Set(['a']), running, { modes: ['MARKET'] })).toBe('ignore');
});

it('drops empty filter values', () => {
  expect(cleanFilter({ mode: null, status: [], market: '', strategy: 'SDBot' })).toEqual({ strategy: 'SDBot' });
});
