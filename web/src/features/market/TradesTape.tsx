import { useEffect, useState } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { TradesSubscription as TradesData } from '../../gql/graphql';
import { formatPrice, formatSize } from '../../lib/format';

const TradesSubscription = graphql(`
  subscription Trades($market: String!) {
    trades(market: $market, snapshot: 30) {
      id
      time
      price
      size
      side
    }
  }
`);

type Trade = TradesData['trades'];
const KEEP = 30;

/** Newest first, side-coloured, UTC times; the server sends recent prints first, then live ones. */
export function TradesTape({ market, tickSize }: { market: string; tickSize: number }) {
  const [trades, setTrades] = useState<Trade[]>([]);
  useEffect(() => {
    if (market) setTrades([]);
  }, [market]);
  const [{ data }] = useSubscription({ query: TradesSubscription, variables: { market } });
  useEffect(() => {
    const t = data?.trades;
    if (!t) return;
    setTrades((prev) => (prev.some((p) => p.id === t.id) ? prev : [t, ...prev].slice(0, KEEP)));
  }, [data]);
  return (
    <section className="panel trades" data-testid="recent-trades">
      <header className="panel-header">
        <span>Recent Trades</span>
        <span className="muted">UTC</span>
      </header>
      <table>
        <thead>
          <tr>
            <th>Price</th>
            <th>Size</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.id} className={t.side === 'BUY' ? 'up' : 'down'} data-testid="trade-row">
              <td className="price">{formatPrice(t.price, tickSize)}</td>
              <td>{formatSize(t.size)}</td>
              <td className="muted">{String(t.time).slice(11, 19)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
