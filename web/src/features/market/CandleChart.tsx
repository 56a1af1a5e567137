import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { type Bar, CandleChart as Chart } from '../../charts/candle-chart';
import { graphql } from '../../gql';
import type { Period } from '../../gql/graphql';
import { OhlcReadout } from './OhlcReadout';

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

interface Props {
  market: string;
  period: Period;
  tickSize: number;
  onBar?: (bar: Bar) => void;
}

/**
 * The live chart of one market and period. The chart object lives as long as the component; a
 * market or period change resets it and re-subscribes. `data-candle-updates` counts applied
 * events (end-to-end tests wait on it).
 */
export function CandleChart({ market, period, tickSize, onBar }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [updates, setUpdates] = useState(0);
  const [last, setLast] = useState<Bar | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const c = new Chart(container.current);
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setTickSize(tickSize);
  }, [tickSize]);

  // A new stream: forget the old market's bars before the first event of the new one.
  const stream = `${market}:${period}`;
  const [shown, setShown] = useState(stream);
  if (shown !== stream) {
    setShown(stream);
    setUpdates(0);
    setLast(null);
  }
  useEffect(() => {
    if (stream) chart.current?.reset();
  }, [stream]);

  const [history] = useQuery({ query: CandlesQuery, variables: { market, period }, requestPolicy: 'network-only' });
  useEffect(() => {
    const bars = history.data?.candles;
    if (bars && history.operation?.variables.market === market && history.operation.variables.period === period) {
      chart.current?.load(bars);
    }
  }, [history, market, period]);

  const [result] = useSubscription({ query: CandlesSubscription, variables: { market, period } });

  useEffect(() => {
    const bar = result.data?.candles;
    if (!bar || !chart.current) return;
    if (chart.current.update(bar)) {
      setUpdates((n) => n + 1);
      setLast(bar);
      onBar?.(bar);
    }
  }, [result.data, onBar]);

  return (
    <section className="chart-panel">
      <OhlcReadout bar={last} tickSize={tickSize} />
      {result.error && <div className="error-line">stream error: {result.error.message}</div>}
      <div
        ref={container}
        className="chart"
        data-testid="price-chart"
        data-candle-updates={updates}
        data-last-close={last?.close ?? ''}
      />
    </section>
  );
}
