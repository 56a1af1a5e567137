import type { BookColumns, TradeColumns } from '@hm/schemas';
import { z } from 'zod';

/** A published trade (topics.ts `TradeEvent`), validated: it crosses Redis. */
export const LiveTrade = z.object({
  id: z.string().min(1),
  timeMs: z.number().int(),
  price: z.number().positive(),
  size: z.number().positive(),
  side: z.enum(['BUY', 'SELL']),
});
export type LiveTrade = z.infer<typeof LiveTrade>;

const Level = z.tuple([z.number().int().nonnegative(), z.number().nonnegative()]);

/** A published book snapshot (topics.ts `BookEvent`): levels `[priceTicks, size]`, best first. */
export const LiveBook = z.object({
  market: z.string(),
  seq: z.number().int(),
  timeMs: z.number().int(),
  tickSize: z.number().positive(),
  bids: z.array(Level),
  asks: z.array(Level),
});
export type LiveBook = z.infer<typeof LiveBook>;

/**
 * One market's trades of one live batch as {@link TradeColumns}, on buffers reused from batch to
 * batch (the kernel is done with a batch before it asks for the next). Capacity grows by doubling.
 */
export class LiveTradeColumns {
  private timeNs: BigInt64Array;
  private priceTicks: Float64Array;
  private size: Float64Array;
  private side: Int8Array;
  private readonly ids: string[] = [];
  private n = 0;

  constructor(
    private readonly head: { exchange: string; symbol: string; tickSize: number },
    capacity = 256,
  ) {
    this.timeNs = new BigInt64Array(capacity);
    this.priceTicks = new Float64Array(capacity);
    this.size = new Float64Array(capacity);
    this.side = new Int8Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
  }

  /** A print: unix ms, integer ticks (of `head.tickSize`), contracts, aggressor (1 buy, -1 sell), match id. */
  add(timeMs: number, priceTicks: number, size: number, side: 1 | -1, id: string): void {
    if (this.n === this.timeNs.length) this.grow();
    const i = this.n++;
    this.timeNs[i] = BigInt(timeMs) * 1_000_000n;
    this.priceTicks[i] = priceTicks;
    this.size[i] = size;
    this.side[i] = side;
    this.ids[i] = id;
  }

  /** The columns added since {@link clear} (views on the buffers: valid until the next `add`). */
  columns(): TradeColumns {
    const n = this.n;
    this.ids.length = n;
    return {
      ...this.head,
      timeNs: this.timeNs.subarray(0, n),
      priceTicks: this.priceTicks.subarray(0, n),
      size: this.size.subarray(0, n),
      side: this.side.subarray(0, n),
      ids: this.ids,
    };
  }

  private grow(): void {
    const cap = this.timeNs.length * 2;
    const time = new BigInt64Array(cap);
    time.set(this.timeNs);
    const price = new Float64Array(cap);
    price.set(this.priceTicks);
    const size = new Float64Array(cap);
    size.set(this.size);
    const side = new Int8Array(cap);
    side.set(this.side);
    this.timeNs = time;
    this.priceTicks = price;
    this.size = size;
    this.side = side;
  }
}

const NO_TIMES = new BigInt64Array(0);
const NO_PRICES = new Float64Array(0);
const NO_SIDES = new Int8Array(0);

/**
 * A published book snapshot as {@link BookColumns} holding that one snapshot and no deltas (the
 * kernel replaces its book with it). Allocates the level columns per snapshot: books arrive at
 * most ~10/s per market.
 */
export function bookSnapshotColumns(exchange: string, symbol: string, e: LiveBook, timeMs: number): BookColumns {
  const n = e.bids.length + e.asks.length;
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const side = new Int8Array(n);
  let j = 0;
  for (const [ticks, qty] of e.bids) {
    price[j] = ticks;
    size[j] = qty;
    side[j++] = 1;
  }
  for (const [ticks, qty] of e.asks) {
    price[j] = ticks;
    size[j] = qty;
    side[j++] = -1;
  }
  return {
    exchange,
    symbol,
    tickSize: e.tickSize,
    depth: 0,
    snapshotTimeNs: BigInt64Array.of(BigInt(timeMs) * 1_000_000n),
    snapshotOffset: Uint32Array.of(0, n),
    levelPriceTicks: price,
    levelSize: size,
    levelSide: side,
    deltaTimeNs: NO_TIMES,
    deltaPriceTicks: NO_PRICES,
    deltaSize: NO_PRICES,
    deltaSide: NO_SIDES,
  };
}
