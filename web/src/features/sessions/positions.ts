/**
 * Net paper positions rebuilt from a session's fills: signed size and average entry per market.
 * Inverse contracts (XBTUSD) average entries harmonically (contracts / Σ contracts/price), linear
 * and quanto ones arithmetically, as the exchange does.
 */

export interface FillLike {
  seq: number;
  market: string;
  side: string;
  price: number;
  qty: number;
  fee: number;
  time: unknown;
}

export interface NetPosition {
  market: string;
  /** Contracts; positive long, negative short, 0 flat. */
  qty: number;
  /** Average entry of the open position (quote currency); null when flat. */
  avgEntry: number | null;
  fills: number;
  fees: number;
  lastTime: unknown;
}

interface Acc {
  pos: number;
  /** Σ qty×price (linear) or Σ qty/price (inverse) of the open contracts. */
  basis: number;
  fills: number;
  fees: number;
  lastTime: unknown;
}

const weight = (qty: number, price: number, inverse: boolean) => (inverse ? qty / price : qty * price);

/** Positions per market after applying the fills in `seq` order. */
export function netPositions(
  fills: readonly FillLike[],
  isInverse: (market: string) => boolean = () => false,
): NetPosition[] {
  const acc = new Map<string, Acc>();
  for (const f of [...fills].sort((x, y) => x.seq - y.seq)) {
    const a = acc.get(f.market) ?? { pos: 0, basis: 0, fills: 0, fees: 0, lastTime: null };
    const inverse = isInverse(f.market);
    const signed = f.side.toLowerCase() === 'buy' ? f.qty : -f.qty;
    if (a.pos === 0 || Math.sign(a.pos) === Math.sign(signed)) {
      a.basis += weight(Math.abs(signed), f.price, inverse);
      a.pos += signed;
    } else if (Math.abs(signed) <= Math.abs(a.pos)) {
      // Reducing: the average entry of what remains does not change.
      a.basis *= (Math.abs(a.pos) - Math.abs(signed)) / Math.abs(a.pos);
      a.pos += signed;
    } else {
      // Flipping: what is left over opens at this fill's price.
      a.pos += signed;
      a.basis = weight(Math.abs(a.pos), f.price, inverse);
    }
    if (a.pos === 0) a.basis = 0;
    a.fills++;
    a.fees += f.fee;
    a.lastTime = f.time;
    acc.set(f.market, a);
  }
  return [...acc.entries()].map(([market, a]) => {
    const size = Math.abs(a.pos);
    const avgEntry = size === 0 || a.basis === 0 ? null : isInverse(market) ? size / a.basis : a.basis / size;
    return { market, qty: a.pos, avgEntry, fills: a.fills, fees: a.fees, lastTime: a.lastTime };
  });
}
