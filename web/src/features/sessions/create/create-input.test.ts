import { expect, it } from 'vitest';
import {
  buildSubmission,
  type CreateForm,
  defaultName,
  isFormField,
  parseUtcInput,
  toUtcInput,
} from './create-input.js';
import { fieldsFromSchema } from './params-schema.js';
import { EMPTY_RISK } from './risk-input.js';
import { LIVE_PHRASE } from './venue-input.js';

const NOW = Date.parse('2024-02-01T00:00:00.000Z');
const strategy = {
  name: 'PairTradeBot',
  legs: 2,
  fields: fieldsFromSchema({
    type: 'object',
    properties: { lookback: { type: 'integer', minimum: 2, maximum: 100000, default: 100 } },
  }),
};
const form = (over: Partial<CreateForm> = {}): CreateForm => ({
  mode: 'TEST',
  name: '',
  venue: 'SIMULATED',
  accountId: '',
  confirmLive: '',
  risk: EMPTY_RISK,
  strategy: 'PairTradeBot',
  markets: ['XBTUSD', 'XBTUSDT'],
  params: { lookback: '50' },
  rangeFrom: '',
  rangeTo: '',
  makerFeePct: '',
  takerFeePct: '',
  latencyMs: '',
  initialBalance: '',
  ...over,
});

it('reads typed window bounds as 24-hour UTC, whatever the browser’s zone or clock', () => {
  expect(parseUtcInput('2024-01-15 13:47')).toBe(Date.parse('2024-01-15T13:47:00.000Z'));
  expect(parseUtcInput(' 2024-01-15 00:05 ')).toBe(Date.parse('2024-01-15T00:05:00.000Z'));
  expect(parseUtcInput('2024-01-15T13:47')).toBe(Date.parse('2024-01-15T13:47:00.000Z'));
  expect(parseUtcInput('2024-01-15 13:47:12.5')).toBe(Date.parse('2024-01-15T13:47:12.500Z'));
  expect(toUtcInput(Date.parse('2024-01-15T13:47:59.999Z'))).toBe('2024-01-15 13:47');
  expect(parseUtcInput(toUtcInput(Date.parse('2024-12-31T23:59:00Z')))).toBe(Date.parse('2024-12-31T23:59:00Z'));
});

it('rejects what is not a real 24-hour UTC instant in that format', () => {
  for (const typed of [
    '15/01/2024',
    '2024-01-15 1:47 PM',
    '2024-01-15 01:47 PM',
    '2024-01-15 24:00',
    '2024-01-15 12:60',
    '2024-02-30 10:00',
    '2023-02-29 10:00',
    '2024-13-01 10:00',
    '2024-01-15',
    '2024-01-15 13:47:61',
    '',
  ]) {
    expect(parseUtcInput(typed), typed).toBeNull();
  }
  expect(parseUtcInput('2024-02-29 10:00'), 'a leap day').toBe(Date.parse('2024-02-29T10:00:00Z'));
});

it('builds a started TEST session with a generated name and typed params', () => {
  const r = buildSubmission(form({ makerFeePct: '-0.025', takerFeePct: '0.075', latencyMs: '25' }), strategy, NOW);
  expect(r).toEqual({
    ok: true,
    submission: {
      kind: 'create',
      input: {
        name: 'PairTradeBot XBTUSD/XBTUSDT test',
        mode: 'TEST',
        markets: ['XBTUSD', 'XBTUSDT'],
        strategy: 'PairTradeBot',
        params: { lookback: 50 },
        fees: { makerFee: -0.00025, takerFee: 0.00075, latencyMs: 25 },
      },
    },
  });
});

it('needs both legs, different ones, valid params and sane fees', () => {
  const r = buildSubmission(
    form({ markets: ['XBTUSD', 'XBTUSD'], params: { lookback: '1' }, takerFeePct: '5', latencyMs: '1.5' }),
    strategy,
    NOW,
  );
  expect(r.ok).toBe(false);
  if (!r.ok)
    expect(r.errors).toEqual({
      'markets[1]': 'the legs must differ',
      'params.lookback': 'must be ≥ 2, ≤ 100,000',
      'fees.takerFee': 'a percentage between -1 and 1',
      'fees.latencyMs': 'whole ms from 0 to 60,000',
    });
  const missing = buildSubmission(form({ markets: ['XBTUSD'] }), strategy, NOW);
  expect(missing.ok ? {} : missing.errors).toEqual({ 'markets[1]': 'pick a market' });
});

const ACCOUNTS = [
  { id: 'sim', name: 'Simulator', network: 'SIMULATOR' as const },
  { id: 'main', name: 'Main', network: 'MAINNET' as const },
  { id: 'old', name: 'Old', network: 'TESTNET' as const, revokedAt: '2024-01-01T00:00:00.000Z' },
];

it('asks LIVE for an account and the phrase typed exactly, and sends both', () => {
  const missing = buildSubmission(form({ mode: 'LIVE', confirmLive: 'Real one' }), strategy, NOW, ACCOUNTS);
  expect(missing.ok ? {} : missing.errors).toEqual({
    accountId: 'pick an exchange account',
    confirmLive: `type “${LIVE_PHRASE}” exactly`,
  });
  const lower = buildSubmission(
    form({ mode: 'LIVE', accountId: 'main', confirmLive: LIVE_PHRASE.toLowerCase() }),
    strategy,
    NOW,
    ACCOUNTS,
  );
  expect(lower.ok ? {} : lower.errors).toEqual({ confirmLive: `type “${LIVE_PHRASE}” exactly` });
  const ok = buildSubmission(
    form({ mode: 'LIVE', name: 'Real one', accountId: 'main', confirmLive: ` ${LIVE_PHRASE} ` }),
    strategy,
    NOW,
    ACCOUNTS,
  );
  expect(ok.ok && ok.submission.input).toEqual({
    name: 'Real one',
    mode: 'LIVE',
    markets: ['XBTUSD', 'XBTUSDT'],
    strategy: 'PairTradeBot',
    params: { lookback: 50 },
    accountId: 'main',
    confirmLive: LIVE_PHRASE,
  });
});

it('sends a TEST on the exchange with its account, never a MAINNET or revoked one', () => {
  const sim = buildSubmission(form({ venue: 'EXCHANGE', accountId: 'sim' }), strategy, NOW, ACCOUNTS);
  expect(sim.ok && sim.submission.input).toMatchObject({ mode: 'TEST', venue: 'EXCHANGE', accountId: 'sim' });
  expect(sim.ok && 'confirmLive' in sim.submission.input).toBe(false);
  const errorOf = (accountId: string) => {
    const r = buildSubmission(form({ venue: 'EXCHANGE', accountId }), strategy, NOW, ACCOUNTS);
    return r.ok ? {} : r.errors;
  };
  expect(errorOf('main')).toEqual({ accountId: 'TEST sessions trade on testnet or the simulator, never MAINNET' });
  expect(errorOf('old')).toEqual({ accountId: '“Old” is revoked' });
  expect(errorOf('gone')).toEqual({ accountId: 'this account is not available (revoked?)' });
  expect(errorOf('')).toEqual({ accountId: 'pick an exchange account' });
  // Paper ignores a leftover account choice and sends no venue.
  const paper = buildSubmission(form({ accountId: 'main' }), strategy, NOW, ACCOUNTS);
  expect(paper.ok && paper.submission.input).not.toHaveProperty('venue');
  expect(paper.ok && paper.submission.input).not.toHaveProperty('accountId');
});

it('sends only the risk limits typed, checked like the API', () => {
  const risk = { maxPosition: '500', maxOrderNotional: '', maxOrdersPerMinute: ' 5 ', dailyLossLimit: '0.01' };
  const r = buildSubmission(form({ risk }), strategy, NOW);
  expect(r.ok && r.submission.input).toMatchObject({
    risk: { maxPosition: 500, maxOrdersPerMinute: 5, dailyLossLimit: 0.01 },
  });
  const bad = buildSubmission(
    form({ risk: { maxPosition: '1.5', maxOrderNotional: '-1', maxOrdersPerMinute: '20000', dailyLossLimit: 'x' } }),
    strategy,
    NOW,
  );
  expect(bad.ok ? {} : bad.errors).toEqual({
    'risk.maxPosition': 'whole contracts from 1 to 100,000,000',
    'risk.maxOrderNotional': 'a positive amount',
    'risk.maxOrdersPerMinute': 'whole orders from 1 to 10,000',
    'risk.dailyLossLimit': 'a positive amount',
  });
  // Backtests and collectors never trade on a venue: no limits, no account.
  const backtest = buildSubmission(
    form({ mode: 'BACKTEST', risk, rangeFrom: '2024-01-01 00:00', rangeTo: '2024-01-01 06:00' }),
    strategy,
    NOW,
  );
  expect(backtest.ok && backtest.submission.input).not.toHaveProperty('risk');
});

it('builds a backtest over a UTC window and rejects empty or future windows', () => {
  const ok = buildSubmission(
    form({ mode: 'BACKTEST', rangeFrom: '2024-01-01 00:00', rangeTo: '2024-01-01 06:00' }),
    strategy,
    NOW,
  );
  expect(ok.ok && ok.submission).toEqual({
    kind: 'backtest',
    input: {
      strategy: 'PairTradeBot',
      markets: ['XBTUSD', 'XBTUSDT'],
      params: { lookback: 50 },
      rangeFrom: '2024-01-01T00:00:00.000Z',
      rangeTo: '2024-01-01T06:00:00.000Z',
    },
  });
  const bad = buildSubmission(
    form({ mode: 'BACKTEST', rangeFrom: '2024-03-01 00:00', rangeTo: '2024-01-01 00:00' }),
    strategy,
    NOW,
  );
  expect(bad.ok ? {} : bad.errors).toEqual({
    rangeFrom: 'the start is in the future',
    rangeTo: 'the end must be after the start',
  });
  const typo = buildSubmission(form({ mode: 'BACKTEST', rangeFrom: '2024-01-01 1:00 PM', rangeTo: '' }), strategy, NOW);
  expect(typo.ok ? {} : typo.errors).toEqual({
    rangeFrom: 'YYYY-MM-DD HH:mm, 24-hour UTC (e.g. 2024-01-15 13:00)',
    rangeTo: 'an end (UTC) is needed',
  });
});

it('collects market data on any number of markets without a strategy', () => {
  const r = buildSubmission(
    form({ mode: 'MARKET', strategy: '', markets: ['XBTUSD', 'ETHUSD', 'XBTUSDT'] }),
    null,
    NOW,
  );
  expect(r.ok && r.submission.input).toEqual({
    name: 'Collector XBTUSD/ETHUSD/XBTUSDT market',
    mode: 'MARKET',
    markets: ['XBTUSD', 'ETHUSD', 'XBTUSDT'],
  });
  expect(defaultName({ mode: 'MARKET', strategy: '', markets: [] })).toBe('Collector market');
});

it('knows which server InputError fields it can show next to a control', () => {
  for (const f of [
    'mode',
    'params.period',
    'markets[1]',
    'fees.makerFee',
    'rangeTo',
    'initialBalance',
    'accountId',
    'confirmLive',
    'venue',
    'risk.maxOrdersPerMinute',
  ])
    expect(isFormField(f)).toBe(true);
  expect(isFormField('note')).toBe(false);
  expect(isFormField('params')).toBe(false);
  expect(isFormField('risk')).toBe(false);
});
