/**
 * BitMEX's generic list parameters (`symbol`, `filter`, `count`, `start`, `reverse`, `startTime`,
 * `endTime`) applied to an account's rows, oldest first unless `reverse`.
 */
import type { Row } from '../tables.js';
import type { ListParams } from './order-params.js';

/** Rows per reply when `count` is not given (BitMEX's default). */
const DEFAULT_COUNT = 100;

/** Whether a row matches a `filter` object: every column equal to the value, or one of an array of values. */
export function matchesFilter(row: Row, filter: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(filter).every(([column, want]) =>
    Array.isArray(want) ? want.includes(row[column]) : row[column] === want,
  );
}

/**
 * Applies the list parameters to `rows` (oldest first). `timeColumn` is what `startTime` /
 * `endTime` compare; `filter` columns the caller handles itself (e.g. `open`) go in `skip`.
 */
export function listRows(rows: readonly Row[], p: ListParams, timeColumn: string, skip: readonly string[] = []): Row[] {
  const filter = Object.fromEntries(Object.entries(p.filter ?? {}).filter(([k]) => !skip.includes(k)));
  const from = p.startTime === undefined ? Number.NEGATIVE_INFINITY : Date.parse(p.startTime);
  const to = p.endTime === undefined ? Number.POSITIVE_INFINITY : Date.parse(p.endTime);
  const kept = rows.filter((row) => {
    if (p.symbol !== undefined && row.symbol !== p.symbol) return false;
    const at = Date.parse(String(row[timeColumn]));
    if (at < from || at > to) return false;
    return matchesFilter(row, filter);
  });
  if (p.reverse) kept.reverse();
  const start = p.start ?? 0;
  return kept.slice(start, start + (p.count ?? DEFAULT_COUNT));
}
