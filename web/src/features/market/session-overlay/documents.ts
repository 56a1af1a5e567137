import { graphql } from '../../../gql';

/** The selected session as the chart needs it, and what each strategy plots. */
export const SessionChartQuery = graphql(`
  query SessionChart($id: ID!) {
    session(id: $id) {
      id
      name
      mode
      status
      strategy
      markets
      settleCurrency
      roundTripCount
    }
    strategies {
      name
      indicators {
        name
        description
        leg
        overlay
      }
    }
  }
`);

/** Counts only: a new round trip shows as a higher `roundTripCount`. */
export const SessionChartUpdates = graphql(`
  subscription SessionChartUpdates($id: ID!) {
    sessionUpdated(id: $id) {
      id
      status
      roundTripCount
    }
  }
`);

export const SessionIndicatorHistoryQuery = graphql(`
  query SessionIndicatorHistory($id: ID!, $names: [String!]) {
    session(id: $id) {
      id
      indicators(names: $names) {
        name
        time
        value
      }
    }
  }
`);

export const SessionIndicatorStream = graphql(`
  subscription SessionIndicatorStream($id: ID!) {
    sessionIndicators(id: $id) {
      name
      time
      value
    }
  }
`);

export const SessionChartTripsQuery = graphql(`
  query SessionChartTrips($id: ID!, $first: Int, $after: String) {
    session(id: $id) {
      id
      roundTrips(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            seq
            market
            side
            entryTime
            exitTime
            pnl
          }
        }
      }
    }
  }
`);
