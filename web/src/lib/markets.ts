import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { MarketsQuery as MarketsData } from '../gql/graphql';

export const MarketsQuery = graphql(`
  query Markets {
    markets {
      symbol
      kind
      tickSize
      lotSize
      settleCurrency
      quoteCurrency
    }
  }
`);

export type MarketInfo = MarketsData['markets'][number];

/** The instruments (one cached query for the whole page) and a lookup by symbol. */
export function useMarkets() {
  const [{ data, error, fetching }] = useQuery({ query: MarketsQuery });
  const markets = data?.markets ?? [];
  const bySymbol = useMemo(() => new Map((data?.markets ?? []).map((m) => [m.symbol, m])), [data]);
  return { markets, bySymbol, error, fetching };
}

/** Tick size of a symbol (0.01 until the markets are known). */
export function tickOf(bySymbol: ReadonlyMap<string, MarketInfo>, symbol: string): number {
  return bySymbol.get(symbol)?.tickSize ?? 0.01;
}

/** Lot size of a symbol (1 until the markets are known). */
export function lotOf(bySymbol: ReadonlyMap<string, MarketInfo>, symbol: string): number {
  return bySymbol.get(symbol)?.lotSize ?? 1;
}
