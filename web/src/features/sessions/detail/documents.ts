import { graphql } from '../../../gql';

export const SessionEquityQuery = graphql(`
  query SessionEquity($id: ID!, $resolution: EquityResolution) {
    session(id: $id) {
      id
      equity(resolution: $resolution) {
        time
        equity
      }
    }
  }
`);

export const SessionRoundTripsQuery = graphql(`
  query SessionRoundTrips($id: ID!, $first: Int, $after: String) {
    session(id: $id) {
      id
      roundTrips(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RoundTripFields
          }
        }
      }
    }
  }
`);

export const SessionLogsQuery = graphql(`
  query SessionLogs($id: ID!, $level: LogLevel, $last: Int, $before: String) {
    session(id: $id) {
      id
      logs(level: $level, last: $last, before: $before) {
        totalCount
        pageInfo {
          hasPreviousPage
          startCursor
        }
        edges {
          node {
            ...LogFields
          }
        }
      }
    }
  }
`);

export const SessionLogsSubscription = graphql(`
  subscription SessionLogStream($id: ID!, $level: LogLevel) {
    sessionLogs(id: $id, level: $level) {
      ...LogFields
    }
  }
`);
