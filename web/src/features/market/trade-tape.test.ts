import { expect, it } from 'vitest';
import { mergeTrades } from './trade-tape.js';

const t = (id: string) => ({ id });

it('puts a batch newest first above the shown trades, each id once, at most `keep`', () => {
  expect(mergeTrades([t('b'), t('a')], [t('c'), t('d')], 10).map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
  expect(mergeTrades([t('b'), t('a')], [t('b'), t('c'), t('c')], 10).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  expect(mergeTrades([t('b'), t('a')], [t('c'), t('d'), t('e')], 3).map((x) => x.id)).toEqual(['e', 'd', 'c']);
});

it('returns the same array when nothing is new (no re-render)', () => {
  const shown = [t('a')];
  expect(mergeTrades(shown, [t('a')], 5)).toBe(shown);
});
