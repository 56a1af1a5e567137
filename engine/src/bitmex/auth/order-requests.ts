import { z } from 'zod';
import { Side } from './private-rows.js';

/**
 * What the REST client accepts for each order route, validated before anything is signed or sent
 * (notes §2.2). Quantities are contracts; prices are quote currency.
 */
export const EXEC_INSTS = [
  'ParticipateDoNotInitiate',
  'AllOrNone',
  'MarkPrice',
  'IndexPrice',
  'LastPrice',
  'Close',
  'ReduceOnly',
  'Fixed',
  'LastWithinMark',
] as const;
const ExecInst = z.enum(EXEC_INSTS);

/** `execInst` is comma-joined on the wire, e.g. `ParticipateDoNotInitiate,ReduceOnly` (post-only, reduce-only). */
const ExecInstList = z
  .string()
  .min(1)
  .refine(
    (s) => s.split(',').every((part) => ExecInst.safeParse(part.trim()).success),
    `each comma-separated part must be one of ${EXEC_INSTS.join(', ')}`,
  )
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .join(','),
  );

const Price = z.number().positive().finite();
const Qty = z.number().int().positive();
/** BitMEX caps clOrdID at 36 characters; it is echoed on the order and its executions. */
const ClOrdID = z.string().min(1).max(36);

export const PlaceOrderInput = z
  .object({
    symbol: z.string().min(1),
    side: Side,
    orderQty: Qty,
    ordType: z.enum(['Market', 'Limit', 'Stop', 'StopLimit']),
    price: Price.optional(),
    stopPx: Price.optional(),
    execInst: ExecInstList.optional(),
    timeInForce: z.enum(['Day', 'GoodTillCancel', 'ImmediateOrCancel', 'FillOrKill']).optional(),
    /** Required: the idempotency key a retry reuses. */
    clOrdID: ClOrdID,
    text: z.string().max(200).optional(),
  })
  .superRefine((o, ctx) => {
    const needsPrice = o.ordType === 'Limit' || o.ordType === 'StopLimit';
    const needsStop = o.ordType === 'Stop' || o.ordType === 'StopLimit';
    if (needsPrice && o.price === undefined)
      ctx.addIssue({ code: 'custom', path: ['price'], message: `required for ${o.ordType}` });
    if (!needsPrice && o.price !== undefined)
      ctx.addIssue({ code: 'custom', path: ['price'], message: `not allowed for ${o.ordType}` });
    if (needsStop && o.stopPx === undefined)
      ctx.addIssue({ code: 'custom', path: ['stopPx'], message: `required for ${o.ordType}` });
    if (!needsStop && o.stopPx !== undefined)
      ctx.addIssue({ code: 'custom', path: ['stopPx'], message: `not allowed for ${o.ordType}` });
  });
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

export const AmendOrderInput = z
  .object({
    orderID: z.string().min(1).optional(),
    origClOrdID: ClOrdID.optional(),
    orderQty: Qty.optional(),
    price: Price.optional(),
    stopPx: Price.optional(),
  })
  .refine(
    (a) => (a.orderID === undefined) !== (a.origClOrdID === undefined),
    'give exactly one of orderID, origClOrdID',
  )
  .refine(
    (a) => a.orderQty !== undefined || a.price !== undefined || a.stopPx !== undefined,
    'nothing to amend: give orderQty, price or stopPx',
  );
export type AmendOrderInput = z.input<typeof AmendOrderInput>;

export const CancelOrderInput = z
  .object({ orderID: z.string().min(1).optional(), clOrdID: ClOrdID.optional() })
  .refine((c) => c.orderID !== undefined || c.clOrdID !== undefined, 'give orderID or clOrdID');
export type CancelOrderInput = z.input<typeof CancelOrderInput>;

export const CancelAllInput = z.object({ symbol: z.string().min(1).optional() });
export type CancelAllInput = z.input<typeof CancelAllInput>;

/** Dead man's switch timeout (ms); 0 disarms it. BitMEX suggests 60000, refreshed every 15 s. */
export const CancelAllAfterTimeout = z.number().int().min(0);
