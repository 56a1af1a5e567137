import { type CandleEvent, candleTopicId, Topic } from '@hm/engine/contracts';
import { builder } from '../builder.js';
import { archiveCandlesBefore } from './archive.js';
import { badInput, intArg, marketArg } from './inputs.js';
import { PeriodEnum } from './market.js';

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

builder.queryField('candles', (t) =>
  t.field({
    type: [CandleRef],
    description:
      'Candles ascending by time, the newest `limit` within [from, to] (bucket starts, unix seconds). Buckets from the start of the live history in Redis on come from the live feed (the last may still be forming); older buckets are built from the trade archive, without gap or duplicate at the seam. Buckets without trades are absent. Reading a corrupt archive segment fails with an error naming it.',
    args: {
      market: t.arg.string({ required: true }),
      period: t.arg({ type: PeriodEnum, required: true }),
      from: t.arg.int({ description: 'Earliest bucket start, unix seconds. Default: no bound.' }),
      to: t.arg.int({ description: 'Latest bucket start, unix seconds. Default: no bound.' }),
      limit: t.arg.int({ defaultValue: 500, description: 'At most this many candles (1–2000).' }),
    },
    resolve: async (_root, args, ctx) => {
      marketArg(args.market);
      const limit = intArg('limit', args.limit ?? 500, 1, 2_000);
      const from = args.from ?? 0;
      const to = args.to ?? Number.POSITIVE_INFINITY;
      if (from > to) throw badInput(`from (${from}) is after to (${to})`);
      const [closed, forming, liveStart] = await Promise.all([
        ctx.market.closedCandles(args.market, args.period, from, to, limit),
        ctx.market.formingCandle(args.market, args.period),
        ctx.market.firstCandleTime(args.market, args.period),
      ]);
      const last = closed.at(-1);
      const live = (
        forming && forming.time >= from && forming.time <= to && (!last || forming.time > last.time)
          ? [...closed, forming]
          : closed
      ).slice(-limit);
      // The seam: the archive covers buckets before the live history's first one (all of them
      // when Redis has none), the live feed that bucket and later.
      const before = Math.min(
        Number.isFinite(to) ? to + 1 : Number.POSITIVE_INFINITY,
        liveStart ?? Math.floor(Date.now() / 1000) + 1,
      );
      const archived = await archiveCandlesBefore(ctx.archive, {
        market: args.market,
        period: args.period,
        from,
        before,
        need: limit - live.length,
      });
      return [...archived.map((c) => ({ market: args.market, period: args.period, ...c })), ...live];
    },
  }),
);

builder.subscriptionField('candles', (t) =>
  t.field({
    type: CandleRef,
    description:
      "The forming candle: first its current state, then its changes (at most 10 per second; a candle's last state is always sent before the next one); a new `time` means the previous candle closed.",
    args: {
      market: t.arg.string({ required: true, description: 'Symbol, e.g. XBTUSD.' }),
      period: t.arg({ type: PeriodEnum, required: true }),
    },
    subscribe: async function* (_root, { market, period }, ctx) {
      marketArg(market);
      const live = ctx.pubsub.subscribe(Topic.candle, candleTopicId(market, period));
      const iterator = live[Symbol.asyncIterator]();
      let next = iterator.next(); // subscribe before reading the snapshot: nothing falls in between
      let last = await ctx.market.formingCandle(market, period);
      try {
        if (last) yield last;
        for (;;) {
          const result = await next;
          if (result.done) return;
          const c = result.value;
          // Within a bucket volume only grows: an older state than the one shown is dropped.
          if (!last || c.time > last.time || (c.time === last.time && c.volume >= last.volume)) {
            last = c;
            yield c;
          }
          next = iterator.next();
        }
      } finally {
        await iterator.return?.();
      }
    },
    resolve: (event) => event,
  }),
);
