/**
 * Request parameters of the order routes (swagger, bitmex-protocol notes §2.2), validated with zod,
 * then checked against the instrument (lot size, tick size, limits) with BitMEX's error messages.
 * Parameters arrive as JSON values or as strings (form bodies, query strings); both are accepted.
 */
import { z } from 'zod';
import type { Instrument } from '../../market/instruments.js';
import { fromTicks, toTicks } from '../../market/price-ticks.js';
import { invalid } from './errors.js';
import type { OrdType, Side, TimeInForce } from './order-rows.js';
import { MAX_PRICE } from './positions.js';

/** A number sent as JSON or as text (`"100"`). */
export const Num = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
    .transform(Number),
]);

/** A boolean sent as JSON or as text (`"true"`). */
export const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** One id or several: a string, an array, or a JSON array in a string (as BitMEX accepts). */
export const IdList = z.union([z.string(), z.array(z.string())]).transform((v, ctx): string[] => {
  if (Array.isArray(v)) return v;
  if (!v.trim().startsWith('[')) return v ? [v] : [];
  try {
    return z.array(z.string()).parse(JSON.parse(v));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a string or an array of strings' });
    return z.NEVER;
  }
});

/** A JSON object, or its text (the `filter` parameter). */
export const JsonObject = z
  .union([z.record(z.string(), z.unknown()), z.string()])
  .transform((v, ctx): Record<string, unknown> => {
    if (typeof v !== 'string') return v;
    try {
      return z.record(z.string(), z.unknown()).parse(JSON.parse(v));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
      return z.NEVER;
    }
  });

const ClOrdID = z.string().max(36);

/** `POST /order`. Enumerations are checked after parsing, with BitMEX's messages. */
export const PlaceOrderParams = z.object({
  symbol: z.string().min(1),
  side: z.string().optional(),
  orderQty: Num.optional(),
  price: Num.optional(),
  stopPx: Num.optional(),
  ordType: z.string().optional(),
  timeInForce: z.string().optional(),
  execInst: z.string().optional(),
  clOrdID: ClOrdID.optional(),
  text: z.string().max(500).optional(),
});
export type PlaceOrderParams = z.infer<typeof PlaceOrderParams>;

/** `PUT /order`. */
export const AmendOrderParams = z.object({
  orderID: z.string().min(1).optional(),
  origClOrdID: z.string().min(1).optional(),
  clOrdID: ClOrdID.optional(),
  orderQty: Num.optional(),
  leavesQty: Num.optional(),
  price: Num.optional(),
  stopPx: Num.optional(),
  text: z.string().max(500).optional(),
});
export type AmendOrderParams = z.infer<typeof AmendOrderParams>;

/** `DELETE /order`. */
export const CancelOrderParams = z.object({
  orderID: IdList.optional(),
  clOrdID: IdList.optional(),
  text: z.string().max(500).optional(),
});

/** `DELETE /order/all`. */
export const CancelAllParams = z.object({
  symbol: z.string().min(1).optional(),
  filter: JsonObject.optional(),
  text: z.string().max(500).optional(),
});

/** `POST /order/cancelAllAfter`: `timeout` in ms, 0 disarms. */
export const CancelAllAfterParams = z.object({ timeout: Num.pipe(z.number().int().min(0)) });

/** The generic query of BitMEX's list routes (`GET /order`, `/execution/tradeHistory`, `/position`). */
export const ListParams = z.object({
  symbol: z.string().min(1).optional(),
  filter: JsonObject.optional(),
  count: Num.pipe(z.number().int().min(1).max(500)).optional(),
  start: Num.pipe(z.number().int().min(0)).optional(),
  reverse: Bool.optional(),
  startTime: z.iso.datetime().optional(),
  endTime: z.iso.datetime().optional(),
});
export type ListParams = z.infer<typeof ListParams>;

/** `GET /user/margin`: one currency (default XBt) or `all`. */
export const MarginParams = z.object({ currency: z.enum(['XBt', 'USDt', 'all']).optional() });

/** execInst values the simulator honours (`Close` implies `ReduceOnly`; `MarkPrice` / `LastPrice` pick the trigger). */
const SUPPORTED_EXEC_INSTS = new Set(['ParticipateDoNotInitiate', 'ReduceOnly', 'Close', 'LastPrice', 'MarkPrice']);
/** execInst values BitMEX knows that the simulator does not model. */
const UNSUPPORTED_EXEC_INSTS = new Set(['AllOrNone', 'IndexPrice', 'Fixed', 'LastWithinMark']);
const ORD_TYPES = new Set<string>(['Market', 'Limit', 'Stop', 'StopLimit', 'MarketIfTouched', 'LimitIfTouched']);
const TIME_IN_FORCE = new Set<string>(['Day', 'GoodTillCancel', 'ImmediateOrCancel', 'FillOrKill']);

/** A validated new order. */
export interface NewOrder {
  symbol: string;
  side: Side;
  /** Contracts, > 0, a multiple of the lot size. */
  orderQty: number;
  ordType: OrdType;
  /** Limit price, quote currency, on the tick grid (limit types only). */
  price: number | null;
  /** Trigger price, quote currency, on the tick grid (stop / if-touched types only). */
  stopPx: number | null;
  timeInForce: TimeInForce;
  execInst: string;
  clOrdID: string;
  text: string;
}

/** Checks a quantity against the instrument: a positive integer multiple of the lot, at most `maxOrderQty`. */
export function checkQty(inst: Instrument, qty: number, field = 'orderQty'): number {
  if (!Number.isSafeInteger(qty) || qty <= 0) throw invalid(`Invalid ${field}`);
  if (qty % inst.lotSize !== 0) throw invalid(`Order quantity must be a multiple of lot size: ${inst.lotSize}`);
  const max = inst.kind === 'linear' ? 1_000_000_000 : 10_000_000;
  if (qty > max) throw invalid(`Invalid ${field}: maximum is ${max}`);
  return qty;
}

/** Checks a price against the instrument (positive, at most `maxPrice`, on the tick grid); returns it exactly on the grid. */
export function checkPrice(inst: Instrument, price: number, field: 'price' | 'stopPx'): number {
  if (!Number.isFinite(price) || price <= 0 || price > MAX_PRICE) throw invalid(`Invalid ${field}`);
  const ticks = toTicks(price, inst.tickSize);
  if (ticks === null) throw invalid(`Invalid ${field} tickSize: ${price} is not a multiple of ${inst.tickSize}`);
  return fromTicks(ticks, inst.tickSize); // 2949.8700000000003 → 2949.87
}

/** Turns `POST /order` parameters into a {@link NewOrder}, applying BitMEX's defaults. */
export function toNewOrder(p: PlaceOrderParams, inst: Instrument): NewOrder {
  if (p.side !== undefined && p.side !== 'Buy' && p.side !== 'Sell') throw invalid('Invalid side');
  if (p.orderQty === undefined) throw invalid('Invalid orderQty');
  const side: Side = p.side ?? (p.orderQty < 0 ? 'Sell' : 'Buy');
  const orderQty = checkQty(inst, Math.abs(p.orderQty));
  const ordType = p.ordType ?? defaultOrdType(p);
  if (!ORD_TYPES.has(ordType)) throw invalid('Invalid ordType');
  const type = ordType as OrdType;
  const limitType = type === 'Limit' || type === 'StopLimit' || type === 'LimitIfTouched';
  const stopType = type !== 'Market' && type !== 'Limit';
  if (limitType !== (p.price !== undefined)) {
    throw invalid(limitType ? `Invalid price: ${type} orders need a price` : `Invalid price: ${type} orders take none`);
  }
  if (stopType !== (p.stopPx !== undefined)) {
    throw invalid(
      stopType ? `Invalid stopPx: ${type} orders need a stopPx` : `Invalid stopPx: ${type} orders take none`,
    );
  }
  const timeInForce = p.timeInForce ?? (type === 'Market' ? 'ImmediateOrCancel' : 'GoodTillCancel');
  if (!TIME_IN_FORCE.has(timeInForce)) throw invalid('Invalid timeInForce');
  const execInst = normaliseExecInst(p.execInst ?? '');
  if (execInst.includes('ParticipateDoNotInitiate') && !limitType) {
    throw invalid('Invalid execInst: ParticipateDoNotInitiate applies to limit orders only');
  }
  return {
    symbol: inst.symbol,
    side,
    orderQty,
    ordType: type,
    price: p.price === undefined ? null : checkPrice(inst, p.price, 'price'),
    stopPx: p.stopPx === undefined ? null : checkPrice(inst, p.stopPx, 'stopPx'),
    timeInForce: timeInForce as TimeInForce,
    execInst,
    clOrdID: p.clOrdID ?? '',
    text: p.text ?? 'Submitted via API.',
  };
}

/** BitMEX's default ordType: StopLimit with price and stopPx, Stop with stopPx, Limit with price, else Market. */
function defaultOrdType(p: PlaceOrderParams): OrdType {
  if (p.stopPx !== undefined) return p.price !== undefined ? 'StopLimit' : 'Stop';
  return p.price !== undefined ? 'Limit' : 'Market';
}

/** Validates a comma-joined execInst and returns it with the spaces removed. */
function normaliseExecInst(text: string): string {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const part of parts) {
    if (UNSUPPORTED_EXEC_INSTS.has(part)) throw invalid(`Invalid execInst: ${part} is not supported by the simulator`);
    if (!SUPPORTED_EXEC_INSTS.has(part)) throw invalid(`Invalid execInst: ${part}`);
  }
  return parts.join(',');
}
