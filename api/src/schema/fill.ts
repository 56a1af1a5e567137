import type { SessionFill } from '@hm/db';
import { builder } from '../builder.js';

/** A fill as stored (Decimal columns) or as streamed (numbers). */
export type FillShape = Omit<SessionFill, 'id' | 'sessionId' | 'price' | 'qty' | 'fee' | 'execId'> & {
  price: number | SessionFill['price'];
  qty: number | SessionFill['qty'];
  fee: number | SessionFill['fee'];
  /** Exchange execution id (EXCHANGE sessions); absent on streamed and simulated fills. */
  execId?: string | null;
};

/** One execution of a session's order. */
export const FillRef = builder.objectRef<FillShape>('Fill').implement({
  description: 'An execution of one of a session’s orders.',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'Order of the fill within its session, from 0.' }),
    orderId: t.exposeString('orderId'),
    market: t.exposeString('symbol'),
    side: t.string({ description: '`buy` or `sell`.', resolve: (f) => f.side }),
    price: t.float({ description: 'Quote currency.', resolve: (f) => Number(f.price) }),
    qty: t.float({ description: 'Contracts.', resolve: (f) => Number(f.qty) }),
    fee: t.float({ description: 'Settlement currency; negative = rebate.', resolve: (f) => Number(f.fee) }),
    liquidity: t.string({ description: '`maker` or `taker`.', resolve: (f) => f.liquidity }),
    time: t.expose('time', { type: 'DateTime' }),
    execId: t.string({
      nullable: true,
      description: 'The exchange’s execution id (EXCHANGE sessions); null for simulated fills.',
      resolve: (f) => f.execId ?? null,
    }),
  }),
});
