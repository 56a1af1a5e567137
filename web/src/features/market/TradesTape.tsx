import { memo, useEffect, useState } from 'react';
import { graphql } from '../../gql';
import type { TradesSubscription as TradesData } from '../../gql/graphql';
import { formatPrice, formatSize } from '../../lib/format';
import { useFrameQueue } from '../../lib/use-frame-queue';
import { useStream } from '../../lib/use-stream';
import { mergeTrades } from './trade-tape';

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
/** The tape is redrawn at most this often: several prints per redraw on a busy market, none lost. */
const REDRAW_MS = 100;

/** One print; memoised: a new trade adds a row without re-rendering the 29 below it. */
const TradeRow = memo(function TradeRow({ trade: t, tickSize }: { trade: Trade; tickSize: number }) {
  return (
    <tr className={t.side === 'BUY' ? 'up' : 'down'} data-testid="trade-row">
      <td className="price">{formatPrice(t.price, tickSize)}</td>
      <td>{formatSize(t.size)}</td>
      <td className="muted">{String(t.time).slice(11, 19)}</td>
    </tr>
  );
});

/**
 * Newest first, side-coloured, UTC times; the server sends recent prints first, then live ones.
 * Every pushed trade is kept (none lost to render batching); the tape renders at most 10 times a second.
 */
export function TradesTape({ market, tickSize }: { market: string; tickSize: number }) {
  const [trades, setTrades] = useState<Trade[]>([]);
  const queue = useFrameQueue<Trade>((batch) => setTrades((shown) => mergeTrades(shown, batch, KEEP)), KEEP, REDRAW_MS);
  const { clear } = queue;
  useEffect(() => {
    if (!market) return;
    clear();
    setTrades([]);
  }, [market, clear]);
  useStream(TradesSubscription, { market }, (d) => queue.push(d.trades));
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
            <TradeRow key={t.id} trade={t} tickSize={tickSize} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
