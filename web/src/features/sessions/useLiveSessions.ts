import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useToast } from '../../components/toast-context';
import type { SessionListFieldsFragment, SessionOrder } from '../../gql/graphql';
import { useDebounced } from '../../lib/use-debounced';
import { useOnReconnect, useStream } from '../../lib/use-stream';
import { SessionsQuery, SessionsUpdatedSubscription } from './documents';
import { classifyUpdate, cleanFilter, type Exclude, type SessionFilterValue } from './session-filter';

export type SessionRow = SessionListFieldsFragment;

interface Args {
  filter: SessionFilterValue;
  exclude?: Exclude;
  orderBy?: SessionOrder;
  pageSize: number;
}

/**
 * One page of sessions kept live by `sessionsUpdated` (no polling): a pushed session on the page
 * replaces its row in place (heartbeats, counts, P&L); one joining or leaving the filter triggers
 * a single debounced re-query. Paging with `first`/`after`, remembering each page's cursor.
 */
export function useLiveSessions({ filter, exclude, orderBy = 'CREATED_AT_DESC', pageSize }: Args) {
  const toast = useToast();
  const clean = useMemo(() => cleanFilter(filter), [filter]);
  const key = JSON.stringify([clean, exclude, orderBy, pageSize]);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setCursors([null]);
  }
  const page = cursors.length - 1;
  const variables = useMemo(
    () => ({ filter: clean, orderBy, first: pageSize, after: cursors[page] ?? null }),
    [clean, orderBy, pageSize, cursors, page],
  );
  const [result, reexecute] = useQuery({ query: SessionsQuery, variables, requestPolicy: 'cache-and-network' });
  const conn = result.data?.sessions;

  // Pushed versions of rows on this page, dropped whenever a fresh page arrives.
  const [live, setLive] = useState<{ base: unknown; rows: Map<string, SessionRow> }>({ base: null, rows: new Map() });
  const rowsOf = live.base === conn ? live.rows : null;
  const nodes = useMemo(
    () =>
      (conn?.edges ?? []).map((e) => rowsOf?.get(e.node.id) ?? e.node).filter((s) => !exclude?.modes?.includes(s.mode)),
    [conn, rowsOf, exclude],
  );

  const refetch = useDebounced(() => reexecute({ requestPolicy: 'network-only' }), 400);
  const state = useRef({ ids: new Set<string>(), clean, exclude, conn });
  state.current = { ids: new Set(nodes.map((s) => s.id)), clean, exclude, conn };

  const onEvent = useCallback(
    (data: { sessionsUpdated: SessionRow }) => {
      const s = data.sessionsUpdated;
      const { ids, clean: f, exclude: ex, conn: base } = state.current;
      const change = classifyUpdate(s, ids, f, ex);
      if (change === 'merge')
        setLive((prev) => {
          const rows = new Map(prev.base === base ? prev.rows : []);
          rows.set(s.id, s);
          return { base, rows };
        });
      else if (change === 'refetch') refetch();
    },
    [refetch],
  );
  useStream(SessionsUpdatedSubscription, {}, onEvent, {
    onError: (e) => toast.error(`session updates: ${e.message}`),
  });
  useOnReconnect(refetch);

  return {
    rows: nodes,
    totalCount: conn?.totalCount ?? 0,
    page,
    hasNext: conn?.pageInfo.hasNextPage ?? false,
    next: () => {
      const end = conn?.pageInfo.endCursor;
      if (end) setCursors((c) => [...c, end]);
    },
    prev: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    fetching: result.fetching,
    error: result.error,
    refetch: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
