import type { BookColumns, TradeColumns } from '@hm/schemas';

/** Market a batch belongs to. */
export interface BatchHead {
  exchange: string;
  symbol: string;
  /** Price of one tick, quote currency. */
  tickSize: number;
}

/** Grows one hour of trades row by row; {@link build} turns it into typed columns. */
export class TradeColumnsBuilder {
  private readonly time: bigint[] = [];
  private readonly price: number[] = [];
  private readonly size: number[] = [];
  private readonly side: number[] = [];
  private readonly ids: string[] = [];

  constructor(readonly head: BatchHead) {}

  get length(): number {
    return this.time.length;
  }

  /** A print: unix ns, integer ticks, contracts, aggressor side (1 buy, -1 sell), match id. */
  add(timeNs: bigint, priceTicks: number, size: number, side: 1 | -1, id: string): void {
    this.time.push(timeNs);
    this.price.push(priceTicks);
    this.size.push(size);
    this.side.push(side);
    this.ids.push(id);
  }

  build(): TradeColumns {
    return {
      ...this.head,
      timeNs: BigInt64Array.from(this.time),
      priceTicks: Float64Array.from(this.price),
      size: Float64Array.from(this.size),
      side: Int8Array.from(this.side),
      ids: [...this.ids],
    };
  }
}

/** One book level: integer ticks, contracts, 1 = bid / -1 = ask. */
export interface BookLevel {
  ticks: number;
  size: number;
  side: 1 | -1;
}

/**
 * Grows one hour of book records (snapshots and deltas); {@link build} turns it into typed columns.
 * Deltas before the first snapshot are dropped: a batch must start from a full book.
 */
export class BookColumnsBuilder {
  private readonly snapTime: bigint[] = [];
  private readonly offsets = [0];
  private readonly level = { price: [] as number[], size: [] as number[], side: [] as number[] };
  private readonly delta = { time: [] as bigint[], price: [] as number[], size: [] as number[], side: [] as number[] };

  constructor(
    readonly head: BatchHead,
    /** Levels per side in snapshots (0 = full depth). */
    private readonly depth: number,
  ) {}

  /** Records written so far (snapshots + deltas). */
  get records(): number {
    return this.snapTime.length + this.delta.time.length;
  }

  snapshot(timeNs: bigint, levels: readonly BookLevel[]): void {
    this.snapTime.push(timeNs);
    for (const l of levels) {
      this.level.price.push(l.ticks);
      this.level.size.push(l.size);
      this.level.side.push(l.side);
    }
    this.offsets.push(this.level.price.length);
  }

  /** New size at a price (0 = level gone). */
  change(timeNs: bigint, ticks: number, size: number, side: 1 | -1): void {
    if (this.snapTime.length === 0) return;
    this.delta.time.push(timeNs);
    this.delta.price.push(ticks);
    this.delta.size.push(size);
    this.delta.side.push(side);
  }

  /** The columns, or null before the first snapshot. */
  build(): BookColumns | null {
    if (this.snapTime.length === 0) return null;
    return {
      ...this.head,
      depth: this.depth,
      snapshotTimeNs: BigInt64Array.from(this.snapTime),
      snapshotOffset: Uint32Array.from(this.offsets),
      levelPriceTicks: Float64Array.from(this.level.price),
      levelSize: Float64Array.from(this.level.size),
      levelSide: Int8Array.from(this.level.side),
      deltaTimeNs: BigInt64Array.from(this.delta.time),
      deltaPriceTicks: Float64Array.from(this.delta.price),
      deltaSize: Float64Array.from(this.delta.size),
      deltaSide: Int8Array.from(this.delta.side),
    };
  }
}
