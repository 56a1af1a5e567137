import type { RoundTrip } from '../portfolio/portfolio-port.js';

/** Statistics of closed round trips, in the round trips' P&L currency. */
export interface TradeStats {
  roundTrips: number;
  /** Σ pnl of winners / |Σ pnl of losers|; null when there is no loser (or no trip). */
  profitFactor: number | null;
  /** Mean pnl per round trip; null when none. */
  expectancy: number | null;
  /** Fraction (0..1) of round trips with pnl > 0; null when none. */
  winRate: number | null;
  /** Mean pnl of winners (> 0); null when none. */
  avgWin: number | null;
  /** Mean pnl of losers (< 0, reported negative); null when none. */
  avgLoss: number | null;
  /** Largest winner pnl (> 0); null when none. */
  largestWin: number | null;
  /** Most negative loser pnl (< 0); null when none. */
  largestLoss: number | null;
}

/** Win/loss statistics; a round trip with pnl exactly 0 counts in the totals but is neither win nor loss. */
export function tradeStats(trips: readonly RoundTrip[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let total = 0;
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  for (const t of trips) {
    total += t.pnl;
    if (t.pnl > 0) {
      wins++;
      winSum += t.pnl;
      largestWin = Math.max(largestWin ?? t.pnl, t.pnl);
    } else if (t.pnl < 0) {
      losses++;
      lossSum += t.pnl;
      largestLoss = Math.min(largestLoss ?? t.pnl, t.pnl);
    }
  }
  const n = trips.length;
  return {
    roundTrips: n,
    profitFactor: losses > 0 ? winSum / Math.abs(lossSum) : null,
    expectancy: n > 0 ? total / n : null,
    winRate: n > 0 ? wins / n : null,
    avgWin: wins > 0 ? winSum / wins : null,
    avgLoss: losses > 0 ? lossSum / losses : null,
    largestWin,
    largestLoss,
  };
}
