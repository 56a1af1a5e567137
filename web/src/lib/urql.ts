import { createClient as createWsClient } from 'graphql-ws';
import { useSyncExternalStore } from 'react';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { graphqlHttpUrl, graphqlWsUrl } from '../env';

/** Live connection state of the push channel, shown in the header (never a static badge). */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

let status: ConnectionStatus = 'connecting';
const listeners = new Set<() => void>();
function setStatus(next: ConnectionStatus): void {
  status = next;
  for (const l of listeners) l();
}

const ws = createWsClient({
  url: graphqlWsUrl(),
  lazy: false,
  keepAlive: 10_000,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  // Capped exponential backoff with jitter: 0.5 s, 1 s, 2 s … 10 s.
  retryWait: (retries) =>
    new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** retries) * (0.5 + Math.random() / 2))),
  on: {
    connected: () => setStatus('connected'),
    closed: () => setStatus('reconnecting'),
  },
});

/** The dashboard's GraphQL client: queries over HTTP, subscriptions over graphql-ws. */
export const client = new Client({
  url: graphqlHttpUrl(),
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => status,
  );
}
