import { useState } from 'react';
import { useQuery } from 'urql';
import { useToast } from '../../../components/toast-context';
import type { SessionDetailFieldsFragment } from '../../../gql/graphql';
import { useStream } from '../../../lib/use-stream';
import { SessionDetailQuery, SessionUpdatedSubscription } from '../documents';

/** One session: the query's answer, replaced by every `sessionUpdated(id)` push. */
export function useLiveSession(id: string) {
  const toast = useToast();
  const [result] = useQuery({ query: SessionDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [live, setLive] = useState<SessionDetailFieldsFragment | null>(null);
  useStream(SessionUpdatedSubscription, { id }, (d) => setLive(d.sessionUpdated), {
    onError: (e) => toast.error(`session stream: ${e.message}`),
  });
  const session = (live?.id === id ? live : null) ?? result.data?.session ?? null;
  return { session, fetching: result.fetching, error: result.error };
}
