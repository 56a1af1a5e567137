import { type TickerEvent, Topic } from '@hm/engine/contracts';
import { builder } from '../builder.js';
import { snapshotThenLive } from '../live-stream.js';
import { marketArg } from './inputs.js';

export const TickerRef = builder.objectRef<TickerEvent>('Ticker').implement({
  description:
    "Header statistics from the exchange's instrument feed and trades. Null means the exchange has not sent it yet; nothing is estimated.",
  fields: (t) => ({
    market: t.exposeString('market'),
    lastPrice: t.exposeFloat('lastPrice', { nullable: true, description: 'Quote currency.' }),
    tickDirection: t.exposeString('tickDirection', {
      nullable: true,
      description: 'PlusTick, ZeroPlusTick, MinusTick or ZeroMinusTick.',
    }),
    change24hPct: t.exposeFloat('change24hPct', {
      nullable: true,
      description: '24 h change, percent (2.5 = +2.5 %).',
    }),
    high24h: t.exposeFloat('high24h', { nullable: true }),
    low24h: t.exposeFloat('low24h', { nullable: true }),
    volume24h: t.exposeFloat('volume24h', { nullable: true, description: 'Contracts.' }),
    turnover24h: t.exposeFloat('turnover24h', { nullable: true, description: 'Settlement currency (XBT or USDT).' }),
    markPrice: t.exposeFloat('markPrice', { nullable: true }),
    indexPrice: t.exposeFloat('indexPrice', { nullable: true }),
    fundingRate: t.exposeFloat('fundingRate', {
      nullable: true,
      description: 'Next funding, fraction (0.0001 = 0.01 %).',
    }),
    nextFundingTime: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (tk) => (tk.nextFundingTimeMs === null ? null : new Date(tk.nextFundingTimeMs)),
    }),
    openInterest: t.exposeFloat('openInterest', { nullable: true, description: 'Contracts.' }),
    time: t.field({ type: 'DateTime', resolve: (tk) => new Date(tk.timeMs) }),
  }),
});

builder.queryField('ticker', (t) =>
  t.field({
    type: TickerRef,
    nullable: true,
    description: 'Current header statistics; null before the feed has delivered any.',
    args: { market: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      marketArg(args.market);
      return ctx.market.ticker(args.market);
    },
  }),
);

builder.subscriptionField('ticker', (t) =>
  t.field({
    type: TickerRef,
    description: 'Header statistics: the current state first, then each change (at most 4 per second).',
    args: { market: t.arg.string({ required: true }) },
    subscribe: (_root, args, ctx) => {
      marketArg(args.market);
      return snapshotThenLive({
        live: ctx.pubsub.subscribe(Topic.ticker, args.market),
        snapshot: async () => {
          const tk = await ctx.market.ticker(args.market);
          return tk ? [tk] : [];
        },
      });
    },
    resolve: (event) => event,
  }),
);
