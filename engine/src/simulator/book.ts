import type { Rng } from './rng.js';

/** BitMEX's side names for book levels: `Buy` = bid, `Sell` = ask. */
export type BookSide = 'Buy' | 'Sell';

/** One price level of the simulated L2 book. */
export interface Level {
  /** Opaque id, unique among this book's live levels (BitMEX's current, arbitrary ids). */
  readonly id: number;
  readonly side: BookSide;
  /** Price in integer ticks of the instrument's tick size. */
  readonly ticks: number;
  /** Resting size in contracts; always a positive multiple of the lot size while the level lives. */
  size: number;
  /** Simulated time of the level's last change (its `transactTime`), unix ms. */
  changedMs: number;
}

/** What changed since the last {@link OrderBook.drainChanges}, coalesced per level id. */
export interface BookChanges {
  /** Levels that existed at the last drain and are gone now (last known price). */
  readonly deleted: readonly Level[];
  /** Levels that existed at the last drain and whose size changed. */
  readonly updated: readonly Level[];
  /** Levels created since the last drain and still alive. */
  readonly inserted: readonly Level[];
}

/** A book image, best level first, as `[price, size]` pairs (price in quote currency). */
export interface BookSnapshot {
  bids: [price: number, size: number][];
  asks: [price: number, size: number][];
}

type Change = 'insert' | 'update' | 'delete';

/**
 * A price-level order book in integer ticks. It enforces the invariants a real book keeps: one
 * level per price and side, sizes positive, never crossed (every bid strictly below every ask),
 * and records every change so the feed can publish coalesced deltas.
 */
export class OrderBook {
  /** Bids, best (highest) first. */
  private readonly bids: Level[] = [];
  /** Asks, best (lowest) first. */
  private readonly asks: Level[] = [];
  private readonly ids = new Set<number>();
  private readonly pending = new Map<number, { change: Change; level: Level }>();

  constructor(private readonly rng: Rng) {}

  /** The side's levels, best first. Do not mutate: go through the methods below. */
  levels(side: BookSide): readonly Level[] {
    return side === 'Buy' ? this.bids : this.asks;
  }

  /** The side's best level, if any. */
  best(side: BookSide): Level | undefined {
    return this.levels(side)[0];
  }

  /** Adds a level; throws if the price is taken on that side or would cross the other side. */
  insert(side: BookSide, ticks: number, size: number, nowMs: number): Level {
    if (!(size > 0) || !Number.isInteger(ticks)) throw new RangeError(`bad level ${side} ${ticks} × ${size}`);
    const opposite = this.best(side === 'Buy' ? 'Sell' : 'Buy');
    if (opposite && (side === 'Buy' ? ticks >= opposite.ticks : ticks <= opposite.ticks)) {
      throw new RangeError(`level ${side} ${ticks} would cross ${opposite.ticks}`);
    }
    const list = side === 'Buy' ? this.bids : this.asks;
    const at = this.indexOf(side, ticks);
    if (list[at]?.ticks === ticks) throw new RangeError(`level ${side} ${ticks} exists`);
    let id = this.rng.opaqueId();
    while (this.ids.has(id)) id = this.rng.opaqueId();
    const level: Level = { id, side, ticks, size, changedMs: nowMs };
    this.ids.add(id);
    list.splice(at, 0, level);
    this.pending.set(id, { change: 'insert', level });
    return level;
  }

  /** Sets a level's size; a size of 0 or less deletes it (BitMEX sends a `delete`, never size 0). */
  resize(level: Level, size: number, nowMs: number): void {
    if (size <= 0) {
      this.remove(level, nowMs);
      return;
    }
    if (size === level.size) return;
    level.size = size;
    level.changedMs = nowMs;
    const prior = this.pending.get(level.id);
    if (prior?.change !== 'insert') this.pending.set(level.id, { change: 'update', level });
  }

  /** Deletes a level. */
  remove(level: Level, nowMs: number): void {
    const list = level.side === 'Buy' ? this.bids : this.asks;
    const at = this.indexOf(level.side, level.ticks);
    if (list[at] !== level) throw new RangeError(`level ${level.id} is not in the book`);
    list.splice(at, 1);
    this.ids.delete(level.id);
    level.changedMs = nowMs;
    const prior = this.pending.get(level.id);
    if (prior?.change === 'insert') this.pending.delete(level.id);
    else this.pending.set(level.id, { change: 'delete', level });
  }

  /** The level at a price on a side, if any. */
  at(side: BookSide, ticks: number): Level | undefined {
    const level = this.levels(side)[this.indexOf(side, ticks)];
    return level?.ticks === ticks ? level : undefined;
  }

  /** Changes since the previous call, coalesced so each level id appears at most once. */
  drainChanges(): BookChanges {
    const deleted: Level[] = [];
    const updated: Level[] = [];
    const inserted: Level[] = [];
    for (const { change, level } of this.pending.values()) {
      (change === 'delete' ? deleted : change === 'update' ? updated : inserted).push(level);
    }
    this.pending.clear();
    return { deleted, updated, inserted };
  }

  /** Full depth as `[price, size]`, best first. */
  snapshot(toPrice: (ticks: number) => number): BookSnapshot {
    const pairs = (list: readonly Level[]): [number, number][] => list.map((l) => [toPrice(l.ticks), l.size]);
    return { bids: pairs(this.bids), asks: pairs(this.asks) };
  }

  /** Binary search: the index where a level at `ticks` is or would go on `side`. */
  private indexOf(side: BookSide, ticks: number): number {
    const list = side === 'Buy' ? this.bids : this.asks;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = list[mid]?.ticks ?? 0;
      // Bids descend, asks ascend: "before" means better.
      if (side === 'Buy' ? t > ticks : t < ticks) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
