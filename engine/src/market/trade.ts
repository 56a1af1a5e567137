/** One public trade print, in domain units. */
export interface Trade {
  /** Exchange match id (BitMEX `trdMatchID`); unique per print, used to drop duplicates. */
  readonly id: string;
  readonly symbol: string;
  /** Unix milliseconds, UTC. */
  readonly timeMs: number;
  /** Price in integer ticks of the instrument. */
  readonly priceTicks: number;
  /** Size in contracts. */
  readonly size: number;
  /** Aggressor side. */
  readonly side: 'BUY' | 'SELL';
}
