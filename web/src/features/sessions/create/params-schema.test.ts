import { expect, it } from 'vitest';
import { boundsText, fieldsFromSchema, humanize, initialValues, parseField, validateParams } from './params-schema.js';

/** SDBot's schema exactly as the API serves it (zod → JSON Schema draft 2020-12). */
const SDBOT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    trade_size: {
      default: 100,
      description: 'Size of each order (contracts)',
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 9007199254740991,
    },
    leverage: {
      default: 1,
      description: 'Leverage used for margin, 1 = fully margined (x)',
      type: 'number',
      minimum: 1,
      maximum: 100,
    },
    candle_period: {
      default: 'M1',
      description: 'Candle period the bands are computed on (period)',
      type: 'string',
      enum: ['M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1'],
    },
    period: {
      default: 20,
      description: 'Closes in the moving window (candles)',
      type: 'integer',
      minimum: 2,
      maximum: 10000,
    },
    num_std: {
      default: 2,
      description: 'Band half-width (population standard deviations)',
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 10,
    },
  },
  additionalProperties: false,
};

it('builds one field per property with kind, bounds, step, unit and help', () => {
  const fields = fieldsFromSchema(SDBOT);
  expect(fields.map((f) => [f.name, f.kind])).toEqual([
    ['trade_size', 'integer'],
    ['leverage', 'number'],
    ['candle_period', 'enum'],
    ['period', 'integer'],
    ['num_std', 'number'],
  ]);
  const size = fields[0];
  expect(size).toMatchObject({
    label: 'Trade size',
    unit: 'contracts',
    min: 0,
    exclusiveMin: true,
    max: null,
    step: '1',
  });
  expect(size && boundsText(size)).toBe('> 0');
  const lev = fields[1];
  expect(lev).toMatchObject({ min: 1, max: 100, exclusiveMin: false, step: 'any', unit: 'x', default: 1 });
  expect(lev?.help).toBe('Leverage used for margin, 1 = fully margined (x)');
  expect(lev && boundsText(lev)).toBe('≥ 1, ≤ 100');
  expect(fields[2]?.options).toEqual(['M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1']);
});

it('prefills the defaults, or a session’s own params when cloning', () => {
  const fields = fieldsFromSchema(SDBOT);
  expect(initialValues(fields)).toEqual({
    trade_size: '100',
    leverage: '1',
    candle_period: 'M1',
    period: '20',
    num_std: '2',
  });
  expect(initialValues(fields, { period: 50 }).period).toBe('50');
});

it('checks integers, bounds (exclusive too) and enum options, keyed like the API’s field', () => {
  const fields = fieldsFromSchema(SDBOT);
  const ok = validateParams(fields, {
    trade_size: '10',
    leverage: '2.5',
    candle_period: 'H1',
    period: '',
    num_std: '1',
  });
  expect(ok.errors).toEqual({});
  expect(ok.params).toEqual({ trade_size: 10, leverage: 2.5, candle_period: 'H1', period: 20, num_std: 1 });
  const bad = validateParams(fields, {
    trade_size: '0',
    leverage: '101',
    candle_period: 'X',
    period: '2.5',
    num_std: 'abc',
  });
  expect(bad.errors).toEqual({
    'params.trade_size': 'must be > 0',
    'params.leverage': 'must be ≥ 1, ≤ 100',
    'params.candle_period': 'one of M1, M5, M15, H1, H4, D1, W1',
    'params.period': 'must be a whole number',
    'params.num_std': 'must be a number',
  });
});

it('handles required fields without defaults, booleans, nullable types and draft-4 exclusive flags', () => {
  const fields = fieldsFromSchema({
    type: 'object',
    required: ['threshold', 'flag'],
    properties: {
      threshold: { type: ['number', 'null'], minimum: 0, exclusiveMinimum: true, multipleOf: 0.5 },
      flag: { type: 'boolean', default: false, title: 'Use flag' },
      note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    },
  });
  const [threshold, flag, note] = fields;
  expect(threshold).toMatchObject({ kind: 'number', required: true, exclusiveMin: true, step: '0.5' });
  expect(flag).toMatchObject({ kind: 'boolean', label: 'Use flag', required: false });
  expect(note?.kind).toBe('string');
  expect(threshold && parseField(threshold, '')).toEqual({ error: 'required' });
  expect(threshold && parseField(threshold, '0')).toEqual({ error: 'must be > 0' });
  expect(flag && parseField(flag, true)).toEqual({ value: true });
  expect(note && parseField(note, '  ')).toEqual({});
  expect(fieldsFromSchema(null)).toEqual([]);
  expect(humanize('evalIntervalMs')).toBe('Eval interval ms');
});
