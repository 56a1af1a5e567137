/**
 * FIFO lots of one market's position: every entry fill opens a lot, every reducing fill consumes
 * lots oldest first. Each lot carries the entry fee and the funding it has accrued so far, so a
 * closed piece of it knows its own costs (pro rata by contracts when a lot is split).
 */

/** One entry fill still (partly) open. Amounts in the market's settlement currency. */
export interface Lot {
  /** Contracts still open, > 0 (the direction is the position's). */
  qty: number;
  /** Entry price, quote currency. */
  readonly price: number;
  /** Entry time, Unix ms. */
  readonly timeMs: number;
  /** Entry fee of the still-open contracts; negative = rebate. */
  fee: number;
  /** Funding accrued by the still-open contracts; > 0 paid, < 0 received. */
  funding: number;
}

/** A closed part of a lot: `qty` contracts taken out of it, with their share of its fee and funding. */
export interface ClosedPiece {
  qty: number;
  price: number;
  timeMs: number;
  fee: number;
  funding: number;
}

/** Total open contracts of `lots` (unsigned). */
export function openQty(lots: readonly Lot[]): number {
  let total = 0;
  for (const lot of lots) total += lot.qty;
  return total;
}

/**
 * Removes `qty` contracts from the front of `lots` (oldest first), splitting the last lot touched
 * when it is only partly closed. Mutates `lots`. Throws when `qty` exceeds the open contracts,
 * because the caller must split a flip into its closing and opening parts first.
 */
export function takeFifo(lots: Lot[], qty: number): ClosedPiece[] {
  const pieces: ClosedPiece[] = [];
  let remaining = qty;
  while (remaining > 0) {
    const lot = lots[0];
    if (!lot) throw new Error(`takeFifo: ${remaining} contracts more than the open lots`);
    if (lot.qty <= remaining) {
      // The whole lot closes: it keeps all of its fee and funding.
      pieces.push({ qty: lot.qty, price: lot.price, timeMs: lot.timeMs, fee: lot.fee, funding: lot.funding });
      remaining -= lot.qty;
      lots.shift();
    } else {
      // Partial close: the closed share of the fee and funding is proportional to contracts.
      const share = remaining / lot.qty;
      const fee = lot.fee * share;
      const funding = lot.funding * share;
      pieces.push({ qty: remaining, price: lot.price, timeMs: lot.timeMs, fee, funding });
      lot.qty -= remaining;
      lot.fee -= fee;
      lot.funding -= funding;
      remaining = 0;
    }
  }
  return pieces;
}

/** Spreads a funding `amount` (settlement currency, > 0 paid) over the open lots pro rata by contracts. */
export function attributeFunding(lots: readonly Lot[], amount: number): void {
  const total = openQty(lots);
  if (total === 0) return;
  for (const lot of lots) lot.funding += (amount * lot.qty) / total;
}
