import type { Fill } from '../strategy/sdk.js';

/** A position of one market. */
export interface PositionState {
  symbol: string;
  /** Signed contracts (> 0 long). */
  qty: number;
  /** Average entry price, quote currency (harmonic for inverse); null when flat. */
  avgEntry: number | null;
}

/** A closed round trip, built from fills FIFO (partial closes and pyramiding kept as separate lots). */
export interface RoundTrip {
  market: string;
  side: 'long' | 'short';
  /** Contracts. */
  qty: number;
  /** Unix ms. */
  entryTime: number;
  exitTime: number;
  /** Quote currency. */
  entryPrice: number;
  exitPrice: number;
  /** Gross P&L minus its fees and the funding paid while open, settlement currency. */
  pnl: number;
  /** Fees of its entry and exit (pro rata), settlement currency; negative = net rebate. */
  fees: number;
  /** Funding paid while it was open (negative = received), settlement currency. */
  funding: number;
}

/** One point of the equity curve, settlement currency (realised + unrealised P&L at mark, fees and funding included). */
export interface EquityPoint {
  time: number;
  equity: number;
}

/** The session's book-keeping, fed by the kernel. */
export interface PortfolioPort {
  applyFill(fill: Fill): void;
  /** Funding at an 8 h instant: `rate` of the position value at `markPrice` (longs pay a positive rate). */
  applyFunding(symbol: string, rate: number, markPrice: number, timeMs: number): void;
  /** Latest price of a market, for unrealised P&L. */
  mark(symbol: string, price: number): void;
  position(symbol: string): PositionState;
  /** Signed contracts (> 0 long): {@link position}'s `qty` without allocating. */
  positionQty(symbol: string): number;
  /** Balance + unrealised P&L, settlement currency. */
  equity(): number;
  /** Closed round trips so far, in closing order. */
  roundTrips(): readonly RoundTrip[];
  /** Totals, settlement currency. */
  feesPaid(): number;
  fundingPaid(): number;
  /** True when the margin is gone (equity at or below maintenance): the kernel then liquidates. */
  isLiquidated(): boolean;
}
