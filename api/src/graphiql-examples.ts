/**
 * The tabs GraphiQL (at /graphql in a browser) opens with: ready examples for analysts. Only used
 * when the browser has no saved tabs. Keep them valid against api/schema.graphql (a test runs them).
 */
export const GRAPHIQL_TABS: { query: string; variables?: string }[] = [
  {
    query: `# Sessions with their metrics, newest first. Filter by mode, status, market or strategy.
query SessionsWithMetrics {
  sessions(first: 20, filter: { mode: BACKTEST }) {
    totalCount
    edges {
      node {
        id name mode status strategy markets createdAt
        metrics { netPnl returnPct sharpe sharpeBasis maxDrawdownPct winRate roundTrips fills feesPaid }
      }
    }
  }
}`,
  },
  {
    query: `# Hourly candles of the last day (archive history joined to the live tail).
query Candles($market: String!) {
  candles(market: $market, period: H1, limit: 24) { time open high low close volume }
}`,
    variables: '{ "market": "XBTUSD" }',
  },
  {
    query: `# The live order book: 10 levels a side, grouped by 5 USD (press play; stop to end).
subscription LiveBook($market: String!) {
  orderBook(market: $market, depth: 10, grouping: 5) {
    market
    bids { price size total }
    asks { price size total }
  }
}`,
    variables: '{ "market": "XBTUSD" }',
  },
  {
    query: `# Run a backtest (needs a control key), then follow it with backtestProgress(id).
mutation Backtest {
  runBacktest(input: {
    strategy: "SDBot"
    markets: ["XBTUSD"]
    rangeFrom: "2026-11-01T00:00:00Z"
    rangeTo: "2026-11-02T00:00:00Z"
    params: { period: 20, num_std: 2 }
  }) {
    __typename
    ... on MutationRunBacktestSuccess { data { id status } }
    ... on Error { message code }
    ... on InputError { field }
  }
}`,
  },
];
