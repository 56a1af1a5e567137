import type { RoundTrip } from '../portfolio/portfolio-port.js';
import type { Fill } from '../strategy/sdk.js';

/**
 * Fills and round trips as `SessionFill` / `RoundTrip` rows (money as decimal strings for the
 * DECIMAL(36,18) columns), and stored fills back as fills: one mapping for backtests and sessions.
 */

/** A `SessionFill` row of fill number `seq` (0-based, the session's running index). */
export function fillRow(sessionId: string, seq: number, f: Fill) {
  return {
    sessionId,
    seq,
    orderId: f.orderId,
    symbol: f.symbol,
    side: f.side,
    price: String(f.price),
    qty: String(f.qty),
    fee: String(f.fee),
    liquidity: f.liquidity,
    time: new Date(f.timeMs),
    execId: f.execId ?? null,
  };
}

/** A `RoundTrip` row of round trip number `seq` (0-based, closing order). */
export function tripRow(sessionId: string, seq: number, r: RoundTrip) {
  return {
    sessionId,
    seq,
    market: r.market,
    side: r.side,
    qty: String(r.qty),
    entryTime: new Date(r.entryTime),
    exitTime: new Date(r.exitTime),
    entryPrice: String(r.entryPrice),
    exitPrice: String(r.exitPrice),
    pnl: String(r.pnl),
    fees: String(r.fees),
    funding: String(r.funding),
  };
}

/** What a stored fill row holds (Prisma's Decimal columns print exactly with `toString`). */
export interface StoredFillRow {
  orderId: string;
  symbol: string;
  side: string;
  price: { toString(): string };
  qty: { toString(): string };
  fee: { toString(): string };
  liquidity: string;
  time: Date;
  execId?: string | null;
}

/** A stored row as the fill it was (tags and liquidation flags are not stored). */
export function fillFromRow(row: StoredFillRow): Fill {
  return {
    orderId: row.orderId,
    symbol: row.symbol,
    side: row.side === 'sell' ? 'sell' : 'buy',
    price: Number(row.price.toString()),
    qty: Number(row.qty.toString()),
    fee: Number(row.fee.toString()),
    liquidity: row.liquidity === 'maker' ? 'maker' : 'taker',
    timeMs: row.time.getTime(),
    ...(row.execId ? { execId: row.execId } : {}),
  };
}
