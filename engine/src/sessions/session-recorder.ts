import type { Db } from '@hm/db';
import type { Redis } from 'ioredis';
import { type SessionFillEvent, sessionFillChannel } from '../contracts/sessions.js';
import type { Logger } from '../log.js';
import type { RoundTrip } from '../portfolio/portfolio-port.js';
import type { Fill } from '../strategy/sdk.js';
import { SerialBatcher } from './serial-batcher.js';
import { fillRow, tripRow } from './session-rows.js';

/**
 * Stores a running session's fills and round trips as they happen: each gets the next `seq` (the
 * session's running index, continued across restarts), is inserted in small batches (whatever
 * arrived while the previous insert ran), and each fill is then published on
 * `session.fills:<id>`. Inserts skip rows whose (sessionId, seq) exists, so a retried batch never
 * duplicates one.
 */
export class SessionRecorder {
  private nextFillSeq: number;
  /** Round trips of the portfolio's list already queued (their seq is their index in it). */
  private tripsQueued: number;
  private readonly fills: SerialBatcher<{ seq: number; fill: Fill }>;
  private readonly trips: SerialBatcher<{ seq: number; trip: RoundTrip }>;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly sessionId: string,
    next: { fillSeq: number; tripSeq: number },
    log: Logger,
  ) {
    this.nextFillSeq = next.fillSeq;
    this.tripsQueued = next.tripSeq;
    let failing = false;
    const onError = (what: string) => (err: unknown, n: number) => {
      if (!failing) log.error(`could not store ${what}; will retry`, { n, error: err });
      failing = true;
    };
    this.fills = new SerialBatcher(async (batch) => {
      await this.writeFills(batch);
      failing = false;
    }, onError('fills'));
    this.trips = new SerialBatcher(async (batch) => {
      await db.roundTrip.createMany({
        data: batch.map((t) => tripRow(sessionId, t.seq, t.trip)),
        skipDuplicates: true,
      });
      failing = false;
    }, onError('round trips'));
  }

  /** Fills so far, those of earlier runs included. */
  get fillCount(): number {
    return this.nextFillSeq;
  }

  /** Queues a fill for storage; returns its seq. */
  fill(fill: Fill): number {
    const seq = this.nextFillSeq++;
    this.fills.push({ seq, fill });
    return seq;
  }

  /** Queues the round trips of `all` (the portfolio's closing-order list) not queued yet. */
  roundTrips(all: readonly RoundTrip[]): void {
    for (; this.tripsQueued < all.length; this.tripsQueued++)
      this.trips.push({ seq: this.tripsQueued, trip: all[this.tripsQueued] as RoundTrip });
  }

  /** Resolves when everything queued so far is stored (or its insert failed; retried at the next flush). */
  async flush(): Promise<void> {
    await Promise.all([this.fills.flush(), this.trips.flush()]);
  }

  private async writeFills(batch: { seq: number; fill: Fill }[]): Promise<void> {
    await this.db.sessionFill.createMany({
      data: batch.map((f) => fillRow(this.sessionId, f.seq, f.fill)),
      skipDuplicates: true,
    });
    const p = this.redis.pipeline();
    for (const { seq, fill } of batch) {
      const event: SessionFillEvent = {
        sessionId: this.sessionId,
        seq,
        orderId: fill.orderId,
        symbol: fill.symbol,
        side: fill.side,
        price: fill.price,
        qty: fill.qty,
        fee: fill.fee,
        liquidity: fill.liquidity,
        timeMs: fill.timeMs,
      };
      p.publish(sessionFillChannel(this.sessionId), JSON.stringify(event));
    }
    // Stored is what counts; a subscriber that missed a publish finds the fill by querying.
    await p.exec().catch(() => {});
  }
}
