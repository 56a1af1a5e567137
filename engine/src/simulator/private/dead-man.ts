/**
 * BitMEX's dead man's switch (`cancelAllAfter`, notes §1.7): per account, a timer that cancels every
 * open order when it runs out. It runs on the wall clock, not simulated time: it guards against
 * the client vanishing, which happens in real time. Re-arming replaces the timer; 0 disarms it.
 */

/** The reply fields: wall time now, and when the orders will be cancelled (0 when disarmed). */
export interface CancelAllAfterReply {
  now: string;
  cancelTime: string | 0;
}

/** The per-account timers. */
export class DeadMansSwitch {
  private readonly timers = new Map<number, NodeJS.Timeout>();

  /** @param fire cancels the account's orders when its timer runs out */
  constructor(
    private readonly fire: (account: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Arms (timeout > 0, ms) or disarms (0) the account's switch. */
  arm(account: number, timeoutMs: number): CancelAllAfterReply {
    const nowMs = this.now();
    this.disarm(account);
    if (timeoutMs <= 0) return { now: new Date(nowMs).toISOString(), cancelTime: 0 };
    const timer = setTimeout(() => {
      this.timers.delete(account);
      this.fire(account);
    }, timeoutMs);
    // A pending switch alone must not keep the process (or a test run) alive.
    timer.unref();
    this.timers.set(account, timer);
    return { now: new Date(nowMs).toISOString(), cancelTime: new Date(nowMs + timeoutMs).toISOString() };
  }

  /** Whether the account's switch is armed. */
  armed(account: number): boolean {
    return this.timers.has(account);
  }

  /** Stops every timer (the simulator is closing). */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private disarm(account: number): void {
    const timer = this.timers.get(account);
    if (timer) clearTimeout(timer);
    this.timers.delete(account);
  }
}
