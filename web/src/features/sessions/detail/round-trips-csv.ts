import { toCsv } from '../../../lib/csv';

export interface CsvTrip {
  seq: number;
  market: string;
  side: string;
  qty: number;
  entryTime: unknown;
  exitTime: unknown;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  fees: number;
  funding: number;
}

export const ROUND_TRIP_COLUMNS = [
  'seq',
  'market',
  'side',
  'qty',
  'entry_time_utc',
  'exit_time_utc',
  'entry_price',
  'exit_price',
  'pnl',
  'fees',
  'funding',
  'currency',
] as const;

/** The round trips as CSV, raw numbers (no thousands separators) and ISO UTC times. */
export function roundTripsCsv(trips: readonly CsvTrip[], currency: string | null): string {
  return toCsv(
    ROUND_TRIP_COLUMNS,
    trips.map((t) => [
      t.seq,
      t.market,
      t.side,
      t.qty,
      String(t.entryTime),
      String(t.exitTime),
      t.entryPrice,
      t.exitPrice,
      t.pnl,
      t.fees,
      t.funding,
      currency ?? '',
    ]),
  );
}

/** A file name safe on every OS: `round-trips-<name>-<id8>.csv`. */
export function csvFileName(name: string, id: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `round-trips-${slug || 'session'}-${id.slice(0, 8)}.csv`;
}
