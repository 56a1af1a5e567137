import { KEPT_INDICATOR_POINTS, type SessionIndicatorEvent, sessionIndicatorsKey } from '@hm/engine/contracts';
import { builder } from '../builder.js';
import { loadSession } from '../sessions/session-control.js';
import { SessionRef } from './session.js';

/** One value of a strategy's indicator (SDBot's bands, PairTradeBot's z-score, …). */
const IndicatorPointRef = builder.objectRef<SessionIndicatorEvent>('IndicatorPoint').implement({
  description: 'A value a running strategy plotted (at most one per indicator per second).',
  fields: (t) => ({
    name: t.exposeString('name'),
    time: t.float({ description: 'Unix ms, UTC.', resolve: (p) => p.timeMs }),
    value: t.exposeFloat('value', { description: 'In the unit its IndicatorSpec names.' }),
  }),
});

builder.objectField(SessionRef, 'indicators', (t) =>
  t.field({
    type: [IndicatorPointRef],
    description: `The latest indicator values of a TEST or LIVE session (up to ${KEPT_INDICATOR_POINTS}, oldest first).`,
    args: { names: t.arg.stringList({ required: false, description: 'Only these indicators.' }) },
    resolve: async (s, { names }, ctx) => {
      const rows = await ctx.redis.lrange(sessionIndicatorsKey(s.id), 0, -1);
      const wanted = names?.length ? new Set(names) : null;
      return rows.map((r) => JSON.parse(r) as SessionIndicatorEvent).filter((p) => !wanted || wanted.has(p.name));
    },
  }),
);

builder.subscriptionField('sessionIndicators', (t) =>
  t.field({
    type: IndicatorPointRef,
    description:
      'Indicator values as the session’s strategy plots them (query `session.indicators` for the recent past).',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async function* (_r, { id }, ctx) {
      await loadSession(ctx, String(id));
      yield* ctx.pubsub.subscribe('session.indicators', String(id));
    },
    resolve: (p) => p,
  }),
);
