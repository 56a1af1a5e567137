import type { Logger } from '../log.js';

/**
 * Runs `beat` every `everyMs` until stopped, never two at once (a slow beat delays the next,
 * it does not pile up). A failing beat is logged and the next one tries again.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly beat: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.current) return;
      this.current = this.beat()
        .catch((err: unknown) => this.log.error('heartbeat failed', { error: err }))
        .finally(() => {
          this.current = null;
        });
    }, this.everyMs);
  }

  /** No further beats; resolves once a beat in progress is done. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }
}
