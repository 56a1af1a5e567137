import { z } from 'zod';
import { summarise, type TableMessage } from '../messages.js';
import { type BitmexFill, ExecutionRow, MarginDelta, OrderDelta, PositionDelta, toFill } from './private-rows.js';

export type TableAction = TableMessage['action'];
export const PRIVATE_TABLES = ['order', 'execution', 'position', 'margin'] as const;
export type PrivateTable = (typeof PRIVATE_TABLES)[number];

/** Rows of one message after it was applied: merged full rows (for `delete`, the rows removed). */
export interface TableUpdate<Row> {
  action: TableAction;
  rows: Row[];
}

export type PrivateUpdate =
  | { table: 'order'; update: TableUpdate<OrderDelta> }
  | { table: 'position'; update: TableUpdate<PositionDelta> }
  | { table: 'margin'; update: TableUpdate<MarginDelta> }
  | { table: 'execution'; action: TableAction; rows: ExecutionRow[]; fills: BitmexFill[] };

/** What applying one table message came to: an update, nothing to do, or a malformed frame. */
export type ApplyResult =
  | { kind: 'update'; update: PrivateUpdate }
  | { kind: 'dropped' }
  | { kind: 'invalid'; reason: string };

const TERMINAL = new Set(['Filled', 'Canceled', 'Rejected']);
/** How many execIDs are remembered to drop repeats (a reconnect's partial re-sends recent executions). */
const SEEN_EXECUTIONS = 10_000;

/**
 * A keyed table of typed rows: `partial` replaces it, `insert` adds, `update` merges the changed
 * columns into the stored row, `delete` removes; deltas before the first partial are dropped.
 */
class TypedTable<Row extends Record<string, unknown>> {
  private readonly rows = new Map<string, Row>();
  private ready = false;

  constructor(private keys: readonly string[]) {}

  apply(action: TableAction, data: Row[], keys?: readonly string[]): Row[] | null {
    if (action === 'partial') {
      this.ready = true;
      if (keys && keys.length > 0) this.keys = keys;
      this.rows.clear();
    } else if (!this.ready) {
      return null;
    }
    const out: Row[] = [];
    for (const row of data) {
      const key = this.keys.map((k) => String(row[k] ?? '')).join('|');
      const old = this.rows.get(key);
      if (action === 'delete') {
        this.rows.delete(key);
        out.push(old ? { ...old, ...row } : row);
        continue;
      }
      const merged = action === 'update' && old ? { ...old, ...row } : { ...row };
      this.rows.set(key, merged);
      out.push(merged);
    }
    return out;
  }

  remove(row: Row): void {
    this.rows.delete(this.keys.map((k) => String(row[k] ?? '')).join('|'));
  }

  values(): Row[] {
    return [...this.rows.values()];
  }

  /** After a reconnect: keep the rows for readers, but drop deltas until the new partial replaces them. */
  expectPartial(): void {
    this.ready = false;
  }
}

/**
 * The account's private state from the realtime `order`, `position`, `margin` and `execution`
 * tables: orders keyed by orderID (terminal ones are reported, then forgotten, since BitMEX never
 * deletes them), positions by account+symbol, margin by account (or as the partial's keys say),
 * and executions as events, each execID reported once.
 */
export class PrivateTables {
  private readonly order = new TypedTable<OrderDelta>(['orderID']);
  private readonly position = new TypedTable<PositionDelta>(['account', 'symbol']);
  private readonly margin = new TypedTable<MarginDelta>(['account']);
  private executionReady = false;
  private readonly seenExecIDs = new Set<string>();

  /** Validates and applies one table message. Unknown tables and early deltas are dropped. */
  apply(msg: TableMessage): ApplyResult {
    switch (msg.table) {
      case 'order': {
        const rows = parseRows(OrderDelta, msg);
        if (!Array.isArray(rows)) return rows;
        const applied = this.order.apply(msg.action, rows, msg.keys);
        if (!applied) return { kind: 'dropped' };
        for (const row of applied) if (row.ordStatus && TERMINAL.has(row.ordStatus)) this.order.remove(row);
        return { kind: 'update', update: { table: 'order', update: { action: msg.action, rows: applied } } };
      }
      case 'position': {
        const rows = parseRows(PositionDelta, msg);
        if (!Array.isArray(rows)) return rows;
        const applied = this.position.apply(msg.action, rows, msg.keys);
        return applied
          ? { kind: 'update', update: { table: 'position', update: { action: msg.action, rows: applied } } }
          : { kind: 'dropped' };
      }
      case 'margin': {
        const rows = parseRows(MarginDelta, msg);
        if (!Array.isArray(rows)) return rows;
        const applied = this.margin.apply(msg.action, rows, msg.keys);
        return applied
          ? { kind: 'update', update: { table: 'margin', update: { action: msg.action, rows: applied } } }
          : { kind: 'dropped' };
      }
      case 'execution':
        return this.applyExecutions(msg);
      default:
        return { kind: 'dropped' };
    }
  }

  /** Live (non-terminal) orders. */
  orders(): OrderDelta[] {
    return this.order.values();
  }

  positions(): PositionDelta[] {
    return this.position.values();
  }

  margins(): MarginDelta[] {
    return this.margin.values();
  }

  /** A new connection: every table waits for its partial again. */
  expectPartials(): void {
    this.order.expectPartial();
    this.position.expectPartial();
    this.margin.expectPartial();
    this.executionReady = false;
  }

  private applyExecutions(msg: TableMessage): ApplyResult {
    const rows = parseRows(ExecutionRow, msg);
    if (!Array.isArray(rows)) return rows;
    if (msg.action === 'partial') this.executionReady = true;
    else if (!this.executionReady || msg.action !== 'insert') return { kind: 'dropped' };
    const fresh: ExecutionRow[] = [];
    const fills: BitmexFill[] = [];
    try {
      // Validate every fill before remembering any execID, so a malformed frame leaves no trace.
      const parsed = rows.map((row) => ({ row, fill: toFill(row) }));
      for (const { row, fill } of parsed) {
        if (this.seenExecIDs.has(row.execID)) continue;
        this.remember(row.execID);
        fresh.push(row);
        if (fill) fills.push(fill);
      }
    } catch (err) {
      return { kind: 'invalid', reason: `execution: bad Trade row: ${describe(err)}` };
    }
    return { kind: 'update', update: { table: 'execution', action: msg.action, rows: fresh, fills } };
  }

  private remember(execID: string): void {
    this.seenExecIDs.add(execID);
    if (this.seenExecIDs.size > SEEN_EXECUTIONS) {
      const oldest = this.seenExecIDs.values().next().value;
      if (oldest !== undefined) this.seenExecIDs.delete(oldest);
    }
  }
}

function parseRows<S extends z.ZodType>(schema: S, msg: TableMessage): z.output<S>[] | ApplyResult {
  const out: z.output<S>[] = [];
  for (const [i, raw] of msg.data.entries()) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { kind: 'invalid', reason: `${msg.table} row ${i}: ${summarise(parsed.error)}` };
    out.push(parsed.data);
  }
  return out;
}

function describe(err: unknown): string {
  return err instanceof z.ZodError ? summarise(err) : String(err);
}
