import type { Redis } from 'ioredis';
import {
  INDICATOR_EVERY_MS,
  KEPT_INDICATOR_POINTS,
  type SessionIndicatorEvent,
  sessionIndicatorChannel,
  sessionIndicatorsKey,
} from '../contracts/sessions.js';
import type { Logger } from '../log.js';

/**
 * Streams a running session's `ctx.plot` values as typed events: at most one per indicator per
 * second of kernel time, published on the session's indicator channel and kept (the latest
 * KEPT_INDICATOR_POINTS) for charts that open later. Fire-and-forget: never blocks the kernel.
 */
export class IndicatorStream {
  private readonly lastMs = new Map<string, number>();
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly sessionId: string,
    private readonly log: Logger,
  ) {}

  /** The kernel's `onIndicator` hook. */
  readonly plot = (name: string, timeMs: number, value: number): void => {
    if (!Number.isFinite(value)) return;
    const last = this.lastMs.get(name);
    if (last !== undefined && timeMs - last < INDICATOR_EVERY_MS) return;
    this.lastMs.set(name, timeMs);
    const event: SessionIndicatorEvent = { sessionId: this.sessionId, name, timeMs, value };
    const json = JSON.stringify(event);
    const key = sessionIndicatorsKey(this.sessionId);
    this.redis
      .multi()
      .rpush(key, json)
      .ltrim(key, -KEPT_INDICATOR_POINTS, -1)
      .publish(sessionIndicatorChannel(this.sessionId), json)
      .exec()
      .catch((err: Error) => {
        if (this.warned) return;
        this.warned = true;
        this.log.warn('indicator values not streamed', { error: err.message });
      });
  };
}
