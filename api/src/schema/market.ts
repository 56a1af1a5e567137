import { type Instrument, listInstruments, PERIODS } from '@hm/engine/contracts';
import { builder } from '../builder.js';

export const PeriodEnum = builder.enumType('Period', {
  description: 'Candle period. Weeks start Monday 00:00 UTC.',
  values: PERIODS,
});

const ContractKindEnum = builder.enumType('ContractKind', {
  description: 'How a contract settles: inverse (XBTUSD, P&L in XBT), quanto (ETHUSD, XBT), linear (XBTUSDT, USDT).',
  values: ['INVERSE', 'QUANTO', 'LINEAR'] as const,
});

const MarketRef = builder.objectRef<Instrument>('Market').implement({
  description: 'A tradable instrument and the metadata all its maths come from.',
  fields: (t) => ({
    symbol: t.exposeString('symbol'),
    kind: t.field({ type: ContractKindEnum, resolve: (m) => m.kind.toUpperCase() as 'INVERSE' | 'QUANTO' | 'LINEAR' }),
    tickSize: t.exposeFloat('tickSize', { description: 'Price increment, quote currency.' }),
    lotSize: t.exposeInt('lotSize', { description: 'Order size increment, contracts.' }),
    settleCurrency: t.exposeString('settleCurrency'),
    quoteCurrency: t.exposeString('quoteCurrency'),
  }),
});

builder.queryField('markets', (t) =>
  t.field({ type: [MarketRef], description: 'Markets the platform knows.', resolve: () => [...listInstruments()] }),
);
