import { BOOK_LEVELS, type Instrument, Topic } from '@hm/engine/contracts';
import { type BookLevelView, bookView, type OrderBookView } from '../book-view.js';
import { builder } from '../builder.js';
import { snapshotThenLive } from '../live-stream.js';
import { badInput, intArg, marketArg } from './inputs.js';

const BookLevelRef = builder.objectRef<BookLevelView>('BookLevel').implement({
  description: 'One price level.',
  fields: (t) => ({
    price: t.exposeFloat('price', { description: 'Quote currency.' }),
    size: t.exposeFloat('size', { description: 'Contracts at this level.' }),
    total: t.exposeFloat('total', { description: 'Cumulative contracts from the best level to this one.' }),
  }),
});

const OrderBookRef = builder.objectRef<OrderBookView>('OrderBook').implement({
  description: 'Top of the order book; `bids` and `asks` best first. Never crossed.',
  fields: (t) => ({
    market: t.exposeString('market'),
    bids: t.field({ type: [BookLevelRef], resolve: (b) => b.bids }),
    asks: t.field({ type: [BookLevelRef], resolve: (b) => b.asks }),
    grouping: t.exposeFloat('grouping', { description: 'Price step the levels are grouped by.' }),
    time: t.field({ type: 'DateTime', resolve: (b) => new Date(b.timeMs) }),
  }),
});

/** Grouping argument (price step) → whole ticks, or a clear error. */
function groupTicks(instrument: Instrument, grouping: number | null | undefined): number {
  if (grouping === null || grouping === undefined) return 1;
  const ticks = Math.round(grouping / instrument.tickSize);
  if (ticks < 1 || Math.abs(ticks * instrument.tickSize - grouping) > instrument.tickSize * 1e-6) {
    throw badInput(
      `grouping must be a positive multiple of ${instrument.symbol}'s tick size ${instrument.tickSize} (got ${grouping})`,
    );
  }
  return ticks;
}

const args = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) => ({
  market: t.arg.string({ required: true }),
  depth: t.arg.int({ defaultValue: 25, description: `Levels per side (1–${BOOK_LEVELS}).` }),
  grouping: t.arg.float({
    description: 'Group levels by this price step (a multiple of the tick). Default: the tick.',
  }),
});

builder.queryField('orderBook', (t) =>
  t.field({
    type: OrderBookRef,
    nullable: true,
    description: 'The current book; null before the feed has delivered one.',
    args: args(t),
    resolve: async (_root, a, ctx) => {
      const instrument = marketArg(a.market);
      const depth = intArg('depth', a.depth ?? 25, 1, BOOK_LEVELS);
      const g = groupTicks(instrument, a.grouping);
      const event = await ctx.market.book(a.market);
      return event ? bookView(event, depth, g) : null;
    },
  }),
);

builder.subscriptionField('orderBook', (t) =>
  t.field({
    type: OrderBookRef,
    description: 'The book: its current state first, then each change (conflated to at most 10 per second).',
    args: {
      market: t.arg.string({ required: true }),
      depth: t.arg.int({ defaultValue: 25 }),
      grouping: t.arg.float(),
    },
    subscribe: async function* (_root, a, ctx) {
      const instrument = marketArg(a.market);
      const depth = intArg('depth', a.depth ?? 25, 1, BOOK_LEVELS);
      const g = groupTicks(instrument, a.grouping);
      const stream = snapshotThenLive({
        live: ctx.pubsub.subscribe(Topic.book, a.market),
        snapshot: async () => {
          const event = await ctx.market.book(a.market);
          return event ? [event] : [];
        },
      });
      for await (const event of stream) yield bookView(event, depth, g);
    },
    resolve: (view) => view,
  }),
);
