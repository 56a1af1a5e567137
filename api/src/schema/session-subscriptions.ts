import type { Session } from '@hm/db';
import type { SessionFillEvent } from '@hm/engine/contracts';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { loadSession } from '../sessions/session-control.js';
import { FillRef, type FillShape } from './fill.js';
import { LogLevel, LogRef, type LogShape, levelsFrom } from './log.js';
import { SessionRef } from './session.js';
import { SessionFilter, sessionMatches } from './session-queries.js';

const TERMINAL = new Set<Session['status']>(['STOPPED', 'COMPLETED', 'FAILED', 'HALTED']);

/** The session as it is now, then again after every change announced for it; ends when it is deleted. */
async function* sessionStream(ctx: Context, id: string): AsyncGenerator<Session> {
  const live = ctx.pubsub.subscribe('session.updated')[Symbol.asyncIterator]();
  let next = live.next(); // subscribe before reading the row: no change is missed
  try {
    yield await loadSession(ctx, id);
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = live.next();
      if (r.value.sessionId !== id) continue;
      const row = await ctx.sessionRows.read(r.value);
      if (!row) return;
      yield row;
    }
  } finally {
    await live.return?.();
  }
}

const toFill = (e: SessionFillEvent): FillShape => ({
  seq: e.seq,
  orderId: e.orderId,
  symbol: e.symbol,
  side: e.side,
  price: e.price,
  qty: e.qty,
  fee: e.fee,
  liquidity: e.liquidity,
  time: new Date(e.timeMs),
});

const BacktestProgressRef = builder
  .objectRef<{
    sessionId: string;
    status: Session['status'];
    percent: number;
    simTimeMs: number | null;
    events: number;
    eventsPerSec: number;
    equity: number | null;
  }>('BacktestProgress')
  .implement({
    description: 'Progress of a backtest; the last message carries its final status (COMPLETED, FAILED, STOPPED).',
    fields: (t) => ({
      sessionId: t.exposeID('sessionId'),
      status: t.exposeString('status'),
      percent: t.exposeFloat('percent', { description: 'Share of the window replayed, 0..100.' }),
      simTime: t.float({
        nullable: true,
        description: 'Simulated time reached, unix ms.',
        resolve: (p) => p.simTimeMs,
      }),
      events: t.exposeInt('events'),
      eventsPerSec: t.exposeFloat('eventsPerSec'),
      equity: t.exposeFloat('equity', { nullable: true, description: 'Settlement currency.' }),
    }),
  });

builder.subscriptionFields((t) => ({
  sessionUpdated: t.field({
    type: SessionRef,
    description: 'The session now, then after every change (status, heartbeat, counts, P&L).',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_r, { id }, ctx) => sessionStream(ctx, String(id)),
    resolve: (s) => s,
  }),
  sessionsUpdated: t.field({
    type: SessionRef,
    description: 'Every change to a session matching the filter (a deleted session is sent one last time).',
    args: { filter: t.arg({ type: SessionFilter, required: false }) },
    subscribe: async function* (_r, { filter }, ctx) {
      for await (const event of ctx.pubsub.subscribe('session.updated')) {
        // One shared read per change; each subscription applies its own filter to the row.
        const row = await ctx.sessionRows.read(event);
        if (row && sessionMatches(row, filter)) yield row;
      }
    },
    resolve: (s) => s,
  }),
  sessionLogs: t.field({
    type: LogRef,
    description: 'Log lines as the session writes them (query `session.logs` for history).',
    args: { id: t.arg.id({ required: true }), level: t.arg({ type: LogLevel, defaultValue: 'DEBUG' }) },
    subscribe: async function* (_r, { id, level }, ctx) {
      await loadSession(ctx, String(id));
      const wanted = new Set(levelsFrom(level ?? 'DEBUG'));
      for await (const e of ctx.pubsub.subscribe('session.logs', String(id))) {
        if (!wanted.has(e.level)) continue;
        const line: LogShape = {
          id: e.id,
          time: new Date(e.timeMs),
          level: e.level,
          message: e.message,
          fields: e.fields,
        };
        yield line;
      }
    },
    resolve: (l) => l,
  }),
  sessionFills: t.field({
    type: FillRef,
    description: 'Fills as they happen.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async function* (_r, { id }, ctx) {
      await loadSession(ctx, String(id));
      for await (const e of ctx.pubsub.subscribe('session.fills', String(id))) yield toFill(e);
    },
    resolve: (f) => f,
  }),
  backtestProgress: t.field({
    type: BacktestProgressRef,
    description: 'A backtest’s progress (percent, simulated time, events, events/s, equity) until it ends.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async function* (_r, { id }, ctx) {
      const sessionId = String(id);
      const progress = ctx.pubsub.subscribe('backtest.progress', sessionId)[Symbol.asyncIterator]();
      const updates = sessionStream(ctx, sessionId);
      let p = progress.next();
      let u = updates.next();
      let last = {
        percent: 0,
        simTimeMs: null as number | null,
        events: 0,
        eventsPerSec: 0,
        equity: null as number | null,
      };
      try {
        for (;;) {
          const winner = await Promise.race([
            p.then((r) => ({ kind: 'p' as const, r })),
            u.then((r) => ({ kind: 'u' as const, r })),
          ]);
          if (winner.r.done) return;
          if (winner.kind === 'p') {
            p = progress.next();
            const e = winner.r.value;
            last = {
              percent: e.percent,
              simTimeMs: e.simTimeMs,
              events: e.events,
              eventsPerSec: e.eventsPerSec,
              equity: e.equity,
            };
            yield { sessionId, status: 'RUNNING' as const, ...last };
          } else {
            const s = winner.r.value;
            yield { sessionId, status: s.status, ...last, ...(s.status === 'COMPLETED' ? { percent: 100 } : {}) };
            // Ask for the next update only if there will be one: `return()` on a generator still
            // awaiting an event would wait for that event.
            if (TERMINAL.has(s.status)) return;
            u = updates.next();
          }
        }
      } finally {
        await progress.return?.();
        await updates.return(undefined);
      }
    },
    resolve: (p) => p,
  }),
}));
