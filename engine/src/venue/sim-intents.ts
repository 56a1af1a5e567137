import { toTicks } from '../market/price-ticks.js';
import type { OrderIntent } from '../strategy/sdk.js';
import type { SimMarket } from './sim-orders.js';

/** An intent waiting out the venue's latency. */
export interface PendingIntent {
  /** When it takes effect, unix ms (submit time + latency). */
  readonly dueMs: number;
  readonly intent: OrderIntent;
  /** Assigned at submit for market and limit intents; '' for cancels. */
  readonly orderId: string;
  /** Limit price in integer ticks (validated at submit); 0 for other kinds. */
  readonly priceTicks: number;
  /** Submission order (time priority of resting orders). */
  readonly seq: number;
}

/**
 * Intents in due-time order, FIFO among equal times. Submit times are normally monotonic, so a
 * push appends in O(1); processed entries are dropped in bulk, not shifted one by one.
 */
export class DueQueue {
  private items: PendingIntent[] = [];
  private head = 0;

  /** Whether anything is waiting (the venue's hot paths test this first). */
  get isEmpty(): boolean {
    return this.head >= this.items.length;
  }

  push(entry: PendingIntent): void {
    let i = this.items.length;
    while (i > this.head && (this.items[i - 1] as PendingIntent).dueMs > entry.dueMs) i--;
    this.items.splice(i, 0, entry);
  }

  /** Removes and returns the first entry due at or before `nowMs`, or null. */
  shiftDue(nowMs: number): PendingIntent | null {
    const first = this.items[this.head];
    if (first === undefined || first.dueMs > nowMs) {
      this.compact();
      return null;
    }
    this.head++;
    return first;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Why an intent is malformed, or null when it is well-formed. Checked at submit, since it needs no
 * market state: known market, qty a positive multiple of the lot size, limit price on tick.
 */
export function validateIntent(intent: OrderIntent, markets: ReadonlyMap<string, SimMarket>): string | null {
  if (intent.kind === 'timer') return 'timer intents are handled by the kernel, not the venue';
  if (intent.kind === 'cancel') return intent.clientId ? null : 'cancel needs a clientId';
  if (intent.kind === 'cancelAll')
    return intent.symbol === undefined || markets.has(intent.symbol) ? null : `unknown market ${intent.symbol}`;
  const m = markets.get(intent.symbol);
  if (m === undefined) return `unknown market ${intent.symbol}`;
  const lot = m.inst.lotSize;
  const lots = intent.qty / lot;
  // Relative tolerance for fractional lot sizes (0.3 / 0.1 is not exactly 3 in binary).
  if (!Number.isFinite(intent.qty) || intent.qty <= 0 || Math.abs(lots - Math.round(lots)) > 1e-9 * Math.max(1, lots))
    return `qty ${intent.qty} must be a positive multiple of the lot size ${lot}`;
  if (intent.kind === 'limit' && limitTicks(intent.price, m) === null)
    return `price ${intent.price} is not a positive multiple of the tick size ${m.inst.tickSize}`;
  return null;
}

/** A limit price in integer ticks, or null when it is off tick or not positive. */
export function limitTicks(price: number, m: SimMarket): number | null {
  const ticks = toTicks(price, m.inst.tickSize);
  return ticks !== null && ticks > 0 ? ticks : null;
}
