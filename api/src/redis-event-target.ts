import type { Logger } from '@hm/engine/log';
import type { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';

type Listener = (event: CustomEvent) => void;
/** The event target type yoga's createPubSub takes. */
type EventTarget = NonNullable<NonNullable<Parameters<typeof createPubSub>[0]>['eventTarget']>;

/**
 * The Redis event target graphql-yoga's pub/sub runs on: channel = topic, payload = JSON, one
 * Redis SUBSCRIBE per topic however many subscribers share it. Like
 * `@graphql-yoga/redis-event-target`, except that a failed SUBSCRIBE, UNSUBSCRIBE or PUBLISH (Redis
 * gone, or the API shutting down) is logged instead of becoming an unhandled rejection, which
 * would stop the process.
 */
export function createSafeRedisEventTarget(publishClient: Redis, subscribeClient: Redis, log: Logger): EventTarget {
  const listeners = new Map<string, Set<Listener>>();
  const failed = (what: string, topic: string) => (err: unknown) =>
    log.warn(`redis ${what} failed`, { topic, error: (err as Error).message });
  subscribeClient.on('message', (channel: string, message: string) => {
    const set = listeners.get(channel);
    if (!set) return;
    let detail: unknown = null;
    try {
      detail = message === '' ? null : JSON.parse(message);
    } catch {
      log.warn('ignored a message that is not JSON', { channel });
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const listener of set) listener(event);
  });
  const listenerOf = (l: EventListenerOrEventListenerObject | null): Listener | null =>
    l === null ? null : ((typeof l === 'function' ? l : l.handleEvent.bind(l)) as Listener);
  return {
    addEventListener(topic: string, l: EventListenerOrEventListenerObject | null) {
      const listener = listenerOf(l);
      if (!listener) return;
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        subscribeClient.subscribe(topic).catch(failed('SUBSCRIBE', topic));
      }
      set.add(listener);
    },
    removeEventListener(topic: string, l: EventListenerOrEventListenerObject | null) {
      const listener = listenerOf(l);
      const set = listeners.get(topic);
      if (!listener || !set) return;
      set.delete(listener);
      if (set.size > 0) return;
      listeners.delete(topic);
      subscribeClient.unsubscribe(topic).catch(failed('UNSUBSCRIBE', topic));
    },
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail;
      publishClient
        .publish(event.type, detail === undefined ? '' : JSON.stringify(detail))
        .catch(failed('PUBLISH', event.type));
      return true;
    },
  } as EventTarget;
}
