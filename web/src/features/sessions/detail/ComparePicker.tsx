import { useMemo } from 'react';
import { useQuery } from 'urql';
import { SessionsQuery } from '../documents';
import { useSelectedSession } from '../selection';

interface Props {
  session: { id: string; strategy: string; mode: string; clonedFrom: { id: string } | null };
}

/**
 * "Compare with…": sessions of the same strategy, its own backtests (whose `clonedFrom` is this
 * session) and its source first. The live/paper run goes left, the backtest right.
 */
export function ComparePicker({ session: s }: Props) {
  const selected = useSelectedSession();
  const [{ data }] = useQuery({
    query: SessionsQuery,
    variables: { filter: { strategy: s.strategy }, first: 100 },
    requestPolicy: 'cache-and-network',
  });
  const options = useMemo(() => {
    const rows = (data?.sessions.edges ?? []).map((e) => e.node).filter((n) => n.id !== s.id);
    const rank = (n: (typeof rows)[number]) => (n.clonedFrom?.id === s.id ? 0 : n.id === s.clonedFrom?.id ? 1 : 2);
    return rows.sort((a, b) => rank(a) - rank(b));
  }, [data, s.id, s.clonedFrom?.id]);
  const choose = (otherId: string) => {
    if (!otherId) return;
    // The source of a backtest stays on the left.
    if (s.clonedFrom?.id === otherId && s.mode === 'BACKTEST') selected.openCompare(otherId, s.id);
    else selected.openCompare(s.id, otherId);
  };
  return (
    <select aria-label="Compare with" value="" onChange={(e) => choose(e.target.value)} data-testid="compare-picker">
      <option value="">Compare with…</option>
      {options.map((n) => (
        <option key={n.id} value={n.id}>
          {n.clonedFrom?.id === s.id ? '↳ ' : n.id === s.clonedFrom?.id ? '↰ source: ' : ''}
          {n.name} · {n.mode} · {n.status.toLowerCase()}
        </option>
      ))}
    </select>
  );
}
