import { useState } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';
import { formatPrice, formatSize } from '../../lib/format';

const OrderBookSubscription = graphql(`
  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {
    orderBook(market: $market, depth: $depth, grouping: $grouping) {
      market
      grouping
      bids {
        price
        size
        total
      }
      asks {
        price
        size
        total
      }
    }
  }
`);

const DEPTH = 15;
/** Grouping choices, in ticks. */
const GROUPS = [1, 5, 10, 50, 100];

interface Props {
  market: string;
  tickSize: number;
}

/** Asks above, bids below, best prices meeting at the spread; depth bars scale with the running total. */
export function OrderBookPanel({ market, tickSize }: Props) {
  const [groupTicks, setGroupTicks] = useState(1);
  const grouping = Number((groupTicks * tickSize).toFixed(10));
  const [{ data, error }] = useSubscription({
    query: OrderBookSubscription,
    variables: { market, depth: DEPTH, grouping },
  });
  const book = data?.orderBook?.market === market ? data.orderBook : null;
  const maxTotal = Math.max(book?.bids.at(-1)?.total ?? 0, book?.asks.at(-1)?.total ?? 0, 1);
  const bestBid = book?.bids[0]?.price;
  const bestAsk = book?.asks[0]?.price;
  const row = (side: 'bid' | 'ask', l: { price: number; size: number; total: number }) => (
    <tr key={`${side}-${l.price}`} data-testid={`book-${side}-row`} className={side}>
      <td className="price">{formatPrice(l.price, tickSize)}</td>
      <td>{formatSize(l.size)}</td>
      <td className="total">
        <span className="depth-bar" style={{ width: `${(l.total / maxTotal) * 100}%` }} />
        {formatSize(l.total)}
      </td>
    </tr>
  );
  return (
    <section className="panel order-book" data-testid="order-book">
      <header className="panel-header">
        <span>Order Book</span>
        <select aria-label="Price grouping" value={groupTicks} onChange={(e) => setGroupTicks(Number(e.target.value))}>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {formatPrice(g * tickSize, tickSize)}
            </option>
          ))}
        </select>
      </header>
      {error && <div className="error-line">{error.message}</div>}
      <table>
        <thead>
          <tr>
            <th>Price</th>
            <th>Size</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {[...(book?.asks ?? [])].reverse().map((l) => row('ask', l))}
          <tr className="spread" data-testid="book-spread">
            <td colSpan={3}>
              {bestBid !== undefined && bestAsk !== undefined
                ? `spread ${formatPrice(bestAsk - bestBid, tickSize)}`
                : 'waiting for the book…'}
            </td>
          </tr>
          {(book?.bids ?? []).map((l) => row('bid', l))}
        </tbody>
      </table>
    </section>
  );
}
