import type {} from '@hm/engine/testing';
import { Redis } from 'ioredis';
import { expect, inject, it } from 'vitest';
import { createSafeRedisEventTarget } from '../src/redis-event-target.js';

// A Redis that goes away (outage, shutdown) must not turn pub/sub calls into unhandled rejections:
// Node stops a process on one. Vitest fails this file if any escapes.
it('delivers JSON events, and logs (never throws) when Redis is gone', async () => {
  const url = inject('redisUrl');
  const pub = new Redis(url);
  const sub = new Redis(url);
  const warnings: string[] = [];
  let threeWarnings: () => void = () => {};
  const warned = new Promise<void>((resolve) => {
    threeWarnings = resolve;
  });
  const log = {
    debug: () => {},
    info: () => {},
    warn: (m: string) => {
      warnings.push(m);
      if (warnings.length === 3) threeWarnings();
    },
    error: () => {},
    child: () => log,
  };
  const target = createSafeRedisEventTarget(pub, sub, log);
  const topic = `test-safe-target-${process.pid}`;
  const got = new Promise<unknown>((resolve) =>
    target.addEventListener(topic, (e: Event) => resolve((e as CustomEvent).detail)),
  );
  await new Promise<void>((resolve) =>
    sub
      .once('ready', () => resolve())
      .ping()
      .then(() => resolve()),
  );
  // SUBSCRIBE is sent before the PUBLISH below on the same ordered connection pair only after a round trip.
  await sub.ping().catch(() => undefined);
  while ((await pub.pubsub('NUMSUB', topic))[1] === 0) await new Promise((r) => setImmediate(r));
  target.dispatchEvent(new CustomEvent(topic, { detail: { price: 90_000.5 } }));
  expect(await got).toEqual({ price: 90_000.5 });

  sub.disconnect();
  pub.disconnect();
  const listener = () => {};
  target.addEventListener(`${topic}-2`, listener);
  target.removeEventListener(`${topic}-2`, listener);
  target.dispatchEvent(new CustomEvent(topic, { detail: 1 }));
  await warned; // each rejected command is caught and logged
  expect(warnings).toEqual(
    expect.arrayContaining(['redis SUBSCRIBE failed', 'redis UNSUBSCRIBE failed', 'redis PUBLISH failed']),
  );
});
