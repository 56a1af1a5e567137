/**
 * An L2 order book for one market, keyed by integer price ticks (never by float prices, so
 * 0.1 + 0.2 can never open a second level next to 0.3). Sizes are in contracts.
 */
/** Buyers' side (`bid`, BitMEX `Buy`) or sellers' side (`ask`, BitMEX `Sell`). */
export type BookSide = 'bid' | 'ask';

/** One level of a snapshot. */
export interface BookLevelTicks {
  /** Price in integer ticks of the instrument. */
  priceTicks: number;
  /** Size at this level, in contracts. */
  size: number;
  /** Cumulative size from the best level down to and including this one, in contracts. */
  total: number;
}

/** Top of the book, best level first on both sides (bids highest first, asks lowest first). */
export interface BookSnapshot {
  bids: BookLevelTicks[];
  asks: BookLevelTicks[];
}

/**
 * One side of the book: a Map for O(1) size lookups plus an array of sort keys kept in ascending
 * order with the BEST level LAST, and the sizes in a parallel array (walking the book reads arrays,
 * no Map lookup per level: strategies that scan depth on every update depend on it). Most activity
 * happens near the top of the book, so inserts and removals there splice near the end of the
 * arrays and move few elements; best price is O(1); changing an existing level is a binary search.
 * The sort key is the price for bids and minus the price for asks, so one ascending order serves both.
 */
class BookSideLevels {
  private readonly keys: number[] = [];
  /** Size of the level at the same index of `keys`. */
  private readonly vals: number[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(private readonly sign: 1 | -1) {}

  get count(): number {
    return this.keys.length;
  }

  sizeAt(ticks: number): number {
    return this.sizes.get(ticks) ?? 0;
  }

  /** Returns the level's previous size (0 when it is new). */
  set(ticks: number, size: number): number {
    const key = ticks * this.sign;
    const at = this.lowerBound(key);
    const prev = this.sizes.get(ticks);
    if (prev !== undefined) this.vals[at] = size;
    else {
      this.keys.splice(at, 0, key);
      this.vals.splice(at, 0, size);
    }
    this.sizes.set(ticks, size);
    return prev ?? 0;
  }

  /** Returns the removed level's size (0 when there was none). */
  remove(ticks: number): number {
    const prev = this.sizes.get(ticks);
    if (prev === undefined) return 0;
    this.sizes.delete(ticks);
    const at = this.lowerBound(ticks * this.sign);
    this.keys.splice(at, 1);
    this.vals.splice(at, 1);
    return prev;
  }

  clear(): void {
    this.keys.length = 0;
    this.vals.length = 0;
    this.sizes.clear();
  }

  best(): number | null {
    const key = this.keys.at(-1);
    return key === undefined ? null : key * this.sign;
  }

  /** Visits levels best first; stops when `visit` returns false. */
  forEachBestFirst(visit: (ticks: number, size: number) => boolean): void {
    const { keys, vals, sign } = this;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (!visit((keys[i] ?? 0) * sign, vals[i] ?? 0)) return;
    }
  }

  /** First index whose key is >= `key` (binary search). */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] ?? 0) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * A full-depth L2 book. Updates of an existing level are O(1); adding or removing a level is a
 * binary search plus an array splice (cheap near the top of the book, where the activity is);
 * best bid/ask are O(1).
 */
export class OrderBook {
  private readonly bids = new BookSideLevels(1);
  private readonly asks = new BookSideLevels(-1);

  constructor(readonly symbol: string) {}

  /**
   * Sets a level's absolute size in contracts; a size <= 0 removes the level. Returns the level's
   * previous size (0 when it had none), for callers that keep running sums.
   */
  set(side: BookSide, priceTicks: number, size: number): number {
    checkTicks(priceTicks);
    if (Number.isNaN(size)) throw new RangeError(`size must be a number (got NaN at ${priceTicks} ticks)`);
    return size <= 0 ? this.levelsOf(side).remove(priceTicks) : this.levelsOf(side).set(priceTicks, size);
  }

  /** Removes a level; returns its size (0 when there was none). */
  remove(side: BookSide, priceTicks: number): number {
    checkTicks(priceTicks);
    return this.levelsOf(side).remove(priceTicks);
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** Size at one price, in contracts; 0 when there is no level there. */
  sizeAt(side: BookSide, priceTicks: number): number {
    return this.levelsOf(side).sizeAt(priceTicks);
  }

  /** Highest bid, in ticks. */
  bestBid(): number | null {
    return this.bids.best();
  }

  /** Lowest ask, in ticks. */
  bestAsk(): number | null {
    return this.asks.best();
  }

  /** Both sides non-empty and the best bid at or above the best ask. */
  isCrossed(): boolean {
    const bid = this.bids.best();
    const ask = this.asks.best();
    return bid !== null && ask !== null && bid >= ask;
  }

  /** Number of price levels on one side. */
  depth(side: BookSide): number {
    return this.levelsOf(side).count;
  }

  /**
   * Top `depth` levels per side, best first, with cumulative totals. `groupTicks` > 1 aggregates
   * levels into buckets of that many ticks: bids floor to a multiple, asks ceil to a multiple, so
   * grouping never makes the book look tighter (or crossed) than it is.
   */
  snapshot(depth: number, groupTicks = 1): BookSnapshot {
    if (!Number.isSafeInteger(depth) || depth < 0) throw new RangeError(`depth must be an integer >= 0 (got ${depth})`);
    if (!Number.isSafeInteger(groupTicks) || groupTicks < 1)
      throw new RangeError(`groupTicks must be an integer >= 1 (got ${groupTicks})`);
    return {
      bids: top(this.bids, depth, (t) => Math.floor(t / groupTicks) * groupTicks),
      asks: top(this.asks, depth, (t) => Math.ceil(t / groupTicks) * groupTicks),
    };
  }

  /**
   * Visits one side's levels best first without allocating; return false from `visit` to stop.
   * The hot-path way to read a book (strategies, the simulated venue).
   */
  forEachLevel(side: BookSide, visit: (priceTicks: number, size: number) => boolean): void {
    this.levelsOf(side).forEachBestFirst(visit);
  }

  /** Full depth of one side, best first, as `[priceTicks, size]`. */
  levels(side: BookSide): [number, number][] {
    const out: [number, number][] = [];
    this.levelsOf(side).forEachBestFirst((ticks, size) => {
      out.push([ticks, size]);
      return true;
    });
    return out;
  }

  private levelsOf(side: BookSide): BookSideLevels {
    return side === 'bid' ? this.bids : this.asks;
  }
}

function top(levels: BookSideLevels, depth: number, bucketOf: (ticks: number) => number): BookLevelTicks[] {
  const out: BookLevelTicks[] = [];
  if (depth === 0) return out;
  let total = 0;
  levels.forEachBestFirst((ticks, size) => {
    // `|| 0` folds -0 (ceil of a small negative) into 0 so bucket keys compare and print cleanly.
    const bucket = bucketOf(ticks) || 0;
    total += size;
    const last = out.at(-1);
    if (last && last.priceTicks === bucket) {
      last.size += size;
      last.total = total;
      return true;
    }
    if (out.length === depth) return false;
    out.push({ priceTicks: bucket, size, total });
    return true;
  });
  return out;
}

function checkTicks(priceTicks: number): void {
  if (!Number.isSafeInteger(priceTicks)) throw new RangeError(`price must be whole ticks (got ${priceTicks})`);
}
