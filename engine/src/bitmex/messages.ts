import { z } from 'zod';
import { parseJsonExact } from './json.js';

/**
 * BitMEX realtime frames, validated at the boundary (see ../shared/notes/bitmex-protocol.md §1).
 * Each table's rows get their own schema where the engine uses them; unknown tables pass through
 * as `TableMessage` with unvalidated rows and are ignored downstream.
 */
export const Welcome = z.object({
  info: z.string(),
  version: z.string(),
  timestamp: z.string().optional(),
  docs: z.string().optional(),
  heartbeatEnabled: z.boolean().optional(),
  limit: z.object({ remaining: z.number() }).optional(),
});

export const SubscribeAck = z.object({
  success: z.boolean(),
  subscribe: z.string().optional(),
  unsubscribe: z.string().optional(),
  request: z.unknown().optional(),
});

export const ErrorReply = z.object({
  status: z.number().optional(),
  error: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  request: z.unknown().optional(),
});

export const TableAction = z.enum(['partial', 'insert', 'update', 'delete']);

export const TableMessage = z.object({
  table: z.string(),
  action: TableAction,
  data: z.array(z.record(z.string(), z.unknown())),
  keys: z.array(z.string()).optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
});
export type TableMessage = z.infer<typeof TableMessage>;

/** A `trade` row. Sizes are contracts; price in quote currency. */
export const TradeRow = z.object({
  timestamp: z.string().datetime({ offset: true }),
  symbol: z.string(),
  side: z.enum(['Buy', 'Sell']),
  size: z.number().int().positive(),
  price: z.number().positive(),
  tickDirection: z.string().optional(),
  trdMatchID: z.string().min(1),
  grossValue: z.union([z.number(), z.string()]).optional(),
});
export type TradeRow = z.infer<typeof TradeRow>;

export type FeedMessage =
  | { kind: 'welcome'; message: z.infer<typeof Welcome> }
  | { kind: 'ack'; message: z.infer<typeof SubscribeAck> }
  | { kind: 'error'; message: z.infer<typeof ErrorReply> }
  | { kind: 'table'; message: TableMessage }
  | { kind: 'pong' }
  | { kind: 'invalid'; reason: string; raw: string };

/** Classifies and validates one text frame; never throws. */
export function parseFrame(text: string): FeedMessage {
  if (text === 'pong') return { kind: 'pong' };
  let json: unknown;
  try {
    json = parseJsonExact(text);
  } catch (err) {
    return { kind: 'invalid', reason: `not JSON: ${(err as Error).message}`, raw: clip(text) };
  }
  if (typeof json !== 'object' || json === null)
    return { kind: 'invalid', reason: 'not a JSON object', raw: clip(text) };
  if ('table' in json) {
    const parsed = TableMessage.safeParse(json);
    return parsed.success
      ? { kind: 'table', message: parsed.data }
      : { kind: 'invalid', reason: `bad table message: ${summarise(parsed.error)}`, raw: clip(text) };
  }
  if ('info' in json) {
    const parsed = Welcome.safeParse(json);
    if (parsed.success) return { kind: 'welcome', message: parsed.data };
  }
  if ('success' in json) {
    const parsed = SubscribeAck.safeParse(json);
    if (parsed.success) return { kind: 'ack', message: parsed.data };
  }
  if ('error' in json) {
    const parsed = ErrorReply.safeParse(json);
    if (parsed.success) return { kind: 'error', message: parsed.data };
  }
  return { kind: 'invalid', reason: 'unrecognised frame', raw: clip(text) };
}

export function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
