import type { Db, Session } from '@hm/db';
import { z } from 'zod';
import type { EquityPoint } from '../portfolio/portfolio-port.js';
import type { Fill } from '../strategy/sdk.js';
import { fillFromRow } from './session-rows.js';

/** What an earlier run of the session left (a restarted job, or a worker that died). */
export interface RestoredSession {
  /** Stored fills in `seq` order: replayed into the portfolio they rebuild positions, balance and round trips. */
  fills: Fill[];
  /** The seq the next fill gets. */
  nextFillSeq: number;
  /** The seq the next round trip gets. */
  nextTripSeq: number;
  /** The stored (downsampled) equity curve, continued by this run. */
  equity: EquityPoint[];
  /** Time in a position before this run, ms, from the stored exposure (an estimate: it is stored as a %). */
  exposureMs: number;
}

const StoredEquity = z.array(z.object({ time: z.number(), equity: z.number() }));
const StoredMetrics = z.object({ exposurePct: z.number().nullable().optional() });

/** Reads what earlier runs of `row`'s session stored. */
export async function restoreSession(db: Db, row: Session): Promise<RestoredSession> {
  const [rows, lastTrip] = await Promise.all([
    db.sessionFill.findMany({ where: { sessionId: row.id }, orderBy: { seq: 'asc' } }),
    db.roundTrip.findFirst({ where: { sessionId: row.id }, orderBy: { seq: 'desc' }, select: { seq: true } }),
  ]);
  const equity = StoredEquity.safeParse(row.equity ?? []);
  const metrics = StoredMetrics.safeParse(row.metrics ?? {});
  const pct = metrics.success ? (metrics.data.exposurePct ?? 0) : 0;
  const spanMs = row.startedAt && row.heartbeatAt ? row.heartbeatAt.getTime() - row.startedAt.getTime() : 0;
  return {
    fills: rows.map(fillFromRow),
    nextFillSeq: (rows.at(-1)?.seq ?? -1) + 1,
    nextTripSeq: (lastTrip?.seq ?? -1) + 1,
    equity: equity.success ? equity.data : [],
    exposureMs: Math.max(0, (pct / 100) * spanMs),
  };
}
