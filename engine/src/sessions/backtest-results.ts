import type { Db } from '@hm/db';
import type { BacktestResult } from '../kernel/backtest.js';
import type { Fill } from '../strategy/sdk.js';
import { fillRow, tripRow } from './session-rows.js';
import { storedEquity } from './stored-equity.js';

/** Rows per INSERT: 11 columns × 4,000 stays under Postgres's 65,535 bind parameters. */
const INSERT_CHUNK = 4_000;

/**
 * Stores a finished backtest in one transaction, replacing whatever an earlier attempt of the same
 * session stored: a retried job never duplicates rows.
 */
export async function saveBacktestResult(
  db: Db,
  sessionId: string,
  result: BacktestResult,
  fills: readonly Fill[],
): Promise<void> {
  const fillRows = fills.map((f, seq) => fillRow(sessionId, seq, f));
  const tripRows = result.roundTrips.map((r, seq) => tripRow(sessionId, seq, r));
  // Postgres takes at most 65,535 bind parameters per statement: insert in chunks, in one transaction.
  await db.$transaction(
    async (tx) => {
      await tx.sessionFill.deleteMany({ where: { sessionId } });
      await tx.roundTrip.deleteMany({ where: { sessionId } });
      for (let i = 0; i < fillRows.length; i += INSERT_CHUNK)
        await tx.sessionFill.createMany({ data: fillRows.slice(i, i + INSERT_CHUNK) });
      for (let i = 0; i < tripRows.length; i += INSERT_CHUNK)
        await tx.roundTrip.createMany({ data: tripRows.slice(i, i + INSERT_CHUNK) });
      await tx.session.update({
        where: { id: sessionId },
        data: {
          status: 'COMPLETED',
          completedAt: new Date(),
          stoppedAt: new Date(),
          fromTime: new Date(result.from),
          toTime: new Date(result.to),
          settleCurrency: result.settleCurrency,
          initialBalance: String(result.equity[0]?.equity ?? 0),
          metrics: JSON.parse(JSON.stringify(result.metrics)),
          metricsVersion: result.metricsVersion,
          equity: storedEquity(result.equity),
          error: null,
        },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}
