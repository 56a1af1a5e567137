import type { Mode, Status } from './session-model';

/** The API's `SessionFilter` input. */
export interface SessionFilterValue {
  mode?: Mode | null;
  status?: Status[] | null;
  market?: string | null;
  strategy?: string | null;
}

/** Modes a list leaves out in the browser (the API's filter has no "not"). */
export interface Exclude {
  modes?: readonly Mode[];
}

interface Row {
  mode: string;
  status: string;
  markets: readonly string[];
  strategy: string;
}

/** Whether a session belongs in a list with this filter (the server's rules, checked in the browser). */
export function matchesFilter(s: Row, f: SessionFilterValue, exclude?: Exclude): boolean {
  if (exclude?.modes?.includes(s.mode as Mode)) return false;
  if (f.mode && s.mode !== f.mode) return false;
  if (f.status && f.status.length > 0 && !f.status.includes(s.status as Status)) return false;
  if (f.market && !s.markets.includes(f.market)) return false;
  if (f.strategy && s.strategy !== f.strategy) return false;
  return true;
}

/** Drops empty values, so the variables (and the query's cache key) stay stable. */
export function cleanFilter(f: SessionFilterValue): SessionFilterValue {
  const out: SessionFilterValue = {};
  if (f.mode) out.mode = f.mode;
  if (f.status && f.status.length > 0) out.status = [...f.status];
  if (f.market) out.market = f.market;
  if (f.strategy) out.strategy = f.strategy;
  return out;
}

export type ListChange = 'merge' | 'refetch' | 'ignore';

/**
 * What a pushed session means for a shown page: update it in place when it is on the page and
 * still matches; re-query when it joins (new or changed into the filter) or leaves the page.
 */
export function classifyUpdate(
  s: Row & { id: string },
  pageIds: ReadonlySet<string>,
  f: SessionFilterValue,
  exclude?: Exclude,
): ListChange {
  const matches = matchesFilter(s, f, exclude);
  const shown = pageIds.has(s.id);
  if (shown && matches) return 'merge';
  if (shown || matches) return 'refetch';
  return 'ignore';
}
