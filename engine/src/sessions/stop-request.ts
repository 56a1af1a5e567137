import type { Redis } from 'ioredis';
import {
  KILL_SWITCH_CHANNEL,
  KillSwitchEvent,
  SessionControl,
  sessionControlChannel,
  sessionStopKey,
} from '../contracts/sessions.js';
import type { Logger } from '../log.js';

/**
 * A session's stop request, from either place the API leaves it: the `{type:'stop'}` message on
 * `session.control:<id>` (immediate) and the key `session:stop:<id>` (seen by a runner that starts
 * or resumes later, and re-read at every heartbeat in case a message was missed). The same
 * subscription hears the global kill switch ({@link KILL_SWITCH_CHANNEL}).
 */
export class StopRequest {
  /** Resolves when a stop is requested. */
  readonly requested: Promise<void>;
  private resolve: () => void = () => {};
  private isSet = false;
  /** Called with the reason when the kill switch fires. */
  onKill: (reason: string) => void = () => {};

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly sessionId: string,
  ) {
    this.requested = new Promise((r) => {
      this.resolve = r;
    });
  }

  /** Subscribes to the control channel, then reads the key (in that order: no request falls between). */
  static async watch(redis: Redis, sessionId: string, log: Logger): Promise<StopRequest> {
    const subscriber = redis.duplicate({ maxRetriesPerRequest: null });
    const stop = new StopRequest(redis, subscriber, sessionId);
    subscriber.on('message', (channel: string, text: string) => {
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        // handled below as not a control message
      }
      if (channel === KILL_SWITCH_CHANNEL) {
        const kill = KillSwitchEvent.safeParse(json);
        if (kill.success) stop.onKill(kill.data.reason);
        else log.warn('ignored a malformed kill-switch message', { text: text.slice(0, 200) });
        return;
      }
      const parsed = SessionControl.safeParse(json);
      if (parsed.success && parsed.data.type === 'stop') stop.set();
      else log.warn('ignored a malformed session control message', { text: text.slice(0, 200) });
    });
    await subscriber.subscribe(sessionControlChannel(sessionId), KILL_SWITCH_CHANNEL);
    await stop.recheck();
    return stop;
  }

  /** True once a stop was requested. */
  get isRequested(): boolean {
    return this.isSet;
  }

  /** Reads the stop key again; true when a stop is requested. */
  async recheck(): Promise<boolean> {
    if (!this.isSet && (await this.redis.exists(sessionStopKey(this.sessionId))) > 0) this.set();
    return this.isSet;
  }

  /** The stop is done: the key goes (a later start of the session must not stop at once). */
  async clear(): Promise<void> {
    await this.redis.del(sessionStopKey(this.sessionId));
  }

  close(): void {
    this.subscriber.disconnect();
  }

  private set(): void {
    if (this.isSet) return;
    this.isSet = true;
    this.resolve();
  }
}
