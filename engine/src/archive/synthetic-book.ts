import type { Rng } from '../simulator/rng.js';
import type { BookLevel } from './columns-builder.js';

/** Shape of a synthetic book: sizes in lots, distances in ticks. */
export interface BookShape {
  /** Levels per side. */
  depth: number;
  /** Contracts per lot. */
  lotSize: number;
  /** Distance between levels behind the touch, ticks (≥ 1). */
  gapTicks: number;
  /** Mean resting size at the touch, lots (it grows with depth). */
  touchLots: number;
}

/** Column builders the book writes its snapshots and deltas into (1 = bid, -1 = ask). */
export interface BookSink {
  snapshot(timeNs: bigint, levels: BookLevel[]): void;
  delta(timeNs: bigint, ticks: number, size: number, side: 1 | -1): void;
}

/**
 * The history generator's L2 book: a touch on each side of the fair price plus levels on a fixed
 * grid of `gapTicks` behind it. The grid is anchored to absolute prices, so when the fair price
 * moves one tick only the touch and the grid's edges change: few deltas, like a real book.
 * Trades eat the touch; a level keeps its size until it leaves the window or is eaten.
 */
export class SyntheticBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();

  constructor(
    private readonly shape: BookShape,
    private readonly rng: Rng,
  ) {}

  /** Moves the book to fair price `center` (fractional ticks) and reports the changed levels as deltas. */
  moveTo(center: number, timeNs: bigint, sink: BookSink): void {
    const bidEdge = Math.floor(center);
    const bids = this.targets(bidEdge, -1);
    const asks = this.targets(bidEdge + 1, 1);
    // Removals on both sides before additions: no replay ever passes through a crossed book.
    this.remove(this.bids, bids, 1, timeNs, sink);
    this.remove(this.asks, asks, -1, timeNs, sink);
    this.add(this.bids, bids, 1, timeNs, sink);
    this.add(this.asks, asks, -1, timeNs, sink);
  }

  /** A trade of `size` contracts by a `side` aggressor eats the opposite touch. */
  trade(side: 1 | -1, size: number, timeNs: bigint, sink: BookSink): void {
    const book = side === 1 ? this.asks : this.bids;
    const touch = side === 1 ? Math.min(...book.keys()) : Math.max(...book.keys());
    const left = (book.get(touch) ?? 0) - size;
    if (left > 0) book.set(touch, left);
    else book.delete(touch);
    sink.delta(timeNs, touch, Math.max(0, left), side === 1 ? -1 : 1);
  }

  /** The touch price on a side, ticks (the book always has one after {@link moveTo}). */
  touch(side: 1 | -1): number {
    return side === 1 ? Math.max(...this.bids.keys()) : Math.min(...this.asks.keys());
  }

  /** Writes the whole book as a snapshot: bids best first, then asks best first. */
  snapshot(timeNs: bigint, sink: BookSink): void {
    const bids = [...this.bids].sort((a, b) => b[0] - a[0]);
    const asks = [...this.asks].sort((a, b) => a[0] - b[0]);
    sink.snapshot(timeNs, [
      ...bids.map(([ticks, size]) => ({ ticks, size, side: 1 as const })),
      ...asks.map(([ticks, size]) => ({ ticks, size, side: -1 as const })),
    ]);
  }

  /** Prices a side should hold: the touch, then grid prices moving away from it (`dir` -1 = bids). */
  private targets(touch: number, dir: -1 | 1): number[] {
    const { gapTicks, depth } = this.shape;
    const out = [touch];
    let grid = dir < 0 ? Math.floor(touch / gapTicks) * gapTicks : Math.ceil(touch / gapTicks) * gapTicks;
    if (grid === touch) grid += dir * gapTicks;
    while (out.length < depth) {
      out.push(grid);
      grid += dir * gapTicks;
    }
    return out;
  }

  private remove(book: Map<number, number>, want: number[], side: 1 | -1, timeNs: bigint, sink: BookSink): void {
    const keep = new Set(want);
    for (const ticks of [...book.keys()]) {
      if (keep.has(ticks)) continue;
      book.delete(ticks);
      sink.delta(timeNs, ticks, 0, side);
    }
  }

  private add(book: Map<number, number>, want: number[], side: 1 | -1, timeNs: bigint, sink: BookSink): void {
    want.forEach((ticks, k) => {
      if (book.has(ticks)) return;
      const lots = 1 + Math.floor(this.rng.exp() * this.shape.touchLots * (1 + k / 15));
      const size = lots * this.shape.lotSize;
      book.set(ticks, size);
      sink.delta(timeNs, ticks, size, side);
    });
  }
}
