import { contractValue } from '../portfolio/contract-math.js';
import type { Fill, OrderIntent, Side } from '../strategy/sdk.js';
import type { SimMarket } from './sim-orders.js';
import type { Reject } from './venue.js';

const NO_FILLS: Fill[] = [];
const NO_REJECTS: Reject[] = [];
/** Which order a fill belongs to. */
export interface FillRef {
  readonly orderId: string;
  readonly tag: string | undefined;
  readonly side: Side;
}

/**
 * The simulated venue's outbox: fills and rejects not yet drained, plus what reduce-only needs to
 * know about the position while fills wait to be drained.
 */
export class SimLedger {
  private fills: Fill[] = [];
  private rejects: Reject[] = [];

  constructor(
    private readonly markets: ReadonlyMap<string, SimMarket>,
    /** The caller's signed position in contracts (> 0 long), without undrained fills. */
    private readonly positionOf: (symbol: string) => number,
  ) {}

  /** Records a fill of `qty` contracts at `price` (quote currency); fee = contract value × the market's rate. */
  fill(m: SimMarket, ref: FillRef, price: number, qty: number, liquidity: 'maker' | 'taker', timeMs: number): void {
    const rate = liquidity === 'maker' ? m.fees.maker : m.fees.taker;
    const fee = contractValue(m.inst, qty, price) * rate;
    const { orderId, tag, side } = ref;
    this.fills.push({ orderId, tag, symbol: m.inst.symbol, side, price, qty, fee, liquidity, timeMs });
    m.unsettled += side === 'buy' ? qty : -qty;
  }

  reject(intent: OrderIntent, reason: string, timeMs: number): void {
    this.rejects.push({ intent, reason, timeMs });
  }

  /** Contracts of `qty` on `side` that only reduce the position (position + undrained fills); 0 when none. */
  /** The caller's signed position with the fills it has not drained yet. */
  position(m: SimMarket): number {
    return this.positionOf(m.inst.symbol) + m.unsettled;
  }

  reducible(m: SimMarket, side: Side, qty: number): number {
    const position = this.position(m);
    const room = side === 'buy' ? Math.max(0, -position) : Math.max(0, position);
    return Math.min(qty, room);
  }

  /** Nothing to drain. */
  get isEmpty(): boolean {
    return this.fills.length === 0 && this.rejects.length === 0;
  }

  drainFills(): Fill[] {
    // The hot path (nothing happened) allocates nothing.
    if (this.fills.length === 0) return NO_FILLS;
    const out = this.fills;
    this.fills = [];
    // The caller applies drained fills to the position `positionOf` reports.
    for (const m of this.markets.values()) m.unsettled = 0;
    return out;
  }

  drainRejects(): Reject[] {
    if (this.rejects.length === 0) return NO_REJECTS;
    const out = this.rejects;
    this.rejects = [];
    return out;
  }
}
