/**
 * Trade-by-trade matching of two runs' round trips (e.g. a TEST session and its backtest):
 * pairs trips of the same market and side by nearest entry time, then flags what diverges.
 */

export interface TripLike {
  seq: number;
  market: string;
  side: string;
  qty: number;
  entryTime: unknown;
  exitTime: unknown;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
}

export interface Tolerance {
  /** Farthest apart two entries may be and still be the same trade. */
  maxGapMs: number;
  /** Entry or exit times further apart than this are a divergence. */
  timeMs: number;
  /** Relative price difference allowed (0.0005 = 0.05 %). */
  priceRel: number;
  /** Relative P&L difference allowed, of the larger |P&L|… */
  pnlRel: number;
  /** …but never less than this absolute amount (settlement currency). */
  pnlAbs: number;
}

export const DEFAULT_TOLERANCE: Tolerance = {
  maxGapMs: 60_000,
  timeMs: 2_000,
  priceRel: 0.0005,
  pnlRel: 0.05,
  pnlAbs: 1e-8,
};

export interface Divergence {
  time: boolean;
  price: boolean;
  pnl: boolean;
  qty: boolean;
}

export interface TripMatch<T extends TripLike> {
  a: T | null;
  b: T | null;
  /** b − a, when both exist. */
  entryDtMs: number | null;
  exitDtMs: number | null;
  entryPriceDiff: number | null;
  exitPriceDiff: number | null;
  pnlDiff: number | null;
  diverges: Divergence;
  /** Unmatched, or matched with any divergence. */
  divergent: boolean;
}

const t = (v: unknown): number => (typeof v === 'number' ? v : Date.parse(String(v)));
const relDiff = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), Number.MIN_VALUE);

function compare<T extends TripLike>(a: T, b: T, tol: Tolerance): TripMatch<T> {
  const entryDtMs = t(b.entryTime) - t(a.entryTime);
  const exitDtMs = t(b.exitTime) - t(a.exitTime);
  const pnlDiff = b.pnl - a.pnl;
  const diverges: Divergence = {
    time: Math.abs(entryDtMs) > tol.timeMs || Math.abs(exitDtMs) > tol.timeMs,
    price: relDiff(a.entryPrice, b.entryPrice) > tol.priceRel || relDiff(a.exitPrice, b.exitPrice) > tol.priceRel,
    pnl: Math.abs(pnlDiff) > Math.max(tol.pnlAbs, tol.pnlRel * Math.max(Math.abs(a.pnl), Math.abs(b.pnl))),
    qty: a.qty !== b.qty,
  };
  return {
    a,
    b,
    entryDtMs,
    exitDtMs,
    entryPriceDiff: b.entryPrice - a.entryPrice,
    exitPriceDiff: b.exitPrice - a.exitPrice,
    pnlDiff,
    diverges,
    divergent: diverges.time || diverges.price || diverges.pnl || diverges.qty,
  };
}

const alone = <T extends TripLike>(a: T | null, b: T | null): TripMatch<T> => ({
  a,
  b,
  entryDtMs: null,
  exitDtMs: null,
  entryPriceDiff: null,
  exitPriceDiff: null,
  pnlDiff: null,
  diverges: { time: false, price: false, pnl: false, qty: false },
  divergent: true,
});

/**
 * Pairs every trip of `a` with at most one of `b`: among same market+side candidates within
 * `maxGapMs`, the closest entry times are paired first (globally greedy, so one early mismatch
 * does not shift every later pair). Result: matches and unmatched trips, by entry time.
 */
export function matchRoundTrips<T extends TripLike>(
  a: readonly T[],
  b: readonly T[],
  tol: Tolerance = DEFAULT_TOLERANCE,
): TripMatch<T>[] {
  const pairs: { i: number; j: number; gap: number }[] = [];
  a.forEach((x, i) => {
    b.forEach((y, j) => {
      if (x.market !== y.market || x.side !== y.side) return;
      const gap = Math.abs(t(y.entryTime) - t(x.entryTime));
      if (gap <= tol.maxGapMs) pairs.push({ i, j, gap });
    });
  });
  pairs.sort((p, q) => p.gap - q.gap || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const rows: TripMatch<T>[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    rows.push(compare(a[p.i] as T, b[p.j] as T, tol));
  }
  a.forEach((x, i) => {
    if (!usedA.has(i)) rows.push(alone(x, null));
  });
  b.forEach((y, j) => {
    if (!usedB.has(j)) rows.push(alone(null, y));
  });
  const key = (r: TripMatch<T>) => Math.min(r.a ? t(r.a.entryTime) : Infinity, r.b ? t(r.b.entryTime) : Infinity);
  return rows.sort((x, y) => key(x) - key(y));
}

export interface MatchSummary {
  matched: number;
  identical: number;
  divergent: number;
  onlyA: number;
  onlyB: number;
}

export function summarize<T extends TripLike>(rows: readonly TripMatch<T>[]): MatchSummary {
  const s: MatchSummary = { matched: 0, identical: 0, divergent: 0, onlyA: 0, onlyB: 0 };
  for (const r of rows) {
    if (r.a && r.b) {
      s.matched++;
      if (r.divergent) s.divergent++;
      else s.identical++;
    } else if (r.a) s.onlyA++;
    else s.onlyB++;
  }
  return s;
}
