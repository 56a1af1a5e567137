import { z } from 'zod';
import { parseJsonExact } from '../json.js';
import { ErrorReply, summarise, TableMessage, Welcome } from '../messages.js';
import { CancelAllAfterReply } from './private-rows.js';

/**
 * The frames an authenticated realtime connection receives (notes §1.3–1.7, §1.9), classified
 * and validated; `parsePrivateFrame` never throws.
 */
export type PrivateFrame =
  | { kind: 'pong' }
  | { kind: 'welcome' }
  | { kind: 'auth-ok' }
  | { kind: 'subscribed'; topic: string }
  | { kind: 'cancel-all-after'; reply: CancelAllAfterReply }
  | { kind: 'error'; status: number | undefined; error: string; op: string | undefined }
  | { kind: 'table'; message: TableMessage }
  | { kind: 'invalid'; reason: string };

const Request = z.looseObject({ op: z.string().optional() });

/** `{"success":true,"request":{"op":"authKeyExpires",...}}` (one capture adds a top-level `op`) or a subscribe ack. */
const Ack = z.looseObject({
  success: z.boolean(),
  op: z.string().optional(),
  subscribe: z.string().optional(),
  error: z.string().optional(),
  request: Request.optional(),
});

export function parsePrivateFrame(text: string): PrivateFrame {
  if (text === 'pong') return { kind: 'pong' };
  let json: unknown;
  try {
    json = parseJsonExact(text);
  } catch (err) {
    return { kind: 'invalid', reason: `not JSON: ${(err as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'invalid', reason: 'not a JSON object' };
  }
  if ('table' in json) {
    const parsed = TableMessage.safeParse(json);
    return parsed.success
      ? { kind: 'table', message: parsed.data }
      : { kind: 'invalid', reason: `bad table message: ${summarise(parsed.error)}` };
  }
  if ('cancelTime' in json) {
    const parsed = CancelAllAfterReply.safeParse(json);
    return parsed.success
      ? { kind: 'cancel-all-after', reply: parsed.data }
      : { kind: 'invalid', reason: `bad cancelAllAfter reply: ${summarise(parsed.error)}` };
  }
  if ('success' in json) {
    const parsed = Ack.safeParse(json);
    if (!parsed.success) return { kind: 'invalid', reason: `bad ack: ${summarise(parsed.error)}` };
    const ack = parsed.data;
    const op = ack.op ?? ack.request?.op;
    if (!ack.success) return { kind: 'error', status: undefined, error: ack.error ?? 'request failed', op };
    if (ack.subscribe !== undefined) return { kind: 'subscribed', topic: ack.subscribe };
    if (op === 'authKeyExpires') return { kind: 'auth-ok' };
    return { kind: 'invalid', reason: `unexpected ack for op ${op ?? '(none)'}` };
  }
  if ('error' in json) {
    const parsed = ErrorReply.safeParse(json);
    if (parsed.success) {
      const request = Request.safeParse(parsed.data.request);
      return {
        kind: 'error',
        status: parsed.data.status,
        error: parsed.data.error,
        op: request.success ? request.data.op : undefined,
      };
    }
  }
  if ('info' in json && Welcome.safeParse(json).success) return { kind: 'welcome' };
  return { kind: 'invalid', reason: 'unrecognised frame' };
}
