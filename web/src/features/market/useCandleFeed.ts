import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import type { Bar, CandleChart } from '../../charts/candle-chart';
import { graphql } from '../../gql';
import type { Period } from '../../gql/graphql';
import { useFrameQueue } from '../../lib/use-frame-queue';
import { useStream } from '../../lib/use-stream';
import type { LastBarStore } from './last-bar';

graphql(`
  fragment CandleFields on Candle {
    time
    open
    high
    low
    close
    volume
  }
`);

const CandlesSubscription = graphql(`
  subscription Candles($market: String!, $period: Period!) {
    candles(market: $market, period: $period) {
      ...CandleFields
    }
  }
`);

const CandlesQuery = graphql(`
  query CandleHistory($market: String!, $period: Period!) {
    candles(market: $market, period: $period, limit: 1000) {
      ...CandleFields
    }
  }
`);

/** Candles the history query asks for (the `limit: 1000` above), and a page of older history. */
export const HISTORY_LIMIT = 1_000;

/** Live bars reach the chart at most this often: each redraw of the chart and its studies costs a few ms. */
const CHART_EVERY_MS = 100;

/**
 * Feeds the chart one market and period: history by query, then the pushed bars. Bars come up to
 * 10 a second (the engine conflates the forming candle); they are applied to the chart every 100 ms, the last
 * state of each bar in that time (so a bar that closed in between is applied closed, then its
 * successor), which is as live to the eye and far cheaper. A market or period change resets the
 * chart first. The page hears of it at the same pace: the newest bar (LastBarStore) and the count
 * of events received (`updates`, which end-to-end tests wait on). `historyLoaded` tells the
 * older-history loader when the first page is on the chart.
 */
export function useCandleFeed(chart: CandleChart | null, market: string, period: Period, lastBar: LastBarStore) {
  const [updates, setUpdates] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** `market|period` whose history query's bars are on the chart (keyed: no stale `true` after a switch). */
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const applied = useRef(0);
  const queue = useFrameQueue<Bar>(
    (bars) => {
      setUpdates(applied.current);
      lastBar.set(bars.at(-1) ?? null);
    },
    1,
    CHART_EVERY_MS,
  );
  const { clear } = queue;
  const pending = useRef(new Map<number, Bar>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const drop = useCallback(() => {
    pending.current.clear();
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => drop, [drop]);

  useEffect(() => {
    // Emptied for a new market as well as a new period.
    if (!chart || !market) return;
    chart.reset(period);
    drop();
    clear();
    applied.current = 0;
    setUpdates(0);
    setError(null);
    setLoadedKey(null);
    lastBar.set(null);
  }, [chart, market, period, clear, drop, lastBar]);

  const [history] = useQuery({ query: CandlesQuery, variables: { market, period }, requestPolicy: 'network-only' });
  useEffect(() => {
    const bars = history.data?.candles;
    const asked = history.operation?.variables;
    if (!chart || !bars || asked?.market !== market || asked.period !== period) return;
    chart.load(bars);
    setLoadedKey(`${market}|${period}`);
  }, [chart, history, market, period]);

  useStream(
    CandlesSubscription,
    { market, period },
    (d) => {
      if (!chart) return;
      // The last state of each bar since the previous flush, in time order (Map keeps insertion order).
      pending.current.delete(d.candles.time);
      pending.current.set(d.candles.time, d.candles);
      applied.current++;
      queue.push(d.candles);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        const bars = [...pending.current.values()];
        pending.current.clear();
        for (const bar of bars) chart.update(bar);
      }, CHART_EVERY_MS);
    },
    { pause: !chart, onError: (e) => setError(e.message) },
  );
  return { updates, error, historyLoaded: loadedKey === `${market}|${period}` };
}
