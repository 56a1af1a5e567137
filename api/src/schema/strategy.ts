import type { IndicatorSpec, StrategyDefinition } from '@hm/engine/strategies';
import { paramsJsonSchema, STRATEGIES } from '@hm/engine/strategies';
import { builder } from '../builder.js';

const IndicatorSpecRef = builder.objectRef<IndicatorSpec>('IndicatorSpec').implement({
  description: 'An indicator a strategy plots; running sessions stream its values (`sessionIndicators`).',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { description: 'What it is, with its unit.' }),
    leg: t.exposeInt('leg', { description: 'Index of the market (leg) whose chart it belongs to.' }),
    overlay: t.exposeBoolean('overlay', {
      description: 'Drawn over the price, on its scale; else in a pane of its own.',
    }),
  }),
});

const StrategyRef = builder.objectRef<StrategyDefinition>('Strategy').implement({
  description: 'A strategy the engine can run.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    legs: t.exposeInt('legs', { description: 'Markets it trades: 1, or 2 legs in order.' }),
    modes: t.stringList({
      description: 'Session modes it supports (LIVE, TEST, BACKTEST, MARKET).',
      resolve: (s) => s.modes.map((m) => m.toUpperCase()),
    }),
    indicators: t.field({
      type: [IndicatorSpecRef],
      resolve: (s) => [...(s.indicators ?? [])],
    }),
    paramsSchema: t.field({
      type: 'JSON',
      description: 'JSON Schema of its parameters: types, defaults, bounds, units and help in `description`.',
      resolve: (s) => paramsJsonSchema(s),
    }),
  }),
});

builder.queryField('strategies', (t) =>
  t.field({
    type: [StrategyRef],
    description: 'Every strategy, with its parameter schema for forms.',
    resolve: () => [...STRATEGIES],
  }),
);
