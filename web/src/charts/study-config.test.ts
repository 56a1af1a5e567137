import { expect, it } from 'vitest';
import { parseStudies, serializeStudies, studyKey, studyLabel } from './study-config.js';

it('reads the `ind` URL parameter: kinds with periods, defaults, clamped, each kind once', () => {
  expect(parseStudies('sma20.bb20.vwap')).toEqual([
    { kind: 'sma', period: 20 },
    { kind: 'bb', period: 20 },
    { kind: 'vwap', period: 0 },
  ]);
  expect(parseStudies('ema')).toEqual([{ kind: 'ema', period: 50 }]);
  expect(parseStudies('sma1.ema99999')).toEqual([
    { kind: 'sma', period: 2 },
    { kind: 'ema', period: 500 },
  ]);
  expect(parseStudies('sma10.sma30.rsi14.<b>')).toEqual([{ kind: 'sma', period: 10 }]);
  expect(parseStudies(null)).toEqual([]);
  expect(parseStudies('')).toEqual([]);
});

it('writes them back in menu order; none removes the parameter', () => {
  expect(
    serializeStudies([
      { kind: 'vwap', period: 0 },
      { kind: 'sma', period: 9 },
    ]),
  ).toBe('sma9.vwap');
  expect(serializeStudies([])).toBeNull();
  const round = parseStudies(serializeStudies(parseStudies('bb30.ema12')));
  expect(round).toEqual([
    { kind: 'ema', period: 12 },
    { kind: 'bb', period: 30 },
  ]);
});

it('labels and keys', () => {
  expect(studyLabel({ kind: 'bb', period: 20 })).toBe('BB 20, 2σ');
  expect(studyLabel({ kind: 'vwap', period: 0 })).toBe('VWAP');
  expect(studyKey({ kind: 'sma', period: 20 })).not.toBe(studyKey({ kind: 'sma', period: 50 }));
});
