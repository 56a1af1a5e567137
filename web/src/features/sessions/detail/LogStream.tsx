import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { LogFieldsFragment, LogLevel } from '../../../gql/graphql';
import { formatUtc } from '../../../lib/format';
import { useOnReconnect, useStream } from '../../../lib/use-stream';
import { SessionLogsQuery, SessionLogsSubscription } from './documents';

const HISTORY = 200;
const KEEP = 2_000;

/** History (`session.logs`, newest 200, older on demand) then live lines from `sessionLogs`. */
export function LogStream({ id, level }: { id: string; level: LogLevel }) {
  const client = useClient();
  const [lines, setLines] = useState<Map<string, LogFieldsFragment>>(new Map());
  const [older, setOlder] = useState<{ cursor: string | null; more: boolean }>({ cursor: null, more: false });
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const add = useCallback((rows: readonly LogFieldsFragment[]) => {
    setLines((prev) => {
      const next = new Map(prev);
      for (const l of rows) next.set(l.id, l);
      if (next.size <= KEEP) return next;
      return new Map([...next.entries()].sort(byId).slice(-KEEP));
    });
  }, []);
  const load = useCallback(
    async (before: string | null) => {
      const r = await client
        .query(SessionLogsQuery, { id, level, last: HISTORY, before }, { requestPolicy: 'network-only' })
        .toPromise();
      if (r.error) return setError(r.error.message);
      const conn = r.data?.session?.logs;
      if (!conn) return;
      add(conn.edges.map((e) => e.node));
      setOlder({ cursor: conn.pageInfo.startCursor ?? null, more: conn.pageInfo.hasPreviousPage });
    },
    [client, id, level, add],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  useStream(SessionLogsSubscription, { id, level }, (d) => add([d.sessionLogs]), {
    onError: (e) => setError(e.message),
  });
  // Lines written while the push channel was down come back with the newest history.
  useOnReconnect(() => void load(null));
  const sorted = [...lines.values()].sort((a, b) => byId([a.id, a], [b.id, b]));
  // Follow the tail unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  });
  return (
    <>
      {error && <div className="error-line">logs: {error}</div>}
      <div
        ref={box}
        className="log-box"
        data-testid="session-logs"
        data-lines={sorted.length}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {older.more && (
          <button type="button" className="link" onClick={() => void load(older.cursor)}>
            load older lines
          </button>
        )}
        {sorted.length === 0 && (
          <div className="muted">no log lines{level !== 'DEBUG' ? ` at ${level} or above` : ''}</div>
        )}
        {sorted.map((l) => (
          <div key={l.id} className={`log-line log-${String(l.level).toLowerCase()}`} data-testid="log-line">
            <span className="muted">{formatUtc(l.time, true).slice(11)}</span> <b>{l.level}</b> {l.message}
            {hasFields(l.fields) && <span className="log-fields"> {JSON.stringify(l.fields)}</span>}
          </div>
        ))}
      </div>
    </>
  );
}

/** Log ids are increasing integers sent as strings: compare by length, then text. */
function byId(a: [string, unknown], b: [string, unknown]): number {
  return a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

const hasFields = (f: unknown) => typeof f === 'object' && f !== null && Object.keys(f).length > 0;
