import type { OrderRow, PositionRow } from '../bitmex/auth/private-rows.js';

/** One difference between the exchange and the session's own books. */
export interface Mismatch {
  kind: 'position' | 'unknown-order' | 'missing-order';
  symbol: string;
  /** What the exchange says (contracts, or the order id). */
  exchange: number | string | null;
  /** What the session holds (contracts, or the order id). */
  local: number | string | null;
  /** One line for logs and the session's warning. */
  detail: string;
}

/** The two sides a reconciliation compares. */
export interface ReconcileInput {
  /** The session's markets: positions elsewhere on the account are not its business. */
  symbols: readonly string[];
  positions: readonly PositionRow[];
  /** The exchange's open orders of the account. */
  openOrders: readonly OrderRow[];
  /** The session's signed position per market (> 0 long), from its booked fills. */
  localPosition(symbol: string): number;
  /** Order ids the session believes open. */
  localOpenOrderIds: ReadonlySet<string>;
  /** Whether a clOrdID is this session's. */
  owns(clOrdID: string | null | undefined): boolean;
}

/**
 * Compares exchange state with the session's: positions per session market (the exchange's
 * `currentQty` against the booked fills), this session's open orders the session does not know
 * (placed by an earlier run), and orders it believes open that the exchange no longer has.
 * Pure: the caller decides to adopt, cancel or warn.
 */
export function reconcile(i: ReconcileInput): Mismatch[] {
  const out: Mismatch[] = [];
  for (const symbol of i.symbols) {
    const exchange = i.positions.find((p) => p.symbol === symbol)?.currentQty ?? 0;
    const local = i.localPosition(symbol);
    if (exchange !== local)
      out.push({
        kind: 'position',
        symbol,
        exchange,
        local,
        detail: `${symbol}: exchange position ${exchange} contracts, session books ${local}`,
      });
  }
  const exchangeIds = new Set<string>();
  for (const o of i.openOrders) {
    if (!i.owns(o.clOrdID) || !i.symbols.includes(o.symbol)) continue;
    exchangeIds.add(o.orderID);
    if (!i.localOpenOrderIds.has(o.orderID))
      out.push({
        kind: 'unknown-order',
        symbol: o.symbol,
        exchange: o.orderID,
        local: null,
        detail: `${o.symbol}: open order ${o.clOrdID} on the exchange is unknown to the session`,
      });
  }
  for (const id of i.localOpenOrderIds)
    if (!exchangeIds.has(id))
      out.push({
        kind: 'missing-order',
        symbol: '',
        exchange: null,
        local: id,
        detail: `order ${id} is open in the session but not on the exchange`,
      });
  return out;
}
