import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

const HealthQuery = graphql(`
  query Health {
    health {
      ok
      database
      redis
      workers
    }
  }
`);

/** Backend health, re-checked every 10 s. */
export function HealthLine() {
  const [result, refetch] = useQuery({ query: HealthQuery, requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 10_000);
    return () => clearInterval(timer);
  }, [refetch]);
  const h = result.data?.health;
  if (!h) return <span className="health muted">{result.error ? 'API unreachable' : 'checking…'}</span>;
  return (
    <span className={`health ${h.ok ? 'ok' : 'bad'}`} title="database · redis · engine workers">
      db {h.database ? '✓' : '✗'} · redis {h.redis ? '✓' : '✗'} · workers {h.workers}
    </span>
  );
}
