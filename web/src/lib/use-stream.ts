import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useEffect, useRef } from 'react';
import { type AnyVariables, type CombinedError, useClient } from 'urql';
import { useConnectionStatus } from './urql';

interface Options {
  pause?: boolean;
  onError?: (error: CombinedError) => void;
}

/**
 * Runs a subscription and calls `onData` once per pushed event (no event is lost to render
 * batching, unlike reading `useSubscription`'s latest value, and none is seen twice). Re-subscribes
 * when the variables change; `onData` may change freely between renders.
 */
export function useStream<D, V extends AnyVariables>(
  query: TypedDocumentNode<D, V>,
  variables: V,
  onData: (data: D) => void,
  { pause = false, onError }: Options = {},
): void {
  const client = useClient();
  const handlers = useRef({ onData, onError });
  handlers.current = { onData, onError };
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (pause) return;
    const vars = JSON.parse(key) as V;
    let seen = false;
    let previous: unknown;
    const sub = client.subscription(query, vars).subscribe((result) => {
      // When the server ends the stream, urql repeats the last result (same data, `hasNext: false`)
      // to mark the end: that is not a new event.
      const repeat = seen && result.hasNext === false && result.data === previous;
      seen = true;
      previous = result.data;
      if (repeat) return;
      if (result.error) handlers.current.onError?.(result.error);
      else if (result.data) handlers.current.onData(result.data);
    });
    return () => sub.unsubscribe();
  }, [client, query, key, pause]);
}

/** Calls `onReconnect` when the push channel comes back after a drop (events may have been missed). */
export function useOnReconnect(onReconnect: () => void): void {
  const status = useConnectionStatus();
  const previous = useRef(status);
  const handler = useRef(onReconnect);
  handler.current = onReconnect;
  useEffect(() => {
    if (previous.current === 'reconnecting' && status === 'connected') handler.current();
    previous.current = status;
  }, [status]);
}
