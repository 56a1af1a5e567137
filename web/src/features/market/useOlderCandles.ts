import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import type { CandleChart } from '../../charts/candle-chart';
import { OlderHistoryLoader } from '../../charts/older-history';
import { graphql } from '../../gql';
import type { Period } from '../../gql/graphql';
import { HISTORY_LIMIT } from './useCandleFeed';

const OlderCandlesQuery = graphql(`
  query OlderCandles($market: String!, $period: Period!, $to: Int!, $limit: Int!) {
    candles(market: $market, period: $period, to: $to, limit: $limit) {
      ...CandleFields
    }
  }
`);

/** Candles per page of older history (the API allows up to 2000). */
const PAGE = HISTORY_LIMIT;

/**
 * Lazy history: the chart opens on the newest 1000 candles; scrolling left near the oldest one
 * fetches the page before it (`candles(to: oldest − 1)`, from the archive), one page at a time,
 * until the API has nothing older. A new market or period starts a new loader, and answers the old
 * one was still waiting for are dropped. Returns the last failure (the next scroll retries).
 */
export function useOlderCandles(
  chart: CandleChart | null,
  market: string,
  period: Period,
  /** The newest page is on the chart: before it, a live bar alone looks like the edge. */
  historyLoaded: boolean,
): string | null {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (!chart || !market || !historyLoaded) return;
    const loader = new OlderHistoryLoader(
      chart,
      async (before) => {
        const r = await client
          .query(OlderCandlesQuery, { market, period, to: before - 1, limit: PAGE }, { requestPolicy: 'network-only' })
          .toPromise();
        if (r.error) throw r.error;
        return r.data?.candles ?? [];
      },
      (err) => setError(`older candles: ${err instanceof Error ? err.message : String(err)}`),
    );
    // A short first page leaves the view at the edge already: one request finds out whether there is more.
    if (loader.nearEdge()) void loader.loadOlder();
    return () => loader.dispose();
  }, [chart, client, market, period, historyLoaded]);
  return error;
}
