import { graphql } from '../../gql';

export const BacktestProgressSubscription = graphql(`
  subscription BacktestProgress($id: ID!) {
    backtestProgress(id: $id) {
      sessionId
      status
      percent
      simTime
      events
      eventsPerSec
      equity
    }
  }
`);

export const ArchiveCoverageQuery = graphql(`
  query ArchiveCoverage($market: String!) {
    archiveInfo(market: $market) {
      market
      from
      to
    }
  }
`);
