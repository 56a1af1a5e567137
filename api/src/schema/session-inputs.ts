import { builder } from '../builder.js';
import { SessionVenueRef } from './exchange.js';
import { SessionMode } from './session.js';

export const SessionFeesInput = builder.inputType('SessionFeesInput', {
  description: 'Fee rates as fractions of contract value (0.00075 = 0.075 %; negative maker = rebate); latency in ms.',
  fields: (t) => ({
    makerFee: t.float({ required: false }),
    takerFee: t.float({ required: false }),
    latencyMs: t.int({ required: false, description: 'Simulated order latency (paper and backtest), ms.' }),
  }),
});

export const RiskLimitsInputRef = builder.inputType('RiskLimitsInput', {
  description:
    'Per-session risk limits; unset fields take the defaults (always enforced on an exchange, on paper only when given).',
  fields: (t) => ({
    maxPosition: t.int({
      required: false,
      description: 'Largest |position| per market, contracts (open orders counted).',
    }),
    maxOrderNotional: t.float({ required: false, description: 'Largest order value, settlement currency.' }),
    maxOrdersPerMinute: t.int({ required: false, description: 'More new orders in 60 s halt the session.' }),
    dailyLossLimit: t.float({
      required: false,
      description:
        'Loss since 00:00 UTC (equity incl. unrealised), settlement currency; reaching it halts the session.',
    }),
  }),
});

export const CreateSessionInput = builder.inputType('CreateSessionInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    mode: t.field({ type: SessionMode, required: true }),
    strategy: t.string({ required: false, description: 'A name from `strategies`; not needed for MARKET sessions.' }),
    markets: t.stringList({ required: true, description: 'One symbol per leg, e.g. ["XBTUSD"].' }),
    params: t.field({ type: 'JSON', required: false, description: 'Strategy parameters; defaults fill the rest.' }),
    rangeFrom: t.field({ type: 'DateTime', required: false, description: 'BACKTEST only: window start, UTC.' }),
    rangeTo: t.field({ type: 'DateTime', required: false, description: 'BACKTEST only: window end (exclusive), UTC.' }),
    fees: t.field({ type: SessionFeesInput, required: false }),
    initialBalance: t.float({ required: false, description: 'Settlement currency; default 1 XBT / 100,000 USDT.' }),
    venue: t.field({ type: SessionVenueRef, required: false, description: 'TEST only; LIVE is always EXCHANGE.' }),
    accountId: t.id({
      required: false,
      description: 'The exchange account (see `exchangeAccounts`) of an EXCHANGE session.',
    }),
    risk: t.field({ type: RiskLimitsInputRef, required: false }),
    confirmLive: t.string({
      required: false,
      description: 'LIVE only: type exactly "I understand this trades real money".',
    }),
  }),
});

export const RunBacktestInput = builder.inputType('RunBacktestInput', {
  fields: (t) => ({
    name: t.string({ required: false, description: 'Default: "<strategy> <markets> backtest".' }),
    strategy: t.string({ required: true }),
    markets: t.stringList({ required: true }),
    params: t.field({ type: 'JSON', required: false }),
    rangeFrom: t.field({ type: 'DateTime', required: true }),
    rangeTo: t.field({ type: 'DateTime', required: true }),
    fees: t.field({ type: SessionFeesInput, required: false }),
    initialBalance: t.float({ required: false }),
  }),
});

export const SessionOverrides = builder.inputType('SessionOverrides', {
  description: 'What a clone changes; parameters given here are merged over the original’s.',
  fields: (t) => ({
    name: t.string({ required: false }),
    mode: t.field({ type: SessionMode, required: false }),
    markets: t.stringList({ required: false }),
    params: t.field({ type: 'JSON', required: false }),
    rangeFrom: t.field({ type: 'DateTime', required: false }),
    rangeTo: t.field({ type: 'DateTime', required: false }),
    fees: t.field({ type: SessionFeesInput, required: false }),
    confirmLive: t.string({
      required: false,
      description: 'Cloning a LIVE session: the same confirmation as creating one.',
    }),
  }),
});
