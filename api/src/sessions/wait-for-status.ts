import type { Session } from '@hm/db';
import { SESSION_UPDATED_CHANNEL } from '@hm/engine/contracts';
import type { Context } from '../context.js';
import { StateError } from './errors.js';
import { loadSession } from './session-control.js';

/**
 * Resolves when the session reaches one of `statuses` (watching `session.updated`, then re-reading
 * the row, so no change is missed between the check and the subscription); a {@link StateError}
 * after `timeoutMs`.
 */
export async function waitForStatus(
  ctx: Context,
  id: string,
  statuses: readonly Session['status'][],
  timeoutMs: number,
): Promise<Session> {
  const sub = ctx.redis.duplicate();
  try {
    await sub.connect();
    let wake: () => void = () => {};
    sub.on('message', () => wake());
    await sub.subscribe(SESSION_UPDATED_CHANNEL);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const session = await loadSession(ctx, id);
      if (statuses.includes(session.status)) return session;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new StateError(`session did not reach ${statuses.join('/')} in ${timeoutMs / 1000} s`, session.status);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    sub.disconnect();
  }
}
