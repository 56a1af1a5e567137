import { memo, useEffect, useState } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { OrderBookSubscription as BookData } from '../../gql/graphql';
import { formatPrice, formatSize } from '../../lib/format';
import { useFrameQueue } from '../../lib/use-frame-queue';
import { useStream } from '../../lib/use-stream';

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

type Book = BookData['orderBook'];
type Level = Book['bids'][number];
const DEPTH = 15;
/** Grouping choices, in ticks. */
const GROUPS = [1, 5, 10, 50, 100];

interface Props {
  market: string;
  tickSize: number;
}

interface RowProps {
  side: 'bid' | 'ask';
  price: number;
  size: number;
  total: number;
  maxTotal: number;
  tickSize: number;
}

/**
 * Levels with their place counted from the spread (0 = best): a row's identity is its place, not
 * its price, so the best ask keeps its row however deep the book is.
 */
function placed(levels: readonly Level[] | undefined): { level: Level; place: number }[] {
  return (levels ?? []).map((level, place) => ({ level, place }));
}

/**
 * One level. Rows are keyed by their place (not their price) and memoised on plain values, so a
 * book update rewrites the text of the rows that changed instead of rebuilding the table.
 */
const BookRow = memo(function BookRow({ side, price, size, total, maxTotal, tickSize }: RowProps) {
  return (
    <tr data-testid={`book-${side}-row`} className={side}>
      <td className="price">{formatPrice(price, tickSize)}</td>
      <td>{formatSize(size)}</td>
      <td className="total">
        <span className="depth-bar" style={{ width: `${(total / maxTotal) * 100}%` }} />
        {formatSize(total)}
      </td>
    </tr>
  );
});

/**
 * Asks above, bids below, best prices meeting at the spread; depth bars scale with the running
 * total. Shows the newest book once per animation frame (the feed sends up to 10 a second).
 */
export function OrderBookPanel({ market, tickSize }: Props) {
  const [groupTicks, setGroupTicks] = useState(1);
  const grouping = Number((groupTicks * tickSize).toFixed(10));
  const [shown, setShown] = useState<Book | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const queue = useFrameQueue<Book>((books) => setShown(books.at(-1) ?? null), 1);
  const { clear } = queue;
  useEffect(() => {
    if (!market || !grouping) return;
    clear();
    setShown(null);
  }, [market, grouping, clear]);
  useStream(
    OrderBookSubscription,
    { market, depth: DEPTH, grouping },
    (d) => {
      setError(null);
      queue.push(d.orderBook);
    },
    { onError: setError },
  );
  const book = shown?.market === market ? shown : null;
  const maxTotal = Math.max(book?.bids.at(-1)?.total ?? 0, book?.asks.at(-1)?.total ?? 0, 1);
  const bestBid = book?.bids[0]?.price;
  const bestAsk = book?.asks[0]?.price;
  const asks = placed(book?.asks).reverse();
  const bids = placed(book?.bids);
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
          {asks.map(({ level: l, place }) => (
            <BookRow
              key={`ask-${place}`}
              side="ask"
              price={l.price}
              size={l.size}
              total={l.total}
              maxTotal={maxTotal}
              tickSize={tickSize}
            />
          ))}
          <tr className="spread" data-testid="book-spread">
            <td colSpan={3}>
              {bestBid !== undefined && bestAsk !== undefined
                ? `spread ${formatPrice(bestAsk - bestBid, tickSize)}`
                : 'waiting for the book…'}
            </td>
          </tr>
          {bids.map(({ level: l, place }) => (
            <BookRow
              key={`bid-${place}`}
              side="bid"
              price={l.price}
              size={l.size}
              total={l.total}
              maxTotal={maxTotal}
              tickSize={tickSize}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
