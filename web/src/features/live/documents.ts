import { graphql } from '../../gql';

/* Exchange accounts and the kill switch. Accounts need the admin key the dashboard signs in with. */

graphql(`
  fragment ExchangeAccountFields on ExchangeAccount {
    id
    name
    network
    keyHint
    createdAt
    revokedAt
  }
`);

export const ExchangeAccountsQuery = graphql(`
  query ExchangeAccounts {
    exchangeAccounts {
      ...ExchangeAccountFields
    }
  }
`);

export const CreateExchangeAccountMutation = graphql(`
  mutation CreateExchangeAccount($name: String!, $network: ExchangeNetwork!, $apiKey: String!, $apiSecret: String!) {
    createExchangeAccount(name: $name, network: $network, apiKey: $apiKey, apiSecret: $apiSecret) {
      ...ExchangeAccountFields
    }
  }
`);

export const RevokeExchangeAccountMutation = graphql(`
  mutation RevokeExchangeAccount($id: ID!) {
    revokeExchangeAccount(id: $id) {
      ...ExchangeAccountFields
    }
  }
`);

export const KillSwitchMutation = graphql(`
  mutation KillSwitch($confirm: String!, $reason: String) {
    killSwitch(confirm: $confirm, reason: $reason) {
      sessionsHalted
      accounts {
        accountId
        network
        cancelled
        error
      }
    }
  }
`);
