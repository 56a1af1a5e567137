import { graphql } from '../../gql';

/* Fragments shared by the session documents (registered with codegen by being in a scanned file). */

/** Everything a session card, a backtest row or a list needs (kept small: lists stream it). */
graphql(`
  fragment SessionListFields on Session {
    id
    name
    mode
    status
    strategy
    markets
    settleCurrency
    createdAt
    startedAt
    stoppedAt
    completedAt
    heartbeatAt
    fillCount
    roundTripCount
    netPnl
    error
    venue
    warning
    account {
      id
      name
      network
      keyHint
    }
    rangeFrom
    rangeTo
    clonedFrom {
      id
    }
    metrics {
      returnPct
      sharpe
      maxDrawdownPct
      winRate
      roundTrips
    }
  }
`);

graphql(`
  fragment MetricsFields on Metrics {
    version
    netPnl
    returnPct
    sharpe
    sortino
    sharpeBasis
    maxDrawdown
    maxDrawdownPct
    maxDrawdownDurationMs
    calmar
    profitFactor
    expectancy
    winRate
    avgWin
    avgLoss
    largestWin
    largestLoss
    roundTrips
    fills
    exposurePct
    feesPaid
    fundingPaid
  }
`);

graphql(`
  fragment SessionDetailFields on Session {
    ...SessionListFields
    params
    note
    workerId
    firstDecisionAt
    initialBalance
    risk {
      maxPosition
      maxOrderNotional
      maxOrdersPerMinute
      dailyLossLimit
    }
    fees {
      makerFee
      takerFee
      latencyMs
    }
    clonedFrom {
      id
      name
      mode
    }
    metrics {
      ...MetricsFields
    }
  }
`);

graphql(`
  fragment RoundTripFields on RoundTrip {
    seq
    market
    side
    qty
    entryTime
    exitTime
    entryPrice
    exitPrice
    pnl
    fees
    funding
  }
`);

graphql(`
  fragment FillFields on Fill {
    seq
    orderId
    market
    side
    price
    qty
    fee
    liquidity
    time
  }
`);

graphql(`
  fragment LogFields on LogLine {
    id
    time
    level
    message
    fields
  }
`);
