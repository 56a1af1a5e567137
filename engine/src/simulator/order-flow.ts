import type { BookSide, Level, OrderBook } from './book.js';
import type { Rng } from './rng.js';

/** How one market's liquidity looks and moves. Sizes are in lots, distances in ticks. */
export interface FlowParams {
  /** Contracts per lot: every resting and traded size is a multiple of it. */
  lotSize: number;
  /** Target levels per side: the book holds about this many, always within [2/3, 4/3] of it. */
  levels: number;
  /** Mean distance between adjacent levels at the touch, ticks (it grows with depth). */
  topGapTicks: number;
  /** Mean resting size at the touch, lots (it grows with depth). */
  touchLots: number;
  /** Mean size of a liquidity-taking order, lots. */
  tradeLots: number;
  /** Mean liquidity-taking orders per simulated second, besides pick-offs of stale quotes. */
  tradesPerSecond: number;
  /** Mean random size changes (adds to / partial cancels of levels near the touch) per simulated second. */
  makerEventsPerSecond: number;
}

/** One execution against one resting level (a BitMEX trade print). */
export interface Fill {
  /** The aggressor's side, as BitMEX's trade `side`. */
  side: BookSide;
  /** Price in ticks: the resting level's price. */
  ticks: number;
  /** Contracts. */
  size: number;
  /** Simulated time, unix ms. */
  timeMs: number;
}

const SIDES: readonly BookSide[] = ['Buy', 'Sell'];
/** Mean life of a resting level, simulated ms (quotes not traded or moved get cancelled and re-posted). */
const LEVEL_LIFE_MS = 60_000;

/** Highest bid and lowest ask a maker may quote around a fair price (fractional ticks): spread ≥ 1 tick. */
export function quoteEdges(center: number): { bidEdge: number; askEdge: number } {
  const bidEdge = Math.floor(center);
  return { bidEdge, askEdge: bidEdge + 1 };
}

/**
 * The stochastic order flow acting on one market's book. Each tick, in this order:
 * 1. takers pick off quotes the fair price has moved through, then trade at random (every print is
 *    at the touch or, for a sweep, through it, against the book as it stood before the tick);
 * 2. makers cancel the remaining stale quotes, refill toward the fair price, post and cancel at
 *    random following a depth profile (dense at the touch, sparser deeper, within a band), and
 *    resize levels near the touch.
 * Phase 2 only ever places bids at or below the fair price's tick and asks above it, so the book
 * is never crossed.
 */
export class OrderFlow {
  constructor(
    private readonly book: OrderBook,
    private readonly rng: Rng,
    private readonly p: FlowParams,
  ) {}

  /** Builds the initial book around a fair price (fractional ticks). */
  seed(center: number, nowMs: number): void {
    const { bidEdge, askEdge } = quoteEdges(center);
    for (const side of SIDES) {
      let ticks = side === 'Buy' ? bidEdge : askEdge;
      for (let k = 0; k < this.p.levels && ticks > 0; k++) {
        this.book.insert(side, ticks, this.restingSize(k), nowMs);
        ticks += deeper(side) * this.gap(k);
      }
    }
  }

  /**
   * Runs one tick covering `[startMs, startMs + dtMs)`.
   * @param center fair price, fractional ticks
   * @param drift the tick's log return of the driving price; biases takers toward its sign
   * @returns the prints, time-ordered
   */
  tick(center: number, drift: number, startMs: number, dtMs: number): Fill[] {
    const { bidEdge, askEdge } = quoteEdges(center);
    const fills = this.takers(bidEdge, askEdge, drift, startMs, dtMs);
    const makerMs = startMs + Math.floor((dtMs * 3) / 4);
    this.cancelStale(bidEdge, askEdge, makerMs);
    for (const side of SIDES) {
      const edge = side === 'Buy' ? bidEdge : askEdge;
      this.refill(side, edge, makerMs);
      this.churn(side, edge, dtMs, makerMs);
    }
    const events = this.rng.poisson((this.p.makerEventsPerSecond * dtMs) / 1000);
    for (let i = 0; i < events; i++) this.resizeNearTouch(makerMs);
    return fills;
  }

  private takers(bidEdge: number, askEdge: number, drift: number, startMs: number, dtMs: number): Fill[] {
    type Order = { side: BookSide; sweep: number } | { side: BookSide; lots: number };
    const orders: Order[] = [];
    // Quotes the fair price moved through are stale: an arbitrageur usually sweeps some of them.
    const staleAsks = this.countWhile('Sell', (l) => l.ticks < askEdge);
    const staleBids = this.countWhile('Buy', (l) => l.ticks > bidEdge);
    if (staleAsks > 0 && this.rng.next() < 0.7) orders.push({ side: 'Buy', sweep: 1 + this.rng.int(staleAsks) });
    if (staleBids > 0 && this.rng.next() < 0.7) orders.push({ side: 'Sell', sweep: 1 + this.rng.int(staleBids) });
    const noise = this.rng.poisson((this.p.tradesPerSecond * dtMs) / 1000);
    const buyBias = 0.5 + Math.max(-0.3, Math.min(0.3, drift * 2_000));
    for (let i = 0; i < noise; i++) {
      const side: BookSide = this.rng.next() < buyBias ? 'Buy' : 'Sell';
      const lots = (1 + Math.floor(this.rng.exp() * this.p.tradeLots)) * (this.rng.next() < 0.03 ? 10 : 1);
      orders.push({ side, lots });
    }
    const fills: Fill[] = [];
    // Takers act in the first half of the tick; makers react after them.
    const span = Math.max(1, Math.floor(dtMs / 2));
    orders.forEach((order, i) => {
      const timeMs = startMs + Math.floor(((i + 1) * span) / (orders.length + 1));
      const resting = this.book.levels(order.side === 'Buy' ? 'Sell' : 'Buy');
      // Never take the side's last level: a real book is never emptied by one order here.
      let budget = 0;
      const limit = Math.min(resting.length - 1, 'sweep' in order ? order.sweep : 5);
      for (let k = 0; k < limit; k++) budget += resting[k]?.size ?? 0;
      let qty = 'sweep' in order ? budget : Math.min(order.lots * this.p.lotSize, budget);
      while (qty > 0) {
        const level = resting[0];
        if (!level) break;
        const take = Math.min(qty, level.size);
        fills.push({ side: order.side, ticks: level.ticks, size: take, timeMs });
        this.book.resize(level, level.size - take, timeMs);
        qty -= take;
      }
    });
    return fills;
  }

  private cancelStale(bidEdge: number, askEdge: number, nowMs: number): void {
    for (let ask = this.book.best('Sell'); ask && ask.ticks < askEdge; ask = this.book.best('Sell')) {
      this.book.remove(ask, nowMs);
    }
    for (let bid = this.book.best('Buy'); bid && bid.ticks > bidEdge; bid = this.book.best('Buy')) {
      this.book.remove(bid, nowMs);
    }
  }

  /** Posts levels from the quote edge back to the side's current best, best first. */
  private refill(side: BookSide, edge: number, nowMs: number): void {
    const best = this.book.best(side)?.ticks;
    const dir = deeper(side);
    let ticks = edge + dir * (this.rng.next() < 0.7 ? 0 : Math.floor(this.rng.exp() * this.p.topGapTicks));
    const better = (t: number) => best === undefined || (side === 'Buy' ? t > best : t < best);
    for (let k = 0; k < this.p.levels && ticks > 0 && better(ticks); k++) {
      this.book.insert(side, ticks, this.restingSize(k), nowMs);
      ticks += dir * this.gap(k);
    }
  }

  /**
   * Quotes come and go: births at distances drawn from the depth profile, deaths uniformly among
   * the side's levels (mean life {@link LEVEL_LIFE_MS}), levels beyond the band cancelled, and the
   * count held within [levels × 2/3, levels × 4/3].
   */
  private churn(side: BookSide, edge: number, dtMs: number, nowMs: number): void {
    const list = this.book.levels(side);
    const deaths = this.rng.poisson((list.length * dtMs) / LEVEL_LIFE_MS);
    for (let i = 0; i < deaths && list.length > 1; i++) {
      const level = list[this.rng.int(list.length)];
      if (level) this.book.remove(level, nowMs);
    }
    const births = this.rng.poisson((this.p.levels * dtMs) / LEVEL_LIFE_MS);
    for (let i = 0; i < births; i++) this.birth(side, edge, nowMs);
    const band = 1.15 * this.profile(this.p.levels);
    for (let last = list.at(-1); last && list.length > 1; last = list.at(-1)) {
      if (Math.abs(edge - last.ticks) <= band && list.length <= (this.p.levels * 4) / 3) break;
      this.book.remove(last, nowMs);
    }
    for (let tries = 0; list.length < (this.p.levels * 2) / 3 && tries < this.p.levels; tries++) {
      this.birth(side, edge, nowMs);
    }
  }

  /** A new level at a distance from the quote edge drawn from the depth profile (if that price is free). */
  private birth(side: BookSide, edge: number, nowMs: number): void {
    const k = this.rng.next() * this.p.levels;
    const ticks = edge + deeper(side) * Math.floor(this.profile(k) + this.rng.next() * this.p.topGapTicks);
    if (ticks > 0 && !this.book.at(side, ticks)) this.book.insert(side, ticks, this.restingSize(k), nowMs);
  }

  /** A maker adds to or takes from a level near the touch (a level emptied this way is deleted). */
  private resizeNearTouch(nowMs: number): void {
    const side: BookSide = this.rng.next() < 0.5 ? 'Buy' : 'Sell';
    const list = this.book.levels(side);
    const k = Math.min(list.length - 1, Math.floor(this.rng.exp() * 6));
    const level = list[k];
    if (!level) return;
    const lots = 1 + Math.floor((this.rng.exp() * this.p.touchLots * (1 + k / 15)) / 2);
    const grow = this.rng.next() < 0.55;
    if (!grow && list.length === 1 && level.size <= lots * this.p.lotSize) return;
    this.book.resize(level, level.size + (grow ? 1 : -1) * lots * this.p.lotSize, nowMs);
  }

  /** Expected distance of the k-th level from the quote edge, ticks: Σ mean gaps, gaps widening with depth. */
  private profile(k: number): number {
    return this.p.topGapTicks * (k + (k * k) / 80);
  }

  private countWhile(side: BookSide, pred: (level: Level) => boolean): number {
    const list = this.book.levels(side);
    let n = 0;
    for (const level of list) {
      if (!pred(level)) break;
      n++;
    }
    return n;
  }

  /** Distance to the next level at depth k, ticks (≥ 1; wider deeper in the book). */
  private gap(k: number): number {
    return 1 + Math.floor(this.rng.exp() * Math.max(0, this.p.topGapTicks * (1 + k / 40) - 1));
  }

  /** A new level's size at depth k, contracts (thicker away from the touch). */
  private restingSize(k: number): number {
    return (1 + Math.floor(this.rng.exp() * this.p.touchLots * (1 + k / 15))) * this.p.lotSize;
  }
}

/** +1 for asks (deeper = higher), −1 for bids. */
function deeper(side: BookSide): number {
  return side === 'Buy' ? -1 : 1;
}
