import { useMemo } from 'react';
import { useClient } from 'urql';
import { useToast } from '../../components/toast-context';
import { type Outcome, outcomeOf } from '../../lib/mutation-result';
import {
  BacktestFromSessionMutation,
  CloneSessionMutation,
  DeleteSessionMutation,
  RestartSessionMutation,
  StartSessionMutation,
  StopSessionMutation,
  UpdateNoteMutation,
} from './actions-documents';

interface Named {
  id: string;
  name: string;
}

/**
 * The session mutations, each reporting its outcome as a toast (success or the typed error) and
 * resolving to the returned session, or null when it failed. Lists follow by subscription.
 */
export function useSessionActions() {
  const client = useClient();
  const toast = useToast();
  return useMemo(() => {
    const report = <T>(outcome: Outcome<T>, what: string, done: string): T | null => {
      if (outcome.ok) {
        toast.success(done);
        return outcome.data;
      }
      toast.error(`${what} failed: ${outcome.message}`);
      return null;
    };
    return {
      /** A LIVE session needs the typed phrase (`confirmLive`) to start or restart. */
      start: async (s: Named, confirmLive?: string) => {
        const r = await client
          .mutation(StartSessionMutation, { id: s.id, confirmLive: confirmLive ?? null })
          .toPromise();
        return report(outcomeOf(r.data?.startSession, r.error), `Start ${s.name}`, `Started ${s.name}`);
      },
      stop: async (s: Named) => {
        const r = await client.mutation(StopSessionMutation, { id: s.id }).toPromise();
        return report(outcomeOf(r.data?.stopSession, r.error), `Stop ${s.name}`, `Stopping ${s.name}`);
      },
      restart: async (s: Named, confirmLive?: string) => {
        toast.info(`Restarting ${s.name}…`);
        const r = await client
          .mutation(RestartSessionMutation, { id: s.id, confirmLive: confirmLive ?? null })
          .toPromise();
        return report(outcomeOf(r.data?.restartSession, r.error), `Restart ${s.name}`, `Restarted ${s.name}`);
      },
      /** A LIVE session's clone needs the same typed confirmation as creating one (`confirmLive`). */
      clone: async (s: Named, confirmLive?: string) => {
        const overrides = confirmLive ? { confirmLive } : null;
        const r = await client.mutation(CloneSessionMutation, { id: s.id, overrides }).toPromise();
        const o = outcomeOf(r.data?.cloneSession, r.error);
        return report(o, `Clone ${s.name}`, o.ok ? `Cloned as “${o.data.name}” (not started)` : '');
      },
      remove: async (s: Named) => {
        const r = await client.mutation(DeleteSessionMutation, { id: s.id }).toPromise();
        return report(outcomeOf(r.data?.deleteSession, r.error), `Delete ${s.name}`, `Deleted ${s.name}`);
      },
      note: async (s: Named, note: string) => {
        const r = await client.mutation(UpdateNoteMutation, { id: s.id, note }).toPromise();
        return report(outcomeOf(r.data?.updateSessionNote, r.error), 'Saving the note', 'Note saved');
      },
      backtest: async (s: Named) => {
        const r = await client.mutation(BacktestFromSessionMutation, { id: s.id }).toPromise();
        return report(
          outcomeOf(r.data?.backtestFromSession, r.error),
          `Backtest of ${s.name}`,
          `Backtest of ${s.name} queued`,
        );
      },
    };
  }, [client, toast]);
}
