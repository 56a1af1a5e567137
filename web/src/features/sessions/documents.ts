import { graphql } from '../../gql';

export const SessionsQuery = graphql(`
  query Sessions($filter: SessionFilter, $orderBy: SessionOrder, $first: Int, $after: String) {
    sessions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SessionListFields
        }
      }
    }
  }
`);

export const SessionCountQuery = graphql(`
  query SessionCount($filter: SessionFilter) {
    sessions(filter: $filter, first: 1) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const SessionsUpdatedSubscription = graphql(`
  subscription SessionsUpdated($filter: SessionFilter) {
    sessionsUpdated(filter: $filter) {
      ...SessionListFields
    }
  }
`);

export const SessionDetailQuery = graphql(`
  query SessionDetail($id: ID!) {
    session(id: $id) {
      ...SessionDetailFields
    }
  }
`);

export const SessionUpdatedSubscription = graphql(`
  subscription SessionUpdated($id: ID!) {
    sessionUpdated(id: $id) {
      ...SessionDetailFields
    }
  }
`);

export const StrategiesQuery = graphql(`
  query Strategies {
    strategies {
      name
      description
      legs
      modes
      paramsSchema
    }
  }
`);

export const SessionFillsQuery = graphql(`
  query SessionFills($id: ID!, $first: Int, $after: String, $last: Int) {
    session(id: $id) {
      id
      fills(first: $first, after: $after, last: $last) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...FillFields
          }
        }
      }
    }
  }
`);

export const SessionFillsSubscription = graphql(`
  subscription SessionFillStream($id: ID!) {
    sessionFills(id: $id) {
      ...FillFields
    }
  }
`);
