// Shared by the L2 table tests: fixture loading, message building, book read-out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { L2BookTable } from '../../src/bitmex/l2-table.js';
import { parseFrame, type TableMessage } from '../../src/bitmex/messages.js';
import type { Logger } from '../../src/log.js';
import { findInstrument } from '../../src/market/instruments.js';
import { fromTicks } from '../../src/market/price-ticks.js';
import { bitmexFixtures } from './paths.js';

/** A raw table row, as it comes off the wire. */
export type Row = Record<string, unknown>;

/** The table messages of a recorded fixture file, in order. */
export function messages(file: string): TableMessage[] {
  return readFileSync(path.join(bitmexFixtures, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      const frame = parseFrame(l);
      return frame.kind === 'table' ? [frame.message] : [];
    });
}

export const msg = (action: TableMessage['action'], data: Row[], extra: Partial<TableMessage> = {}): TableMessage => ({
  table: 'orderBookL2_25',
  action,
  data,
  ...extra,
});

export const table = (log?: Logger) => new L2BookTable((s) => findInstrument(s), log);

/** The table's book for a symbol as [price, size] per side, best first. */
export function prices(t: L2BookTable, symbol: string) {
  const tick = t.tickSize(symbol) ?? Number.NaN;
  const side = (s: 'bid' | 'ask') => (t.book(symbol)?.levels(s) ?? []).map(([p, n]) => [fromTicks(p, tick), n]);
  return { bids: side('bid'), asks: side('ask') };
}
