import { z } from 'zod';

/**
 * Rows of BitMEX's private data (REST `/order`, `/position`, `/user/margin` and the realtime
 * `order`, `execution`, `position`, `margin` tables), validated at the boundary.
 *
 * - Unknown fields pass through (`looseObject`): BitMEX adds columns without notice.
 * - Fields BitMEX sends as JSON `null` are `nullish`; since Jan 2023 it omits them instead
 *   (absent means null), so they are optional too.
 * - Quantities are contracts; prices are quote currency; amounts (`execComm`, balances, PnL) are
 *   integers in the settlement currency's minor unit: satoshis for `XBt`, 1e-6 USDT for `USDt`.
 */
const num = z.number().nullish();
const str = z.string().nullish();

export const Side = z.enum(['Buy', 'Sell']);
export type Side = z.infer<typeof Side>;

/** An order, as REST returns it (`rest_order_rows.jsonl`) and as the `order` table's partial/insert carry it. */
export const OrderRow = z.looseObject({
  orderID: z.string().min(1),
  /** Our idempotency key; `''` when the order was placed without one. */
  clOrdID: str,
  clOrdLinkID: str,
  account: z.number().int(),
  symbol: z.string().min(1),
  side: Side,
  orderQty: num,
  price: num,
  displayQty: num,
  stopPx: num,
  pegOffsetValue: num,
  pegPriceType: str,
  currency: str,
  settlCurrency: str,
  ordType: z.string(),
  timeInForce: str,
  /** Comma-joined, e.g. `ParticipateDoNotInitiate,ReduceOnly`; `''` for none. */
  execInst: str,
  contingencyType: str,
  /** `New`, `PartiallyFilled`, `Filled`, `Canceled`, `Rejected`, ... (open-ended on purpose). */
  ordStatus: z.string(),
  triggered: str,
  workingIndicator: z.boolean().nullish(),
  ordRejReason: str,
  leavesQty: num,
  cumQty: num,
  avgPx: num,
  text: str,
  transactTime: str,
  timestamp: z.string(),
  /** Set on a row of a cancel reply when that one order could not be cancelled. */
  error: z.string().optional(),
});
export type OrderRow = z.infer<typeof OrderRow>;

/** An `order` table row as the stream carries it: updates hold only the changed columns. */
export const OrderDelta = OrderRow.partial().required({ orderID: true });
export type OrderDelta = z.infer<typeof OrderDelta>;

/** A position per account and symbol (REST `/position`). */
export const PositionRow = z.looseObject({
  account: z.number().int(),
  symbol: z.string().min(1),
  currency: str,
  /** Signed contracts: > 0 long, < 0 short. */
  currentQty: z.number(),
  avgEntryPrice: num,
  markPrice: num,
  liquidationPrice: num,
  /** Minor units of `currency` (satoshis for XBt). */
  realisedPnl: num,
  unrealisedPnl: num,
  leverage: num,
  crossMargin: z.boolean().nullish(),
  isOpen: z.boolean().nullish(),
  homeNotional: num,
  foreignNotional: num,
  posState: str,
  timestamp: str,
});
export type PositionRow = z.infer<typeof PositionRow>;

export const PositionDelta = PositionRow.partial().required({ account: true, symbol: true });
export type PositionDelta = z.infer<typeof PositionDelta>;

/** Margin per account (and currency). Every amount is in minor units of `currency` (satoshis for XBt). */
export const MarginRow = z.looseObject({
  account: z.number().int(),
  currency: z.string().min(1),
  walletBalance: z.number(),
  marginBalance: z.number(),
  availableMargin: z.number(),
  unrealisedPnl: num,
  realisedPnl: num,
  initMargin: num,
  maintMargin: num,
  marginLeverage: num,
  amount: num,
  timestamp: str,
});
export type MarginRow = z.infer<typeof MarginRow>;

export const MarginDelta = MarginRow.partial().required({ account: true });
export type MarginDelta = z.infer<typeof MarginDelta>;

/**
 * One `execution` event. `execType` is `New`, `Trade`, `Canceled`, `Replaced`, `Funding`, ...;
 * only `Trade` rows are fills (see {@link toFill}). Funding rows have no side and a zero orderID.
 */
export const ExecutionRow = z.looseObject({
  execID: z.string().min(1),
  orderID: str,
  clOrdID: str,
  account: num,
  symbol: str,
  side: str,
  execType: str,
  ordStatus: str,
  lastQty: num,
  lastPx: num,
  /** Commission paid on this fill, minor units (satoshis for XBt); negative is a maker rebate. */
  execComm: num,
  /** Commission rate, e.g. 0.00075 taker or -0.00025 maker. */
  commission: num,
  lastLiquidityInd: str,
  liquidityIndicator: str,
  execCost: num,
  trdMatchID: str,
  homeNotional: num,
  foreignNotional: num,
  transactTime: str,
  timestamp: str,
});
export type ExecutionRow = z.infer<typeof ExecutionRow>;

/** A fill: an `execution` row with `execType: 'Trade'`, with the fields a portfolio needs made non-null. */
export const BitmexFill = z.object({
  execID: z.string().min(1),
  orderID: z.string().min(1),
  clOrdID: z.string(),
  symbol: z.string().min(1),
  side: Side,
  /** Contracts filled by this execution. */
  lastQty: z.number().positive(),
  lastPx: z.number().positive(),
  /** Minor units (satoshis for XBt); negative is a rebate. */
  execComm: z.number(),
  commission: z.number(),
  /** `AddedLiquidity` (maker) or `RemovedLiquidity` (taker), as BitMEX spells it. */
  liquidityIndicator: z.string().min(1),
  transactTime: z.string().min(1),
});
export type BitmexFill = z.infer<typeof BitmexFill>;

/**
 * The fill carried by an execution row, or `null` for a non-trade row. Throws a ZodError when a
 * `Trade` row lacks what a fill needs (the caller treats its frame as malformed).
 */
export function toFill(row: ExecutionRow): BitmexFill | null {
  if (row.execType !== 'Trade') return null;
  return BitmexFill.parse({
    execID: row.execID,
    orderID: row.orderID,
    clOrdID: row.clOrdID ?? '',
    symbol: row.symbol,
    side: row.side,
    lastQty: row.lastQty,
    lastPx: row.lastPx,
    execComm: row.execComm ?? 0,
    commission: row.commission ?? 0,
    liquidityIndicator: row.lastLiquidityInd ?? row.liquidityIndicator,
    transactTime: row.transactTime ?? row.timestamp,
  });
}

/** The reply to `cancelAllAfter` (REST and WS): `cancelTime` is an ISO time, or 0 when disarmed. */
export const CancelAllAfterReply = z.looseObject({
  now: z.string(),
  cancelTime: z.union([z.string(), z.literal(0)]),
});
export type CancelAllAfterReply = z.infer<typeof CancelAllAfterReply>;
