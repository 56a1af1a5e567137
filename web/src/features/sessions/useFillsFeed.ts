import { useCallback, useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import type { FillFieldsFragment, SessionFillsQuery as FillsData, SessionFillsQueryVariables } from '../../gql/graphql';
import { useOnReconnect, useStream } from '../../lib/use-stream';
import { SessionFillsQuery, SessionFillsSubscription } from './documents';

export type FillRow = FillFieldsFragment;

const PAGE = 100;

interface Options {
  /** `recent`: the newest `limit` fills; `all`: every fill up to `limit` (for positions). */
  scope: 'recent' | 'all';
  limit: number;
}

/**
 * A session's fills: history by query, then each new fill from `sessionFills(id)` (deduplicated by
 * `seq`, so the overlap of query and subscription does not double count).
 */
export function useFillsFeed(id: string, { scope, limit }: Options) {
  const client = useClient();
  const [fills, setFills] = useState<Map<number, FillRow>>(new Map());
  const [state, setState] = useState<{ loading: boolean; truncated: boolean; error: string | null }>({
    loading: true,
    truncated: false,
    error: null,
  });
  const add = useCallback(
    (rows: readonly FillRow[]) =>
      setFills((prev) => {
        const next = new Map(prev);
        for (const f of rows) next.set(f.seq, f);
        return next;
      }),
    [],
  );
  const [generation, setGeneration] = useState(0);
  // After a dropped connection, read the history again (fills pushed meanwhile were missed).
  useOnReconnect(() => setGeneration((g) => g + 1));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation means read again
  useEffect(() => {
    let cancelled = false;
    setFills(new Map());
    (async () => {
      let after: string | null = null;
      let loaded = 0;
      for (;;) {
        const vars: SessionFillsQueryVariables =
          scope === 'recent' ? { id, last: Math.min(limit, PAGE) } : { id, first: PAGE, after };
        const r: { data?: FillsData; error?: Error } = await client
          .query(SessionFillsQuery, vars, { requestPolicy: 'network-only' })
          .toPromise();
        if (cancelled) return;
        if (r.error) throw r.error;
        const conn = r.data?.session?.fills;
        if (!conn) break;
        add(conn.edges.map((e) => e.node));
        loaded += conn.edges.length;
        after = conn.pageInfo.endCursor ?? null;
        if (scope === 'recent' || !conn.pageInfo.hasNextPage || !after) break;
        if (loaded >= limit) {
          setState((s) => ({ ...s, truncated: true }));
          break;
        }
      }
      setState((s) => ({ ...s, loading: false }));
    })().catch((e: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e.message : String(e) }));
    });
    return () => {
      cancelled = true;
    };
  }, [client, id, scope, limit, add, generation]);
  useStream(SessionFillsSubscription, { id }, (d) => add([d.sessionFills]), {
    onError: (e) => setState((s) => ({ ...s, error: e.message })),
  });
  const sorted = useMemo(() => [...fills.values()].sort((a, b) => a.seq - b.seq), [fills]);
  return { fills: sorted, ...state };
}
