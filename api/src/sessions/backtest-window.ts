import type { Db, Session } from '@hm/db';
import { StateError } from './errors.js';

/**
 * The window "backtest this session" replays: from the session's first decision (its first order
 * intent; its start when it decided nothing) to just after its last fill ([from, to) is
 * end-exclusive), or to when it stopped if it never filled.
 */
export async function backtestWindow(db: Db, session: Session): Promise<{ rangeFrom: Date; rangeTo: Date }> {
  if (session.mode !== 'TEST' && session.mode !== 'LIVE')
    throw new StateError(`only TEST and LIVE sessions can be backtested (this one is ${session.mode})`, session.status);
  const from = session.firstDecisionAt ?? session.startedAt;
  if (!from) throw new StateError('the session has not run yet: nothing to backtest', session.status);
  const last = await db.sessionFill.findFirst({ where: { sessionId: session.id }, orderBy: { seq: 'desc' } });
  const to = last ? new Date(last.time.getTime() + 1) : (session.stoppedAt ?? new Date());
  if (to.getTime() <= from.getTime())
    throw new StateError('the session’s window is empty: it has no fill after its first decision', session.status);
  return { rangeFrom: from, rangeTo: to };
}
