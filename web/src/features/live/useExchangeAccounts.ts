import { useQuery } from 'urql';
import type { ExchangeAccountFieldsFragment } from '../../gql/graphql';
import { ExchangeAccountsQuery } from './documents';

export type ExchangeAccountRow = ExchangeAccountFieldsFragment;

// An empty list names no typename, so urql's document cache would not know that adding an account
// makes it stale: say so, and every open list refetches after a create or a revoke.
const CONTEXT = { additionalTypenames: ['ExchangeAccount'] };

/** The exchange accounts (admin keys only), newest first; `pause` until something needs them. */
export function useExchangeAccounts(pause = false) {
  const [result, refetch] = useQuery({
    query: ExchangeAccountsQuery,
    pause,
    context: CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  return {
    accounts: result.data?.exchangeAccounts ?? NONE,
    fetching: result.fetching,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

const NONE: ExchangeAccountRow[] = [];
