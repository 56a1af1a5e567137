import type { RoundTrip } from '@hm/db';
import { builder } from '../builder.js';

/** A closed round trip, paired FIFO from fills. */
export const RoundTripRef = builder.objectRef<RoundTrip>('RoundTrip').implement({
  description: 'A position opened and closed, paired FIFO from fills; money in the settlement currency.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    market: t.exposeString('market'),
    side: t.string({ description: '`long` or `short`.', resolve: (r) => r.side }),
    qty: t.float({ description: 'Contracts.', resolve: (r) => Number(r.qty) }),
    entryTime: t.expose('entryTime', { type: 'DateTime' }),
    exitTime: t.expose('exitTime', { type: 'DateTime' }),
    entryPrice: t.float({
      description: 'Quote currency (harmonic mean for inverse contracts).',
      resolve: (r) => Number(r.entryPrice),
    }),
    exitPrice: t.float({ resolve: (r) => Number(r.exitPrice) }),
    pnl: t.float({ description: 'Gross P&L minus its fees and funding.', resolve: (r) => Number(r.pnl) }),
    fees: t.float({ resolve: (r) => Number(r.fees) }),
    funding: t.float({
      description: 'Funding paid while open; negative = received.',
      resolve: (r) => Number(r.funding),
    }),
  }),
});
