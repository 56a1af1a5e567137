/**
 * Caps how many lines of one kind (fills, rejects) a session logs per heartbeat period, so a
 * strategy that trades or is refused on every event cannot flood the session log; the lines left
 * out are counted and reported once per period ({@link take}). The fills themselves are all
 * stored and streamed regardless.
 */
export class LogBudget {
  private used = 0;
  private skipped = 0;

  constructor(private readonly perPeriod: number) {}

  /** True when one more line fits in this period (else it is counted as left out). */
  allow(): boolean {
    if (this.used < this.perPeriod) {
      this.used += 1;
      return true;
    }
    this.skipped += 1;
    return false;
  }

  /** Starts a new period; returns how many lines the last one left out. */
  take(): number {
    const skipped = this.skipped;
    this.used = 0;
    this.skipped = 0;
    return skipped;
  }
}
