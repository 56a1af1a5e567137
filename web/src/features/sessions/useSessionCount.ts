import { useCallback, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { useDebounced } from '../../lib/use-debounced';
import { useOnReconnect, useStream } from '../../lib/use-stream';
import { SessionCountQuery, SessionsUpdatedSubscription } from './documents';
import { cleanFilter, type SessionFilterValue } from './session-filter';

/**
 * How many sessions match a filter, re-counted (debounced) only when a pushed session is new or
 * changed status, so heartbeats do not cause queries.
 */
export function useSessionCount(filter: SessionFilterValue): number | null {
  const variables = useMemo(() => ({ filter: cleanFilter(filter) }), [filter]);
  const [result, reexecute] = useQuery({ query: SessionCountQuery, variables, requestPolicy: 'cache-and-network' });
  const statuses = useRef(new Map<string, string>());
  const recount = useDebounced(() => reexecute({ requestPolicy: 'network-only' }), 800);
  const onEvent = useCallback(
    (data: { sessionsUpdated: { id: string; status: string } }) => {
      const s = data.sessionsUpdated;
      if (statuses.current.get(s.id) !== s.status) {
        statuses.current.set(s.id, s.status);
        recount();
      }
    },
    [recount],
  );
  useStream(SessionsUpdatedSubscription, {}, onEvent);
  useOnReconnect(recount);
  return result.data?.sessions.totalCount ?? null;
}
