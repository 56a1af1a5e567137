import type { TableMessage } from './messages.js';

type Row = Record<string, unknown>;

/**
 * A BitMEX keyed table (e.g. `instrument`, keys ["symbol"]) kept as full rows: `partial` replaces
 * the rows it covers, `insert` adds, `update` merges the changed columns into the stored row,
 * `delete` removes. Deltas before the first partial are dropped, as the protocol requires.
 */
export class KeyedTable {
  private readonly rows = new Map<string, Row>();
  private keys: string[];
  private ready = false;

  constructor(defaultKeys: string[]) {
    this.keys = defaultKeys;
  }

  /** Applies one message; returns the keys (joined with '|') of the rows it touched. */
  apply(msg: TableMessage): string[] {
    if (msg.action === 'partial') {
      this.ready = true;
      if (msg.keys && msg.keys.length > 0) this.keys = msg.keys;
      for (const row of msg.data) this.rows.delete(this.keyOf(row));
    } else if (!this.ready) {
      return [];
    }
    const touched: string[] = [];
    for (const row of msg.data) {
      const key = this.keyOf(row);
      touched.push(key);
      if (msg.action === 'delete') this.rows.delete(key);
      else if (msg.action === 'update') this.rows.set(key, { ...(this.rows.get(key) ?? {}), ...row });
      else this.rows.set(key, { ...row });
    }
    return touched;
  }

  get(key: string): Readonly<Row> | undefined {
    return this.rows.get(key);
  }

  /** A reconnect's partial will rebuild the table; until then deltas are meaningless. */
  reset(): void {
    this.ready = false;
    this.rows.clear();
  }

  private keyOf(row: Row): string {
    return this.keys.map((k) => String(row[k] ?? '')).join('|');
  }
}
