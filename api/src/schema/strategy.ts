import type { StrategyDefinition } from '@hm/engine/strategies';
import { paramsJsonSchema, STRATEGIES } from '@hm/engine/strategies';
import { builder } from '../builder.js';

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
