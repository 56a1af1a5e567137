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
    "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n": typeof types.MarketsDocument,
    "\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n": typeof types.CandleFieldsFragmentDoc,
    "\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n": typeof types.CandlesDocument,
    "\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n": typeof types.CandleHistoryDocument,
    "\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n": typeof types.HealthDocument,
    "\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n": typeof types.OrderBookDocument,
    "\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n": typeof types.TickerDocument,
    "\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n": typeof types.TradesDocument,
};
const documents: Documents = {
    "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n": types.MarketsDocument,
    "\n  fragment CandleFields on Candle {\n    time\n    open\n    high\n    low\n    close\n    volume\n  }\n": types.CandleFieldsFragmentDoc,
    "\n  subscription Candles($market: String!, $period: Period!) {\n    candles(market: $market, period: $period) {\n      ...CandleFields\n    }\n  }\n": types.CandlesDocument,
    "\n  query CandleHistory($market: String!, $period: Period!) {\n    candles(market: $market, period: $period, limit: 1000) {\n      ...CandleFields\n    }\n  }\n": types.CandleHistoryDocument,
    "\n  query Health {\n    health {\n      ok\n      database\n      redis\n      workers\n    }\n  }\n": types.HealthDocument,
    "\n  subscription OrderBook($market: String!, $depth: Int!, $grouping: Float) {\n    orderBook(market: $market, depth: $depth, grouping: $grouping) {\n      market\n      grouping\n      bids {\n        price\n        size\n        total\n      }\n      asks {\n        price\n        size\n        total\n      }\n    }\n  }\n": types.OrderBookDocument,
    "\n  subscription Ticker($market: String!) {\n    ticker(market: $market) {\n      lastPrice\n      tickDirection\n      change24hPct\n      high24h\n      low24h\n      volume24h\n      turnover24h\n      markPrice\n      indexPrice\n      fundingRate\n      nextFundingTime\n      openInterest\n    }\n  }\n": types.TickerDocument,
    "\n  subscription Trades($market: String!) {\n    trades(market: $market, snapshot: 30) {\n      id\n      time\n      price\n      size\n      side\n    }\n  }\n": types.TradesDocument,
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
export function graphql(source: "\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n"): (typeof documents)["\n  query Markets {\n    markets {\n      symbol\n      kind\n      tickSize\n      lotSize\n      settleCurrency\n      quoteCurrency\n    }\n  }\n"];
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;