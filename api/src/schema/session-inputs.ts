import { builder } from '../builder.js';
import { SessionMode } from './session.js';

export const SessionFeesInput = builder.inputType('SessionFeesInput', {
  description: 'Fee rates as fractions of contract value (0.00075 = 0.075 %; negative maker = rebate); latency in ms.',
  fields: (t) => ({
    makerFee: t.float({ required: false }),
    takerFee: t.float({ required: false }),
    latencyMs: t.int({ required: false, description: 'Simulated order latency (paper and backtest), ms.' }),
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
  }),
});
