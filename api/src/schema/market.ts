import {
  type CandleEvent,
  candleTopicId,
  findInstrument,
  type Instrument,
  lastCandleKey,
  listInstruments,
  PERIODS,
  Topic,
} from '@hm/engine/contracts';
import { GraphQLError } from 'graphql';
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

export const CandleRef = builder.objectRef<CandleEvent>('Candle').implement({
  description: 'OHLCV bar. Prices in the quote currency; the last bar of a stream is still forming.',
  fields: (t) => ({
    time: t.exposeInt('time', { description: 'Bucket start, unix seconds UTC.' }),
    open: t.exposeFloat('open'),
    high: t.exposeFloat('high'),
    low: t.exposeFloat('low'),
    close: t.exposeFloat('close'),
    volume: t.exposeFloat('volume', { description: 'Contracts traded in the bucket.' }),
  }),
});

builder.queryField('markets', (t) =>
  t.field({ type: [MarketRef], description: 'Markets the platform knows.', resolve: () => [...listInstruments()] }),
);

builder.subscriptionField('candles', (t) =>
  t.field({
    type: CandleRef,
    description: 'The forming candle, first as a snapshot of its current state, then after every trade.',
    args: {
      market: t.arg.string({ required: true, description: 'Symbol, e.g. XBTUSD.' }),
      period: t.arg({ type: PeriodEnum, required: true }),
    },
    subscribe: async function* (_root, { market, period }, ctx) {
      if (!findInstrument(market)) {
        throw new GraphQLError(`unknown market "${market}"`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const snapshot = await ctx.redis.get(lastCandleKey(market, period));
      if (snapshot) yield JSON.parse(snapshot) as CandleEvent;
      yield* ctx.pubsub.subscribe(Topic.candle, candleTopicId(market, period));
    },
    resolve: (event) => event,
  }),
);
