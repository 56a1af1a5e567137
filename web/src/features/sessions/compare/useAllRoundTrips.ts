import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { fetchAllRoundTrips, type TripRow } from '../detail/fetch-round-trips';

/** All round trips of a session, re-read when its round-trip count changes. */
export function useAllRoundTrips(id: string, count: number | undefined) {
  const client = useClient();
  const [state, setState] = useState<{ trips: TripRow[]; truncated: boolean; error: string | null; loading: boolean }>({
    trips: [],
    truncated: false,
    error: null,
    loading: true,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new count means new trips to read
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    fetchAllRoundTrips(client, id)
      .then((r) => !cancelled && setState({ ...r, error: null, loading: false }))
      .catch((e: unknown) => {
        if (!cancelled) setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e.message : String(e) }));
      });
    return () => {
      cancelled = true;
    };
  }, [client, id, count]);
  return state;
}
