import { useCallback } from 'react';
import { useClient } from 'urql';
import { type Outcome, outcomeOf } from '../../../lib/mutation-result';
import { CreateSessionMutation, RunBacktestMutation } from '../actions-documents';
import type { SessionRow } from '../useLiveSessions';
import type { Submission } from './create-input';

/** Sends a checked submission: `createSession(start: true)`, or `runBacktest` for BACKTEST. */
export function useCreateSession(): (s: Submission) => Promise<Outcome<SessionRow>> {
  const client = useClient();
  return useCallback(
    async (s: Submission) => {
      if (s.kind === 'backtest') {
        const r = await client.mutation(RunBacktestMutation, { input: s.input }).toPromise();
        return outcomeOf(r.data?.runBacktest, r.error);
      }
      const r = await client.mutation(CreateSessionMutation, { input: s.input, start: true }).toPromise();
      return outcomeOf(r.data?.createSession, r.error);
    },
    [client],
  );
}
