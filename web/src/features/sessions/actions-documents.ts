import { graphql } from '../../gql';

/* Every session mutation answers a union: the success's `data`, or a typed error. */

export const CreateSessionMutation = graphql(`
  mutation CreateSession($input: CreateSessionInput!, $start: Boolean) {
    createSession(input: $input, start: $start) {
      __typename
      ... on MutationCreateSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on InputError {
        field
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const RunBacktestMutation = graphql(`
  mutation RunBacktest($input: RunBacktestInput!) {
    runBacktest(input: $input) {
      __typename
      ... on MutationRunBacktestSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on InputError {
        field
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const StartSessionMutation = graphql(`
  mutation StartSession($id: ID!, $confirmLive: String) {
    startSession(id: $id, confirmLive: $confirmLive) {
      __typename
      ... on MutationStartSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const StopSessionMutation = graphql(`
  mutation StopSession($id: ID!) {
    stopSession(id: $id) {
      __typename
      ... on MutationStopSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const RestartSessionMutation = graphql(`
  mutation RestartSession($id: ID!, $confirmLive: String) {
    restartSession(id: $id, confirmLive: $confirmLive) {
      __typename
      ... on MutationRestartSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const CloneSessionMutation = graphql(`
  mutation CloneSession($id: ID!, $overrides: SessionOverrides) {
    cloneSession(id: $id, overrides: $overrides) {
      __typename
      ... on MutationCloneSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on InputError {
        field
      }
    }
  }
`);

export const DeleteSessionMutation = graphql(`
  mutation DeleteSession($id: ID!) {
    deleteSession(id: $id) {
      __typename
      ... on MutationDeleteSessionSuccess {
        data {
          id
          name
        }
      }
      ... on Error {
        message
        code
      }
      ... on StateError {
        status
      }
    }
  }
`);

export const UpdateNoteMutation = graphql(`
  mutation UpdateSessionNote($id: ID!, $note: String!) {
    updateSessionNote(id: $id, note: $note) {
      __typename
      ... on MutationUpdateSessionNoteSuccess {
        data {
          id
          note
        }
      }
      ... on Error {
        message
        code
      }
      ... on InputError {
        field
      }
    }
  }
`);

export const BacktestFromSessionMutation = graphql(`
  mutation BacktestFromSession($id: ID!) {
    backtestFromSession(id: $id) {
      __typename
      ... on MutationBacktestFromSessionSuccess {
        data {
          ...SessionListFields
        }
      }
      ... on Error {
        message
        code
      }
      ... on StateError {
        status
      }
    }
  }
`);
