import type { Db, Prisma } from '@hm/db';
import type { Redis } from 'ioredis';
import { type SessionLogEvent, sessionLogChannel } from '../contracts/sessions.js';
import type { Logger, LogLevel } from '../log.js';
import { SerialBatcher } from './serial-batcher.js';

interface PendingLine {
  time: Date;
  level: LogLevel;
  message: string;
  fields: Prisma.InputJsonValue;
}

/**
 * A session's structured log: each line is stored as a `SessionLog` row (batched: lines written
 * while an insert runs go in the next one) and then published on `session.logs:<id>` with its
 * database id, and mirrored to the worker's own log. A {@link Logger}, so the kernel's warnings
 * (liquidation) land in it too. Strategy indicator values are not log lines (not stored here).
 */
export class SessionLogger implements Logger {
  private readonly batcher: SerialBatcher<PendingLine>;
  private failures = 0;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly sessionId: string,
    /** The worker's log, which every line is mirrored to. */
    private readonly mirror: Logger,
  ) {
    this.batcher = new SerialBatcher(
      (lines) => this.write(lines),
      (err, n) => {
        // One line per outage, not one per retry.
        if (this.failures++ === 0)
          this.mirror.error('could not store session log lines; will retry', { n, error: err });
      },
    );
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.line('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.line('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.line('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.line('error', message, fields);
  }
  /** Session lines carry no component: a child is the same log. */
  child(_component: string): Logger {
    return this;
  }

  /** Resolves when every line so far is stored and published (or its write failed). */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  private line(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    this.mirror[level](message, fields);
    this.batcher.push({ time: new Date(), level, message, fields: jsonSafe(fields) });
  }

  private async write(lines: PendingLine[]): Promise<void> {
    const rows = await this.db.sessionLog.createManyAndReturn({
      data: lines.map((l) => ({ sessionId: this.sessionId, ...l })),
      select: { id: true, time: true, level: true, message: true, fields: true },
    });
    this.failures = 0;
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const p = this.redis.pipeline();
    for (const r of rows) {
      const event: SessionLogEvent = {
        id: r.id.toString(),
        sessionId: this.sessionId,
        timeMs: r.time.getTime(),
        level: r.level as LogLevel,
        message: r.message,
        fields: (r.fields ?? {}) as Record<string, unknown>,
      };
      p.publish(sessionLogChannel(this.sessionId), JSON.stringify(event));
    }
    // Stored is what counts; a lost publish is seen by the next query of the logs.
    await p.exec().catch(() => {});
  }
}

/** Fields as plain JSON (errors as `{name, message}`; anything unserialisable as its string). */
function jsonSafe(fields: Record<string, unknown>): Prisma.InputJsonValue {
  try {
    return JSON.parse(
      JSON.stringify(fields, (_k, v: unknown) =>
        v instanceof Error ? { name: v.name, message: v.message } : typeof v === 'bigint' ? v.toString() : v,
      ),
    ) as Prisma.InputJsonValue;
  } catch {
    return { unserialisable: String(fields) };
  }
}
