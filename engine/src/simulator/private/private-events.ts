/**
 * Turns changes of the accounts' rows into private table frames in BitMEX's shapes: a row's first
 * appearance is an `insert` (without null columns), later changes are `update`s carrying only the
 * changed columns plus the identifying ones and `timestamp`.
 */
import type { Row } from '../tables.js';
import { withoutNulls } from './order-rows.js';
import type { PrivateMessage, PrivateTableName } from './schemas.js';

/** Where the frames of one account go (the realtime hub). */
export type PrivateSink = (account: number, message: PrivateMessage) => void;

/** Columns every `update` row of a table carries besides the changed ones (BitMEX's own choice). */
const ALWAYS: Readonly<Record<PrivateTableName, readonly string[]>> = {
  order: ['orderID', 'clOrdID', 'account', 'symbol'],
  execution: ['execID'],
  position: ['account', 'symbol', 'currency'],
  margin: ['account', 'currency'],
};

/** Remembers the last row sent per table and key, and emits inserts and minimal updates. */
export class PrivateEvents {
  private readonly images = new Map<string, Row>();

  constructor(private readonly sink: PrivateSink) {}

  /** Records a row as already known to clients (they get it in a partial), without sending anything. */
  seed(table: PrivateTableName, key: string, row: Row): void {
    this.images.set(`${table}|${key}`, row);
  }

  /** Sends a row that clients must add (an execution is always new). */
  insert(account: number, table: PrivateTableName, key: string, row: Row): void {
    this.images.set(`${table}|${key}`, row);
    this.sink(account, { table, action: 'insert', data: [withoutNulls(row)] });
  }

  /** Sends what changed since the row was last sent (an insert the first time); nothing when only its timestamp moved. */
  upsert(account: number, table: PrivateTableName, key: string, row: Row): void {
    const id = `${table}|${key}`;
    const prior = this.images.get(id);
    if (!prior) {
      this.insert(account, table, key, row);
      return;
    }
    const delta: Record<string, unknown> = {};
    for (const column of ALWAYS[table]) delta[column] = row[column];
    let changed = false;
    for (const [column, value] of Object.entries(row)) {
      if (column === 'timestamp' || prior[column] === value) continue;
      delta[column] = value;
      changed = true;
    }
    if (!changed) return;
    delta.timestamp = row.timestamp;
    this.images.set(id, row);
    this.sink(account, { table, action: 'update', data: [delta] });
  }
}
