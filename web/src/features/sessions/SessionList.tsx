import { Pager } from '../../components/Pager';
import type { SessionOrder } from '../../gql/graphql';
import { useNow } from '../../lib/use-now';
import { SessionCard } from './SessionCard';
import { useSelectedSession } from './selection';
import type { Exclude, SessionFilterValue } from './session-filter';
import { useLiveSessions } from './useLiveSessions';

interface Props {
  filter: SessionFilterValue;
  exclude?: Exclude;
  orderBy?: SessionOrder;
  pageSize?: number;
  empty: string;
  testId?: string;
}

/** A live, paged list of session cards; one clock ticks every runtime and heartbeat age. */
export function SessionList({ filter, exclude, orderBy, pageSize = 20, empty, testId }: Props) {
  const list = useLiveSessions({ filter, ...(exclude ? { exclude } : {}), ...(orderBy ? { orderBy } : {}), pageSize });
  const now = useNow(1_000);
  const selected = useSelectedSession();
  return (
    <div className="session-list" data-testid={testId} aria-busy={list.fetching}>
      {list.error && <div className="error-line">cannot load sessions: {list.error.message}</div>}
      {list.rows.length === 0 && !list.fetching && !list.error && <div className="empty muted">{empty}</div>}
      {list.rows.map((s) => (
        <SessionCard key={s.id} session={s} now={now} selected={selected.id === s.id} onOpen={selected.open} />
      ))}
      <Pager
        page={list.page}
        pageSize={pageSize}
        total={list.totalCount}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </div>
  );
}
