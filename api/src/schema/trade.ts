import { RECENT_TRADES, Topic, type TradeEvent } from '@hm/engine/contracts';
import { builder } from '../builder.js';
import { snapshotThenLive } from '../live-stream.js';
import { intArg, marketArg } from './inputs.js';

const SideEnum = builder.enumType('Side', {
  description: 'Aggressor side of a trade.',
  values: ['BUY', 'SELL'] as const,
});

export const TradeRef = builder.objectRef<TradeEvent>('Trade').implement({
  description: 'A public trade print.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Exchange match id (BitMEX trdMatchID).' }),
    time: t.field({ type: 'DateTime', resolve: (tr) => new Date(tr.timeMs) }),
    timeMs: t.exposeFloat('timeMs', { description: 'Same instant, unix milliseconds UTC.' }),
    price: t.exposeFloat('price', { description: 'Quote currency.' }),
    size: t.exposeFloat('size', { description: 'Contracts.' }),
    side: t.field({ type: SideEnum, resolve: (tr) => tr.side }),
    tickDirection: t.exposeString('tickDirection', { nullable: true }),
  }),
});

builder.queryField('recentTrades', (t) =>
  t.field({
    type: [TradeRef],
    description: `The most recent trades, newest first (at most ${RECENT_TRADES}).`,
    args: { market: t.arg.string({ required: true }), limit: t.arg.int({ defaultValue: 50 }) },
    resolve: (_root, args, ctx) => {
      marketArg(args.market);
      return ctx.market.recentTrades(args.market, intArg('limit', args.limit ?? 50, 1, RECENT_TRADES));
    },
  }),
);

builder.subscriptionField('trades', (t) =>
  t.field({
    type: TradeRef,
    description:
      'Trades as they print: first the last `snapshot` trades (oldest first), then each new one, without gap or duplicate.',
    args: {
      market: t.arg.string({ required: true }),
      snapshot: t.arg.int({ defaultValue: 50, description: `Recent trades sent first (0–${RECENT_TRADES}).` }),
    },
    subscribe: (_root, args, ctx) => {
      marketArg(args.market);
      const snapshot = intArg('snapshot', args.snapshot ?? 50, 0, RECENT_TRADES);
      return snapshotThenLive({
        live: ctx.pubsub.subscribe(Topic.trade, args.market),
        snapshot: async () => (snapshot === 0 ? [] : (await ctx.market.recentTrades(args.market, snapshot)).reverse()),
        fill: async (after) =>
          (await ctx.market.recentTrades(args.market, RECENT_TRADES)).filter((tr) => tr.seq > after).reverse(),
      });
    },
    resolve: (event) => event,
  }),
);
