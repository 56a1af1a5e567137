import type { Db } from '@hm/db';
import type { BacktestResult } from '../kernel/backtest.js';
import type { Fill } from '../strategy/sdk.js';

/** Equity points kept with a session: enough for a chart, small enough for one row. */
const STORED_EQUITY_POINTS = 2_000;

/** Rows per INSERT: 11 columns × 4,000 stays under Postgres's 65,535 bind parameters. */
const INSERT_CHUNK = 4_000;

/** Every `step`-th point plus the last, so the first and last equity stay exact. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % step === 0);
  const last = points.at(-1);
  if (last !== undefined && out.at(-1) !== last) out.push(last);
  return out;
}

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
  const fillRows = fills.map((f, seq) => ({
    sessionId,
    seq,
    orderId: f.orderId,
    symbol: f.symbol,
    side: f.side,
    price: String(f.price),
    qty: String(f.qty),
    fee: String(f.fee),
    liquidity: f.liquidity,
    time: new Date(f.timeMs),
  }));
  const tripRows = result.roundTrips.map((r, seq) => ({
    sessionId,
    seq,
    market: r.market,
    side: r.side,
    qty: String(r.qty),
    entryTime: new Date(r.entryTime),
    exitTime: new Date(r.exitTime),
    entryPrice: String(r.entryPrice),
    exitPrice: String(r.exitPrice),
    pnl: String(r.pnl),
    fees: String(r.fees),
    funding: String(r.funding),
  }));
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
          stoppedAt: new Date(),
          fromTime: new Date(result.from),
          toTime: new Date(result.to),
          settleCurrency: result.settleCurrency,
          initialBalance: String(result.equity[0]?.equity ?? 0),
          metrics: JSON.parse(JSON.stringify(result.metrics)),
          metricsVersion: result.metricsVersion,
          equity: downsample(result.equity, STORED_EQUITY_POINTS).map((p) => ({ time: p.time, equity: p.equity })),
          error: null,
        },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}
