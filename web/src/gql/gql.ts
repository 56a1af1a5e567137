/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription BacktestProgress($id: ID!) {\n    backtestProgress(id: $id) {\n      sessionId\n      status\n      percent\n      simTime\n      events\n      eventsPerSec\n      equity\n    }\n  }\n": typeof types.BacktestProgressDocument,
    "\n  query ArchiveCoverage($market: String!) {\n    archiveInfo(market: $market) {\n      market\n      from\n      to\n    }\n  }\n": typeof types.ArchiveCoverageDocument,
    "\n  fragment ExchangeAccountFields on ExchangeAccount {\n    id\n    name\n    network\n    keyHint\n    createdAt\n    revokedAt\n  }\n": typeof types.ExchangeAccountFieldsFragmentDoc,
    "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      ...ExchangeAccountFields\n    }\n  }\n": typeof types.ExchangeAccountsDocument,
    "\n  mutation CreateExchangeAccount($name: String!, $network: ExchangeNetwork!, $apiKey: String!, $apiSecret: String!) {\n    createExchangeAccount(name: $name, network: $network, apiKey: $apiKey, apiSecret: $apiSecret) {\n      ...ExchangeAccountFields\n    }\n  }\n": typeof types.CreateExchangeAccountDocument,
    "\n  mutation RevokeExchangeAccount($id: ID!) {\n    revokeExchangeAccount(id: $id) {\n      ...ExchangeAccountFields\n    }\n  }\n": typeof types.RevokeExchangeAccountDocument,
    "\n  mutation KillSwitch($confirm: String!, $reason: String) {\n    killSwitch(confirm: $confirm, reason: $reason) {\n      sessionsHalted\n      accounts {\n        accountId\n        network\n        cancelled\n        error\n      }\n    }\n  }\n": typeof types.KillSwitchDocument,
    "\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n": typeof types.HealthDocument,
    "\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n": typeof types.OrderBookDocument,
    "\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n": typeof types.TickerDocument,
    "\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n": typeof types.TradesDocument,
    "\n  query SessionChart($id: ID!) {\n    session(id: $id) {\n      id\n      name\n      mode\n      status\n      strategy\n      markets\n      settleCurrency\n      roundTripCount\n    }\n    strategies {\n      name\n      indicators {\n        name\n        description\n        leg\n        overlay\n      }\n    }\n  }\n": typeof types.SessionChartDocument,
    "\n  subscription SessionChartUpdates($id: ID!) {\n    sessionUpdated(id: $id) {\n      id\n      status\n      roundTripCount\n    }\n  }\n": typeof types.SessionChartUpdatesDocument,
    "\n  query SessionIndicatorHistory($id: ID!, $names: [String!]) {\n    session(id: $id) {\n      id\n      indicators(names: $names) {\n        name\n        time\n        value\n      }\n    }\n  }\n": typeof types.SessionIndicatorHistoryDocument,
    "\n  subscription SessionIndicatorStream($id: ID!) {\n    sessionIndicators(id: $id) {\n      name\n      time\n      value\n    }\n  }\n": typeof types.SessionIndicatorStreamDocument,
    "\n  query SessionChartTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            seq\n            market\n            side\n            entryTime\n            exitTime\n            pnl\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionChartTripsDocument,
    "\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n": typeof types.CandleFieldsFragmentDoc,
    "\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n": typeof types.CandlesDocument,
    "\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n": typeof types.CandleHistoryDocument,
    "\n  query OlderCandles($market: String!, $period: Period!, $to: Int!, $limit: Int!) {\n    candles(market: $market, period: $period, to: $to, limit: $limit) {\n      ...CandleFields\n    }\n  }\n": typeof types.OlderCandlesDocument,
    "\n  mutation CreateSession($input: CreateSessionInput!, $start: Boolean) {\n    createSession(input: $input, start: $start) {\n      __typename\n      ... on MutationCreateSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.CreateSessionDocument,
    "\n  mutation RunBacktest($input: RunBacktestInput!) {\n    runBacktest(input: $input) {\n      __typename\n      ... on MutationRunBacktestSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.RunBacktestDocument,
    "\n  mutation StartSession($id: ID!, $confirmLive: String) {\n    startSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationStartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.StartSessionDocument,
    "\n  mutation StopSession($id: ID!) {\n    stopSession(id: $id) {\n      __typename\n      ... on MutationStopSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.StopSessionDocument,
    "\n  mutation RestartSession($id: ID!, $confirmLive: String) {\n    restartSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationRestartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.RestartSessionDocument,
    "\n  mutation CloneSession($id: ID!, $overrides: SessionOverrides) {\n    cloneSession(id: $id, overrides: $overrides) {\n      __typename\n      ... on MutationCloneSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n": typeof types.CloneSessionDocument,
    "\n  mutation DeleteSession($id: ID!) {\n    deleteSession(id: $id) {\n      __typename\n      ... on MutationDeleteSessionSuccess {\n        data {\n          id\n          name\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.DeleteSessionDocument,
    "\n  mutation UpdateSessionNote($id: ID!, $note: String!) {\n    updateSessionNote(id: $id, note: $note) {\n      __typename\n      ... on MutationUpdateSessionNoteSuccess {\n        data {\n          id\n          note\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n": typeof types.UpdateSessionNoteDocument,
    "\n  mutation BacktestFromSession($id: ID!) {\n    backtestFromSession(id: $id) {\n      __typename\n      ... on MutationBacktestFromSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": typeof types.BacktestFromSessionDocument,
    "\n  query SessionEquity($id: ID!, $resolution: EquityResolution) {\n    session(id: $id) {\n      id\n      equity(resolution: $resolution) {\n        time\n        equity\n      }\n    }\n  }\n": typeof types.SessionEquityDocument,
    "\n  query SessionRoundTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoundTripFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionRoundTripsDocument,
    "\n  query SessionLogs($id: ID!, $level: LogLevel, $last: Int, $before: String) {\n    session(id: $id) {\n      id\n      logs(level: $level, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...LogFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionLogsDocument,
    "\n  subscription SessionLogStream($id: ID!, $level: LogLevel) {\n    sessionLogs(id: $id, level: $level) {\n      ...LogFields\n    }\n  }\n": typeof types.SessionLogStreamDocument,
    "\n  query Sessions($filter: SessionFilter, $orderBy: SessionOrder, $first: Int, $after: String) {\n    sessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...SessionListFields\n        }\n      }\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  query SessionCount($filter: SessionFilter) {\n    sessions(filter: $filter, first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SessionCountDocument,
    "\n  subscription SessionsUpdated($filter: SessionFilter) {\n    sessionsUpdated(filter: $filter) {\n      ...SessionListFields\n    }\n  }\n": typeof types.SessionsUpdatedDocument,
    "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n": typeof types.SessionDetailDocument,
    "\n  subscription SessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n": typeof types.SessionUpdatedDocument,
    "\n  query Strategies {\n    strategies {\n      name\n      description\n      legs\n      modes\n      paramsSchema\n    }\n  }\n": typeof types.StrategiesDocument,
    "\n  query SessionFills($id: ID!, $first: Int, $after: String, $last: Int) {\n    session(id: $id) {\n      id\n      fills(first: $first, after: $after, last: $last) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...FillFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionFillsDocument,
    "\n  subscription SessionFillStream($id: ID!) {\n    sessionFills(id: $id) {\n      ...FillFields\n    }\n  }\n": typeof types.SessionFillStreamDocument,
    "\n  fragment SessionListFields on Session {\n    id\n    name\n    mode\n    status\n    strategy\n    markets\n    settleCurrency\n    createdAt\n    startedAt\n    stoppedAt\n    completedAt\n    heartbeatAt\n    fillCount\n    roundTripCount\n    netPnl\n    error\n    venue\n    warning\n    account {\n      id\n      name\n      network\n      keyHint\n    }\n    rangeFrom\n    rangeTo\n    clonedFrom {\n      id\n    }\n    metrics {\n      returnPct\n      sharpe\n      maxDrawdownPct\n      winRate\n      roundTrips\n    }\n  }\n": typeof types.SessionListFieldsFragmentDoc,
    "\n  fragment MetricsFields on Metrics {\n    version\n    netPnl\n    returnPct\n    sharpe\n    sortino\n    sharpeBasis\n    maxDrawdown\n    maxDrawdownPct\n    maxDrawdownDurationMs\n    calmar\n    profitFactor\n    expectancy\n    winRate\n    avgWin\n    avgLoss\n    largestWin\n    largestLoss\n    roundTrips\n    fills\n    exposurePct\n    feesPaid\n    fundingPaid\n  }\n": typeof types.MetricsFieldsFragmentDoc,
    "\n  fragment SessionDetailFields on Session {\n    ...SessionListFields\n    params\n    note\n    workerId\n    firstDecisionAt\n    initialBalance\n    risk {\n      maxPosition\n      maxOrderNotional\n      maxOrdersPerMinute\n      dailyLossLimit\n    }\n    fees {\n      makerFee\n      takerFee\n      latencyMs\n    }\n    clonedFrom {\n      id\n      name\n      mode\n    }\n    metrics {\n      ...MetricsFields\n    }\n  }\n": typeof types.SessionDetailFieldsFragmentDoc,
    "\n  fragment RoundTripFields on RoundTrip {\n    seq\n    market\n    side\n    qty\n    entryTime\n    exitTime\n    entryPrice\n    exitPrice\n    pnl\n    fees\n    funding\n  }\n": typeof types.RoundTripFieldsFragmentDoc,
    "\n  fragment FillFields on Fill {\n    seq\n    orderId\n    market\n    side\n    price\n    qty\n    fee\n    liquidity\n    time\n  }\n": typeof types.FillFieldsFragmentDoc,
    "\n  fragment LogFields on LogLine {\n    id\n    time\n    level\n    message\n    fields\n  }\n": typeof types.LogFieldsFragmentDoc,
    "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n": typeof types.MarketsDocument,
};
const documents: Documents = {
    "\n  subscription BacktestProgress($id: ID!) {\n    backtestProgress(id: $id) {\n      sessionId\n      status\n      percent\n      simTime\n      events\n      eventsPerSec\n      equity\n    }\n  }\n": types.BacktestProgressDocument,
    "\n  query ArchiveCoverage($market: String!) {\n    archiveInfo(market: $market) {\n      market\n      from\n      to\n    }\n  }\n": types.ArchiveCoverageDocument,
    "\n  fragment ExchangeAccountFields on ExchangeAccount {\n    id\n    name\n    network\n    keyHint\n    createdAt\n    revokedAt\n  }\n": types.ExchangeAccountFieldsFragmentDoc,
    "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      ...ExchangeAccountFields\n    }\n  }\n": types.ExchangeAccountsDocument,
    "\n  mutation CreateExchangeAccount($name: String!, $network: ExchangeNetwork!, $apiKey: String!, $apiSecret: String!) {\n    createExchangeAccount(name: $name, network: $network, apiKey: $apiKey, apiSecret: $apiSecret) {\n      ...ExchangeAccountFields\n    }\n  }\n": types.CreateExchangeAccountDocument,
    "\n  mutation RevokeExchangeAccount($id: ID!) {\n    revokeExchangeAccount(id: $id) {\n      ...ExchangeAccountFields\n    }\n  }\n": types.RevokeExchangeAccountDocument,
    "\n  mutation KillSwitch($confirm: String!, $reason: String) {\n    killSwitch(confirm: $confirm, reason: $reason) {\n      sessionsHalted\n      accounts {\n        accountId\n        network\n        cancelled\n        error\n      }\n    }\n  }\n": types.KillSwitchDocument,
    "\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n": types.HealthDocument,
    "\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n": types.OrderBookDocument,
    "\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n": types.TickerDocument,
    "\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n": types.TradesDocument,
    "\n  query SessionChart($id: ID!) {\n    session(id: $id) {\n      id\n      name\n      mode\n      status\n      strategy\n      markets\n      settleCurrency\n      roundTripCount\n    }\n    strategies {\n      name\n      indicators {\n        name\n        description\n        leg\n        overlay\n      }\n    }\n  }\n": types.SessionChartDocument,
    "\n  subscription SessionChartUpdates($id: ID!) {\n    sessionUpdated(id: $id) {\n      id\n      status\n      roundTripCount\n    }\n  }\n": types.SessionChartUpdatesDocument,
    "\n  query SessionIndicatorHistory($id: ID!, $names: [String!]) {\n    session(id: $id) {\n      id\n      indicators(names: $names) {\n        name\n        time\n        value\n      }\n    }\n  }\n": types.SessionIndicatorHistoryDocument,
    "\n  subscription SessionIndicatorStream($id: ID!) {\n    sessionIndicators(id: $id) {\n      name\n      time\n      value\n    }\n  }\n": types.SessionIndicatorStreamDocument,
    "\n  query SessionChartTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            seq\n            market\n            side\n            entryTime\n            exitTime\n            pnl\n          }\n        }\n      }\n    }\n  }\n": types.SessionChartTripsDocument,
    "\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n": types.CandleFieldsFragmentDoc,
    "\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n": types.CandlesDocument,
    "\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n": types.CandleHistoryDocument,
    "\n  query OlderCandles($market: String!, $period: Period!, $to: Int!, $limit: Int!) {\n    candles(market: $market, period: $period, to: $to, limit: $limit) {\n      ...CandleFields\n    }\n  }\n": types.OlderCandlesDocument,
    "\n  mutation CreateSession($input: CreateSessionInput!, $start: Boolean) {\n    createSession(input: $input, start: $start) {\n      __typename\n      ... on MutationCreateSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.CreateSessionDocument,
    "\n  mutation RunBacktest($input: RunBacktestInput!) {\n    runBacktest(input: $input) {\n      __typename\n      ... on MutationRunBacktestSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.RunBacktestDocument,
    "\n  mutation StartSession($id: ID!, $confirmLive: String) {\n    startSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationStartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.StartSessionDocument,
    "\n  mutation StopSession($id: ID!) {\n    stopSession(id: $id) {\n      __typename\n      ... on MutationStopSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.StopSessionDocument,
    "\n  mutation RestartSession($id: ID!, $confirmLive: String) {\n    restartSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationRestartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.RestartSessionDocument,
    "\n  mutation CloneSession($id: ID!, $overrides: SessionOverrides) {\n    cloneSession(id: $id, overrides: $overrides) {\n      __typename\n      ... on MutationCloneSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n": types.CloneSessionDocument,
    "\n  mutation DeleteSession($id: ID!) {\n    deleteSession(id: $id) {\n      __typename\n      ... on MutationDeleteSessionSuccess {\n        data {\n          id\n          name\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.DeleteSessionDocument,
    "\n  mutation UpdateSessionNote($id: ID!, $note: String!) {\n    updateSessionNote(id: $id, note: $note) {\n      __typename\n      ... on MutationUpdateSessionNoteSuccess {\n        data {\n          id\n          note\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n": types.UpdateSessionNoteDocument,
    "\n  mutation BacktestFromSession($id: ID!) {\n    backtestFromSession(id: $id) {\n      __typename\n      ... on MutationBacktestFromSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n": types.BacktestFromSessionDocument,
    "\n  query SessionEquity($id: ID!, $resolution: EquityResolution) {\n    session(id: $id) {\n      id\n      equity(resolution: $resolution) {\n        time\n        equity\n      }\n    }\n  }\n": types.SessionEquityDocument,
    "\n  query SessionRoundTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoundTripFields\n          }\n        }\n      }\n    }\n  }\n": types.SessionRoundTripsDocument,
    "\n  query SessionLogs($id: ID!, $level: LogLevel, $last: Int, $before: String) {\n    session(id: $id) {\n      id\n      logs(level: $level, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...LogFields\n          }\n        }\n      }\n    }\n  }\n": types.SessionLogsDocument,
    "\n  subscription SessionLogStream($id: ID!, $level: LogLevel) {\n    sessionLogs(id: $id, level: $level) {\n      ...LogFields\n    }\n  }\n": types.SessionLogStreamDocument,
    "\n  query Sessions($filter: SessionFilter, $orderBy: SessionOrder, $first: Int, $after: String) {\n    sessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...SessionListFields\n        }\n      }\n    }\n  }\n": types.SessionsDocument,
    "\n  query SessionCount($filter: SessionFilter) {\n    sessions(filter: $filter, first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.SessionCountDocument,
    "\n  subscription SessionsUpdated($filter: SessionFilter) {\n    sessionsUpdated(filter: $filter) {\n      ...SessionListFields\n    }\n  }\n": types.SessionsUpdatedDocument,
    "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n": types.SessionDetailDocument,
    "\n  subscription SessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n": types.SessionUpdatedDocument,
    "\n  query Strategies {\n    strategies {\n      name\n      description\n      legs\n      modes\n      paramsSchema\n    }\n  }\n": types.StrategiesDocument,
    "\n  query SessionFills($id: ID!, $first: Int, $after: String, $last: Int) {\n    session(id: $id) {\n      id\n      fills(first: $first, after: $after, last: $last) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...FillFields\n          }\n        }\n      }\n    }\n  }\n": types.SessionFillsDocument,
    "\n  subscription SessionFillStream($id: ID!) {\n    sessionFills(id: $id) {\n      ...FillFields\n    }\n  }\n": types.SessionFillStreamDocument,
    "\n  fragment SessionListFields on Session {\n    id\n    name\n    mode\n    status\n    strategy\n    markets\n    settleCurrency\n    createdAt\n    startedAt\n    stoppedAt\n    completedAt\n    heartbeatAt\n    fillCount\n    roundTripCount\n    netPnl\n    error\n    venue\n    warning\n    account {\n      id\n      name\n      network\n      keyHint\n    }\n    rangeFrom\n    rangeTo\n    clonedFrom {\n      id\n    }\n    metrics {\n      returnPct\n      sharpe\n      maxDrawdownPct\n      winRate\n      roundTrips\n    }\n  }\n": types.SessionListFieldsFragmentDoc,
    "\n  fragment MetricsFields on Metrics {\n    version\n    netPnl\n    returnPct\n    sharpe\n    sortino\n    sharpeBasis\n    maxDrawdown\n    maxDrawdownPct\n    maxDrawdownDurationMs\n    calmar\n    profitFactor\n    expectancy\n    winRate\n    avgWin\n    avgLoss\n    largestWin\n    largestLoss\n    roundTrips\n    fills\n    exposurePct\n    feesPaid\n    fundingPaid\n  }\n": types.MetricsFieldsFragmentDoc,
    "\n  fragment SessionDetailFields on Session {\n    ...SessionListFields\n    params\n    note\n    workerId\n    firstDecisionAt\n    initialBalance\n    risk {\n      maxPosition\n      maxOrderNotional\n      maxOrdersPerMinute\n      dailyLossLimit\n    }\n    fees {\n      makerFee\n      takerFee\n      latencyMs\n    }\n    clonedFrom {\n      id\n      name\n      mode\n    }\n    metrics {\n      ...MetricsFields\n    }\n  }\n": types.SessionDetailFieldsFragmentDoc,
    "\n  fragment RoundTripFields on RoundTrip {\n    seq\n    market\n    side\n    qty\n    entryTime\n    exitTime\n    entryPrice\n    exitPrice\n    pnl\n    fees\n    funding\n  }\n": types.RoundTripFieldsFragmentDoc,
    "\n  fragment FillFields on Fill {\n    seq\n    orderId\n    market\n    side\n    price\n    qty\n    fee\n    liquidity\n    time\n  }\n": types.FillFieldsFragmentDoc,
    "\n  fragment LogFields on LogLine {\n    id\n    time\n    level\n    message\n    fields\n  }\n": types.LogFieldsFragmentDoc,
    "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n": types.MarketsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BacktestProgress($id: ID!) {\n    backtestProgress(id: $id) {\n      sessionId\n      status\n      percent\n      simTime\n      events\n      eventsPerSec\n      equity\n    }\n  }\n"): (typeof documents)["\n  subscription BacktestProgress($id: ID!) {\n    backtestProgress(id: $id) {\n      sessionId\n      status\n      percent\n      simTime\n      events\n      eventsPerSec\n      equity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArchiveCoverage($market: String!) {\n    archiveInfo(market: $market) {\n      market\n      from\n      to\n    }\n  }\n"): (typeof documents)["\n  query ArchiveCoverage($market: String!) {\n    archiveInfo(market: $market) {\n      market\n      from\n      to\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExchangeAccountFields on ExchangeAccount {\n    id\n    name\n    network\n    keyHint\n    createdAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ExchangeAccountFields on ExchangeAccount {\n    id\n    name\n    network\n    keyHint\n    createdAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      ...ExchangeAccountFields\n    }\n  }\n"): (typeof documents)["\n  query ExchangeAccounts {\n    exchangeAccounts {\n      ...ExchangeAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExchangeAccount($name: String!, $network: ExchangeNetwork!, $apiKey: String!, $apiSecret: String!) {\n    createExchangeAccount(name: $name, network: $network, apiKey: $apiKey, apiSecret: $apiSecret) {\n      ...ExchangeAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExchangeAccount($name: String!, $network: ExchangeNetwork!, $apiKey: String!, $apiSecret: String!) {\n    createExchangeAccount(name: $name, network: $network, apiKey: $apiKey, apiSecret: $apiSecret) {\n      ...ExchangeAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeExchangeAccount($id: ID!) {\n    revokeExchangeAccount(id: $id) {\n      ...ExchangeAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeExchangeAccount($id: ID!) {\n    revokeExchangeAccount(id: $id) {\n      ...ExchangeAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KillSwitch($confirm: String!, $reason: String) {\n    killSwitch(confirm: $confirm, reason: $reason) {\n      sessionsHalted\n      accounts {\n        accountId\n        network\n        cancelled\n        error\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KillSwitch($confirm: String!, $reason: String) {\n    killSwitch(confirm: $confirm, reason: $reason) {\n      sessionsHalted\n      accounts {\n        accountId\n        network\n        cancelled\n        error\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n"): (typeof documents)["\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n"): (typeof documents)["\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n"): (typeof documents)["\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionChart($id: ID!) {\n    session(id: $id) {\n      id\n      name\n      mode\n      status\n      strategy\n      markets\n      settleCurrency\n      roundTripCount\n    }\n    strategies {\n      name\n      indicators {\n        name\n        description\n        leg\n        overlay\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionChart($id: ID!) {\n    session(id: $id) {\n      id\n      name\n      mode\n      status\n      strategy\n      markets\n      settleCurrency\n      roundTripCount\n    }\n    strategies {\n      name\n      indicators {\n        name\n        description\n        leg\n        overlay\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionChartUpdates($id: ID!) {\n    sessionUpdated(id: $id) {\n      id\n      status\n      roundTripCount\n    }\n  }\n"): (typeof documents)["\n  subscription SessionChartUpdates($id: ID!) {\n    sessionUpdated(id: $id) {\n      id\n      status\n      roundTripCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionIndicatorHistory($id: ID!, $names: [String!]) {\n    session(id: $id) {\n      id\n      indicators(names: $names) {\n        name\n        time\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionIndicatorHistory($id: ID!, $names: [String!]) {\n    session(id: $id) {\n      id\n      indicators(names: $names) {\n        name\n        time\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionIndicatorStream($id: ID!) {\n    sessionIndicators(id: $id) {\n      name\n      time\n      value\n    }\n  }\n"): (typeof documents)["\n  subscription SessionIndicatorStream($id: ID!) {\n    sessionIndicators(id: $id) {\n      name\n      time\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionChartTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            seq\n            market\n            side\n            entryTime\n            exitTime\n            pnl\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionChartTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            seq\n            market\n            side\n            entryTime\n            exitTime\n            pnl\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n"): (typeof documents)["\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n"): (typeof documents)["\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n"): (typeof documents)["\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OlderCandles($market: String!, $period: Period!, $to: Int!, $limit: Int!) {\n    candles(market: $market, period: $period, to: $to, limit: $limit) {\n      ...CandleFields\n    }\n  }\n"): (typeof documents)["\n  query OlderCandles($market: String!, $period: Period!, $to: Int!, $limit: Int!) {\n    candles(market: $market, period: $period, to: $to, limit: $limit) {\n      ...CandleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSession($input: CreateSessionInput!, $start: Boolean) {\n    createSession(input: $input, start: $start) {\n      __typename\n      ... on MutationCreateSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSession($input: CreateSessionInput!, $start: Boolean) {\n    createSession(input: $input, start: $start) {\n      __typename\n      ... on MutationCreateSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunBacktest($input: RunBacktestInput!) {\n    runBacktest(input: $input) {\n      __typename\n      ... on MutationRunBacktestSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunBacktest($input: RunBacktestInput!) {\n    runBacktest(input: $input) {\n      __typename\n      ... on MutationRunBacktestSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartSession($id: ID!, $confirmLive: String) {\n    startSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationStartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartSession($id: ID!, $confirmLive: String) {\n    startSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationStartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopSession($id: ID!) {\n    stopSession(id: $id) {\n      __typename\n      ... on MutationStopSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StopSession($id: ID!) {\n    stopSession(id: $id) {\n      __typename\n      ... on MutationStopSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestartSession($id: ID!, $confirmLive: String) {\n    restartSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationRestartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestartSession($id: ID!, $confirmLive: String) {\n    restartSession(id: $id, confirmLive: $confirmLive) {\n      __typename\n      ... on MutationRestartSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloneSession($id: ID!, $overrides: SessionOverrides) {\n    cloneSession(id: $id, overrides: $overrides) {\n      __typename\n      ... on MutationCloneSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CloneSession($id: ID!, $overrides: SessionOverrides) {\n    cloneSession(id: $id, overrides: $overrides) {\n      __typename\n      ... on MutationCloneSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSession($id: ID!) {\n    deleteSession(id: $id) {\n      __typename\n      ... on MutationDeleteSessionSuccess {\n        data {\n          id\n          name\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSession($id: ID!) {\n    deleteSession(id: $id) {\n      __typename\n      ... on MutationDeleteSessionSuccess {\n        data {\n          id\n          name\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSessionNote($id: ID!, $note: String!) {\n    updateSessionNote(id: $id, note: $note) {\n      __typename\n      ... on MutationUpdateSessionNoteSuccess {\n        data {\n          id\n          note\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSessionNote($id: ID!, $note: String!) {\n    updateSessionNote(id: $id, note: $note) {\n      __typename\n      ... on MutationUpdateSessionNoteSuccess {\n        data {\n          id\n          note\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on InputError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BacktestFromSession($id: ID!) {\n    backtestFromSession(id: $id) {\n      __typename\n      ... on MutationBacktestFromSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BacktestFromSession($id: ID!) {\n    backtestFromSession(id: $id) {\n      __typename\n      ... on MutationBacktestFromSessionSuccess {\n        data {\n          ...SessionListFields\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on StateError {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionEquity($id: ID!, $resolution: EquityResolution) {\n    session(id: $id) {\n      id\n      equity(resolution: $resolution) {\n        time\n        equity\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionEquity($id: ID!, $resolution: EquityResolution) {\n    session(id: $id) {\n      id\n      equity(resolution: $resolution) {\n        time\n        equity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionRoundTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoundTripFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionRoundTrips($id: ID!, $first: Int, $after: String) {\n    session(id: $id) {\n      id\n      roundTrips(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoundTripFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionLogs($id: ID!, $level: LogLevel, $last: Int, $before: String) {\n    session(id: $id) {\n      id\n      logs(level: $level, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...LogFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionLogs($id: ID!, $level: LogLevel, $last: Int, $before: String) {\n    session(id: $id) {\n      id\n      logs(level: $level, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...LogFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionLogStream($id: ID!, $level: LogLevel) {\n    sessionLogs(id: $id, level: $level) {\n      ...LogFields\n    }\n  }\n"): (typeof documents)["\n  subscription SessionLogStream($id: ID!, $level: LogLevel) {\n    sessionLogs(id: $id, level: $level) {\n      ...LogFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions($filter: SessionFilter, $orderBy: SessionOrder, $first: Int, $after: String) {\n    sessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...SessionListFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Sessions($filter: SessionFilter, $orderBy: SessionOrder, $first: Int, $after: String) {\n    sessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...SessionListFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionCount($filter: SessionFilter) {\n    sessions(filter: $filter, first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionCount($filter: SessionFilter) {\n    sessions(filter: $filter, first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionsUpdated($filter: SessionFilter) {\n    sessionsUpdated(filter: $filter) {\n      ...SessionListFields\n    }\n  }\n"): (typeof documents)["\n  subscription SessionsUpdated($filter: SessionFilter) {\n    sessionsUpdated(filter: $filter) {\n      ...SessionListFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n"): (typeof documents)["\n  query SessionDetail($id: ID!) {\n    session(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n"): (typeof documents)["\n  subscription SessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) {\n      ...SessionDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Strategies {\n    strategies {\n      name\n      description\n      legs\n      modes\n      paramsSchema\n    }\n  }\n"): (typeof documents)["\n  query Strategies {\n    strategies {\n      name\n      description\n      legs\n      modes\n      paramsSchema\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionFills($id: ID!, $first: Int, $after: String, $last: Int) {\n    session(id: $id) {\n      id\n      fills(first: $first, after: $after, last: $last) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...FillFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionFills($id: ID!, $first: Int, $after: String, $last: Int) {\n    session(id: $id) {\n      id\n      fills(first: $first, after: $after, last: $last) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...FillFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionFillStream($id: ID!) {\n    sessionFills(id: $id) {\n      ...FillFields\n    }\n  }\n"): (typeof documents)["\n  subscription SessionFillStream($id: ID!) {\n    sessionFills(id: $id) {\n      ...FillFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionListFields on Session {\n    id\n    name\n    mode\n    status\n    strategy\n    markets\n    settleCurrency\n    createdAt\n    startedAt\n    stoppedAt\n    completedAt\n    heartbeatAt\n    fillCount\n    roundTripCount\n    netPnl\n    error\n    venue\n    warning\n    account {\n      id\n      name\n      network\n      keyHint\n    }\n    rangeFrom\n    rangeTo\n    clonedFrom {\n      id\n    }\n    metrics {\n      returnPct\n      sharpe\n      maxDrawdownPct\n      winRate\n      roundTrips\n    }\n  }\n"): (typeof documents)["\n  fragment SessionListFields on Session {\n    id\n    name\n    mode\n    status\n    strategy\n    markets\n    settleCurrency\n    createdAt\n    startedAt\n    stoppedAt\n    completedAt\n    heartbeatAt\n    fillCount\n    roundTripCount\n    netPnl\n    error\n    venue\n    warning\n    account {\n      id\n      name\n      network\n      keyHint\n    }\n    rangeFrom\n    rangeTo\n    clonedFrom {\n      id\n    }\n    metrics {\n      returnPct\n      sharpe\n      maxDrawdownPct\n      winRate\n      roundTrips\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricsFields on Metrics {\n    version\n    netPnl\n    returnPct\n    sharpe\n    sortino\n    sharpeBasis\n    maxDrawdown\n    maxDrawdownPct\n    maxDrawdownDurationMs\n    calmar\n    profitFactor\n    expectancy\n    winRate\n    avgWin\n    avgLoss\n    largestWin\n    largestLoss\n    roundTrips\n    fills\n    exposurePct\n    feesPaid\n    fundingPaid\n  }\n"): (typeof documents)["\n  fragment MetricsFields on Metrics {\n    version\n    netPnl\n    returnPct\n    sharpe\n    sortino\n    sharpeBasis\n    maxDrawdown\n    maxDrawdownPct\n    maxDrawdownDurationMs\n    calmar\n    profitFactor\n    expectancy\n    winRate\n    avgWin\n    avgLoss\n    largestWin\n    largestLoss\n    roundTrips\n    fills\n    exposurePct\n    feesPaid\n    fundingPaid\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionDetailFields on Session {\n    ...SessionListFields\n    params\n    note\n    workerId\n    firstDecisionAt\n    initialBalance\n    risk {\n      maxPosition\n      maxOrderNotional\n      maxOrdersPerMinute\n      dailyLossLimit\n    }\n    fees {\n      makerFee\n      takerFee\n      latencyMs\n    }\n    clonedFrom {\n      id\n      name\n      mode\n    }\n    metrics {\n      ...MetricsFields\n    }\n  }\n"): (typeof documents)["\n  fragment SessionDetailFields on Session {\n    ...SessionListFields\n    params\n    note\n    workerId\n    firstDecisionAt\n    initialBalance\n    risk {\n      maxPosition\n      maxOrderNotional\n      maxOrdersPerMinute\n      dailyLossLimit\n    }\n    fees {\n      makerFee\n      takerFee\n      latencyMs\n    }\n    clonedFrom {\n      id\n      name\n      mode\n    }\n    metrics {\n      ...MetricsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoundTripFields on RoundTrip {\n    seq\n    market\n    side\n    qty\n    entryTime\n    exitTime\n    entryPrice\n    exitPrice\n    pnl\n    fees\n    funding\n  }\n"): (typeof documents)["\n  fragment RoundTripFields on RoundTrip {\n    seq\n    market\n    side\n    qty\n    entryTime\n    exitTime\n    entryPrice\n    exitPrice\n    pnl\n    fees\n    funding\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FillFields on Fill {\n    seq\n    orderId\n    market\n    side\n    price\n    qty\n    fee\n    liquidity\n    time\n  }\n"): (typeof documents)["\n  fragment FillFields on Fill {\n    seq\n    orderId\n    market\n    side\n    price\n    qty\n    fee\n    liquidity\n    time\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LogFields on LogLine {\n    id\n    time\n    level\n    message\n    fields\n  }\n"): (typeof documents)["\n  fragment LogFields on LogLine {\n    id\n    time\n    level\n    message\n    fields\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n"): (typeof documents)["\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;