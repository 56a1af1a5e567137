import type { Session } from '@hm/db';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { backtestWindow } from '../sessions/backtest-window.js';
import { InputError, StateError } from '../sessions/errors.js';
import { checkExchangeAccount } from '../sessions/exchange-account-check.js';
import { ACTIVE_STATUSES, announce, loadSession, startSession, stopSession } from '../sessions/session-control.js';
import { COLLECTOR, LIVE_CONFIRMATION, type SessionInput, validateSessionInput } from '../sessions/session-input.js';
import { waitForStatus } from '../sessions/wait-for-status.js';
import { SESSION_ERRORS } from './errors.js';
import { SessionRef } from './session.js';
import { CreateSessionInput, RunBacktestInput, SessionOverrides } from './session-inputs.js';

const errors = { types: SESSION_ERRORS };

/** (Re)starting a LIVE session sends real orders again: it needs the phrase creating one needs. */
function confirmedIfLive(session: Session, confirmLive: string | null | undefined): Session {
  if (session.mode === 'LIVE' && confirmLive !== LIVE_CONFIRMATION)
    throw new InputError(`starting a LIVE session needs confirmLive: "${LIVE_CONFIRMATION}"`, 'confirmLive');
  return session;
}

/** Creates a session from validated input (and starts it when asked). */
async function create(ctx: Context, input: SessionInput, start: boolean, clonedFromId?: string): Promise<Session> {
  const data = validateSessionInput(input, Date.now());
  await checkExchangeAccount(ctx.db, input);
  const session = await ctx.db.session.create({
    data: { ...data, ...(clonedFromId ? { clonedFrom: { connect: { id: clonedFromId } } } : {}) },
  });
  await announce(ctx, session);
  return start ? startSession(ctx, session) : session;
}

/** A stored session as input again (for clones and "backtest this session"). */
function asInput(s: Session): SessionInput {
  return {
    name: s.name,
    mode: s.mode,
    strategy: s.strategy,
    markets: s.markets,
    params: s.params,
    rangeFrom: s.fromTime,
    rangeTo: s.toTime,
    fees: s.fees ?? {},
    initialBalance: s.initialBalance === null ? null : Number(s.initialBalance),
    venue: s.venue,
    accountId: s.accountId,
    risk: s.risk,
  };
}

builder.mutationFields((t) => ({
  createSession: t.field({
    type: SessionRef,
    errors,
    description: 'Creates a session; with `start: true` it is queued at once.',
    args: {
      input: t.arg({ type: CreateSessionInput, required: true }),
      start: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_r, { input, start }, ctx) =>
      create(ctx, { ...input, strategy: input.strategy ?? (input.mode === 'MARKET' ? COLLECTOR : '') }, start ?? false),
  }),
  startSession: t.field({
    type: SessionRef,
    errors,
    args: {
      id: t.arg.id({ required: true }),
      confirmLive: t.arg.string({
        required: false,
        description: `LIVE sessions only: exactly "${LIVE_CONFIRMATION}".`,
      }),
    },
    resolve: async (_r, { id, confirmLive }, ctx) =>
      startSession(ctx, confirmedIfLive(await loadSession(ctx, String(id)), confirmLive)),
  }),
  stopSession: t.field({
    type: SessionRef,
    errors,
    description: 'Stops a queued or running session; a running one passes through STOPPING while its worker flushes.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => stopSession(ctx, await loadSession(ctx, String(id))),
  }),
  restartSession: t.field({
    type: SessionRef,
    errors,
    description: 'Stops the session if it runs (waiting until it has stopped), then starts it again.',
    args: {
      id: t.arg.id({ required: true }),
      confirmLive: t.arg.string({
        required: false,
        description: `LIVE sessions only: exactly "${LIVE_CONFIRMATION}".`,
      }),
    },
    resolve: async (_r, { id, confirmLive }, ctx) => {
      let session = confirmedIfLive(await loadSession(ctx, String(id)), confirmLive);
      if (ACTIVE_STATUSES.includes(session.status)) {
        await stopSession(ctx, session);
        session = await waitForStatus(ctx, session.id, ['STOPPED', 'FAILED', 'COMPLETED', 'HALTED'], 30_000);
      }
      return startSession(ctx, session);
    },
  }),
  cloneSession: t.field({
    type: SessionRef,
    errors,
    description: 'A new session with the same settings, changed by `overrides` (params merged). Not started.',
    args: {
      id: t.arg.id({ required: true }),
      overrides: t.arg({ type: SessionOverrides, required: false }),
    },
    resolve: async (_r, { id, overrides }, ctx) => {
      const source = await loadSession(ctx, String(id));
      const base = asInput(source);
      const o = overrides ?? {};
      const input: SessionInput = {
        ...base,
        name: o.name ?? `${source.name} (copy)`,
        mode: o.mode ?? base.mode,
        markets: o.markets ?? base.markets,
        params: { ...(base.params as object), ...((o.params as object | null) ?? {}) },
        rangeFrom: o.rangeFrom ?? base.rangeFrom ?? null,
        rangeTo: o.rangeTo ?? base.rangeTo ?? null,
        fees: o.fees ?? base.fees,
        confirmLive: o.confirmLive ?? null,
      };
      return create(ctx, input, false, source.id);
    },
  }),
  deleteSession: t.field({
    type: SessionRef,
    errors,
    description: 'Deletes a session with its fills, round trips and logs. Refused while it is queued or running.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => {
      const session = await loadSession(ctx, String(id));
      if (ACTIVE_STATUSES.includes(session.status))
        throw new StateError(`session is ${session.status}: stop it before deleting it`, session.status);
      await ctx.db.session.delete({ where: { id: session.id } });
      await announce(ctx, session);
      return session;
    },
  }),
  updateSessionNote: t.field({
    type: SessionRef,
    errors,
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: true }) },
    resolve: async (_r, { id, note }, ctx) => {
      const session = await loadSession(ctx, String(id));
      if (note.length > 10_000) throw new InputError('a note is at most 10,000 characters', 'note');
      const updated = await ctx.db.session.update({ where: { id: session.id }, data: { note } });
      await announce(ctx, updated);
      return updated;
    },
  }),
  runBacktest: t.field({
    type: SessionRef,
    errors,
    description: 'Creates a BACKTEST session and queues it; follow it with `backtestProgress(id)`.',
    args: { input: t.arg({ type: RunBacktestInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      create(
        ctx,
        { ...input, mode: 'BACKTEST', name: input.name ?? `${input.strategy} ${input.markets.join('/')} backtest` },
        true,
      ),
  }),
  backtestFromSession: t.field({
    type: SessionRef,
    errors,
    description:
      'Backtests a TEST or LIVE session: same markets, strategy, params and fees over the exact window from its first decision to its last fill.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => {
      const source = await loadSession(ctx, String(id));
      const window = await backtestWindow(ctx.db, source);
      return create(
        ctx,
        {
          ...asInput(source),
          name: `Backtest of ${source.name}`,
          mode: 'BACKTEST',
          venue: 'SIMULATED',
          accountId: null,
          risk: null,
          ...window,
        },
        true,
        source.id,
      );
    },
  }),
}));
