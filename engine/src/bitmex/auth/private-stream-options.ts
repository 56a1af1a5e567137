import type { Logger } from '../../log.js';
import type { BitmexFill, ExecutionRow, MarginDelta, OrderDelta, PositionDelta } from './private-rows.js';
import type { TableAction, TableUpdate } from './private-tables.js';
import type { BitmexAuthError } from './rest-errors.js';

/** Lifecycle of the stream, reported through `onStatus`. */
export type PrivateStreamStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'authenticated' }
  /** Authenticated and every table's partial applied: the local state mirrors the exchange. */
  | { state: 'ready' }
  /** The exchange confirmed the dead man's switch: all orders are cancelled at `cancelTime` unless refreshed. */
  | { state: 'dead-man-armed'; timeoutMs: number; cancelTime: string }
  | { state: 'dead-man-disarmed' }
  | { state: 'disconnected'; reconnectInMs: number }
  /** Authentication was refused: the stream stops (a bad key does not improve by retrying). */
  | { state: 'failed'; error: BitmexAuthError }
  | { state: 'closed' };

export interface BitmexPrivateStreamOptions {
  /** Realtime endpoint, e.g. `wss://ws.testnet.bitmex.com/realtime` or `ws://127.0.0.1:PORT/realtime`. */
  url: string;
  apiKey: string;
  /** Used only to sign the handshake; never logged. */
  apiSecret: string;
  log: Logger;
  /** `expires` of the auth op, this far ahead (s). @default 60 */
  expiresInSec?: number;
  /** Wall clock, unix ms. @default Date.now */
  nowMs?: () => number;
  /** Dead man's switch timeout (ms), armed after auth; 0 leaves it unarmed. @default 60000 */
  cancelAllAfterMs?: number;
  /** How often the switch is re-armed while the stream lives (ms). @default 15000 */
  refreshMs?: number;
  /** Silence before we send `ping`, and again before we drop the socket (ms). @default 5000 */
  livenessMs?: number;
  /** Longest wait for the auth reply before reconnecting (ms). @default 10000 */
  authTimeoutMs?: number;
  /** Reconnect backoff bounds (ms), full jitter. @default 250 / 10000 */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Longest wait in `close()` for the exchange to confirm the disarm (ms). @default 2000 */
  closeTimeoutMs?: number;
  random?: () => number;
  /** Orders after each message, merged (updates carry only changed columns); terminal ones are then forgotten. */
  onOrder?: (update: TableUpdate<OrderDelta>) => void;
  /** New execution rows (each execID once, also across reconnects). */
  onExecution?: (rows: ExecutionRow[], action: TableAction) => void;
  /** Each `execType: 'Trade'` execution, once. */
  onFill?: (fill: BitmexFill) => void;
  onPosition?: (update: TableUpdate<PositionDelta>) => void;
  onMargin?: (update: TableUpdate<MarginDelta>) => void;
  onStatus?: (status: PrivateStreamStatus) => void;
}
