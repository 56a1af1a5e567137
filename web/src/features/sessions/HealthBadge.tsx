import { formatAge, heartbeatAgeMs, sessionHealth } from './session-model';

interface Props {
  session: {
    status: string;
    createdAt: unknown;
    startedAt?: unknown;
    heartbeatAt?: unknown;
  };
  now: number;
}

/** ♥ + heartbeat age, coloured HEALTHY/WARNING/STALE/DEAD; computed from the clock so it ages. */
export function HealthBadge({ session, now }: Props) {
  const health = sessionHealth(session, now);
  const age = heartbeatAgeMs(session, now);
  if (health === null || age === null) return <span className="muted">—</span>;
  return (
    <span className={`health-badge health-${health.toLowerCase()}`} data-testid="session-health" data-health={health}>
      ♥ {formatAge(age)}
      <span className="sr-only"> {health}</span>
    </span>
  );
}
