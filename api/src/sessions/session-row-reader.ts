import type { Db, Session } from '@hm/db';
import type { SessionUpdatedEvent } from '@hm/engine/contracts';

/**
 * One database read per announced session change, however many subscriptions want the row
 * (`sessionUpdated`, `sessionsUpdated` of every dashboard): the first asks, the others share its
 * answer. Reads are forgotten once they settle, so a later change is always read afresh.
 */
export class SessionRowReader {
  private readonly pending = new Map<string, Promise<Session | null>>();

  constructor(private readonly db: Db) {}

  /** The row as of the change `event` announced (null once deleted). */
  read(event: SessionUpdatedEvent): Promise<Session | null> {
    const key = `${event.sessionId}\u0000${event.atMs}\u0000${event.status}`;
    const known = this.pending.get(key);
    if (known) return known;
    const read = this.db.session.findUnique({ where: { id: event.sessionId } });
    this.pending.set(key, read);
    const forget = () => this.pending.delete(key);
    read.then(forget, forget);
    return read;
  }
}
