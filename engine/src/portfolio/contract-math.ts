import type { Instrument } from '../market/instruments.js';

/**
 * Contract economics from instrument metadata, in the settlement currency (XBT for inverse and
 * quanto, USDT for linear). `qty` is in contracts (signed where it says so), prices in the quote
 * currency. BitMEX's rules (notes/bitmex-protocol.md §3–4):
 * - inverse (XBTUSD): 1 contract = 1 USD; value = qty / price XBT; P&L = qty × (1/entry − 1/exit).
 * - quanto (ETHUSD): value = qty × price × multiplier XBt (1e-8 XBT); P&L = qty × (exit − entry) × multiplier XBt.
 * - linear (XBTUSDT): 1 contract = 1/underlyingToPositionMultiplier underlying; value and P&L in USDT.
 */

/** Value of |qty| contracts at `price`, settlement currency (what fees and margin are taken on). */
export function contractValue(inst: Instrument, qty: number, price: number): number {
  const q = Math.abs(qty);
  switch (inst.kind) {
    case 'inverse':
      return q / price;
    case 'quanto':
      return q * price * inst.multiplier * 1e-8;
    case 'linear':
      return (q / (inst.underlyingToPositionMultiplier ?? 1)) * price;
  }
}

/** P&L of a position of `qty` contracts (> 0 long) opened at `entry` and closed at `exit`, settlement currency. */
export function positionPnl(inst: Instrument, qty: number, entry: number, exit: number): number {
  switch (inst.kind) {
    case 'inverse':
      return qty * (1 / entry - 1 / exit);
    case 'quanto':
      return qty * (exit - entry) * inst.multiplier * 1e-8;
    case 'linear':
      return (qty / (inst.underlyingToPositionMultiplier ?? 1)) * (exit - entry);
  }
}

/**
 * Average entry price after adding `addQty` contracts at `addPrice` to `qty` at `avg` (same
 * direction, both > 0). Inverse contracts average harmonically, weighted by contracts, as BitMEX's
 * `avgEntryPrice` does; quanto and linear contracts arithmetically.
 */
export function averageEntry(inst: Instrument, qty: number, avg: number, addQty: number, addPrice: number): number {
  const total = qty + addQty;
  if (inst.kind === 'inverse') return total / (qty / avg + addQty / addPrice);
  return (qty * avg + addQty * addPrice) / total;
}
