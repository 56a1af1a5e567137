import type { Session } from '@hm/db';
import { healthOf } from '@hm/engine/contracts';
import { type RiskLimits, readRiskLimits } from '@hm/engine/live';
import { type ResolveCursorConnectionArgs, resolveCursorConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { EquityPointRef, EquityResolution, resample } from './equity.js';
import { ExchangeAccountRef, RiskLimitsRef, SessionVenueRef, toAccountInfo } from './exchange.js';
import { FillRef } from './fill.js';
import { LogLevel, LogRef, levelsFrom, toLogShape } from './log.js';
import { MetricsRef, metricsOf } from './metrics.js';
import { RoundTripRef } from './round-trip.js';

export const SessionMode = builder.enumType('SessionMode', {
  description: 'LIVE trades for real; TEST paper-trades live data; BACKTEST replays the archive; MARKET collects data.',
  values: ['LIVE', 'TEST', 'BACKTEST', 'MARKET'] as const,
});

export const SessionStatus = builder.enumType('SessionStatus', {
  description:
    'CREATED → QUEUED → RUNNING → (STOPPING → STOPPED) | COMPLETED | FAILED | HALTED (a risk limit or the kill switch stopped it).',
  values: ['CREATED', 'QUEUED', 'RUNNING', 'STOPPING', 'STOPPED', 'COMPLETED', 'FAILED', 'HALTED'] as const,
});

export const SessionHealth = builder.enumType('SessionHealth', {
  description: 'From the age of the last heartbeat: >10 s WARNING, >30 s STALE, >120 s DEAD.',
  values: ['HEALTHY', 'WARNING', 'STALE', 'DEAD'] as const,
});

const RUNNING_STATUSES = new Set(['RUNNING', 'STOPPING']);

/** The limits a session runs under: stored ones over the defaults; exchange sessions always have them. */
function riskOf(s: Session): RiskLimits | null {
  if (s.risk === null && s.venue !== 'EXCHANGE' && s.mode !== 'LIVE') return null;
  try {
    return readRiskLimits(s.risk, s.settleCurrency === 'USDT' ? 'USDT' : 'XBT');
  } catch {
    return null;
  }
}

/** Keyset pagination (by the unique `seq`, ascending) over one session's fills or round trips. */
function bySeq(sessionId: string, args: ResolveCursorConnectionArgs) {
  return {
    take: args.limit,
    where: {
      sessionId,
      seq: {
        ...(args.before !== undefined ? { lt: Number(args.before) } : {}),
        ...(args.after !== undefined ? { gt: Number(args.after) } : {}),
      },
    },
    orderBy: { seq: args.inverted ? ('desc' as const) : ('asc' as const) },
  };
}

const FeesRef = builder
  .objectRef<{ makerFee?: number; takerFee?: number; latencyMs?: number }>('SessionFees')
  .implement({
    description: 'Fee rates (fractions of contract value; negative = rebate) and simulated order latency.',
    fields: (t) => ({
      makerFee: t.exposeFloat('makerFee', { nullable: true, description: 'Null = the instrument’s default.' }),
      takerFee: t.exposeFloat('takerFee', { nullable: true, description: 'Null = the instrument’s default.' }),
      latencyMs: t.exposeInt('latencyMs', { nullable: true }),
    }),
  });

export const SessionRef = builder.objectRef<Session>('Session');
SessionRef.implement({
  description: 'A strategy run in one mode over one or two markets.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    mode: t.field({ type: SessionMode, resolve: (s) => s.mode }),
    status: t.field({ type: SessionStatus, resolve: (s) => s.status }),
    strategy: t.exposeString('strategy'),
    params: t.expose('params', { type: 'JSON', description: 'Strategy parameters after defaults.' }),
    markets: t.exposeStringList('markets', { description: 'One symbol per leg.' }),
    rangeFrom: t.expose('fromTime', { type: 'DateTime', nullable: true, description: 'Backtest window start (UTC).' }),
    rangeTo: t.expose('toTime', { type: 'DateTime', nullable: true, description: 'Backtest window end, exclusive.' }),
    fees: t.field({ type: FeesRef, nullable: true, resolve: (s) => (s.fees as object | null) ?? null }),
    settleCurrency: t.exposeString('settleCurrency', { nullable: true }),
    initialBalance: t.float({
      nullable: true,
      resolve: (s) => (s.initialBalance === null ? null : Number(s.initialBalance)),
    }),
    venue: t.field({ type: SessionVenueRef, resolve: (s) => s.venue }),
    account: t.field({
      type: ExchangeAccountRef,
      nullable: true,
      description: 'The exchange account an EXCHANGE session trades on (never its credentials).',
      resolve: async (s, _a, ctx) => {
        if (!s.accountId) return null;
        const row = await ctx.db.exchangeAccount.findUnique({ where: { id: s.accountId } });
        return row ? toAccountInfo(row) : null;
      },
    }),
    risk: t.field({
      type: RiskLimitsRef,
      nullable: true,
      description: 'The limits the session runs under (defaults filled in); null for paper sessions without limits.',
      resolve: (s) => riskOf(s),
    }),
    warning: t.exposeString('warning', {
      nullable: true,
      description: 'The latest reconciliation mismatch with the exchange; null while they agree.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    stoppedAt: t.expose('stoppedAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    heartbeatAt: t.expose('heartbeatAt', { type: 'DateTime', nullable: true }),
    health: t.field({
      type: SessionHealth,
      nullable: true,
      description: 'Only for sessions that should be running (RUNNING, STOPPING); null otherwise.',
      resolve: (s) => {
        if (!RUNNING_STATUSES.has(s.status)) return null;
        const beat = s.heartbeatAt ?? s.startedAt ?? s.createdAt;
        return healthOf(Date.now() - beat.getTime());
      },
    }),
    workerId: t.exposeString('workerId', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    clonedFrom: t.field({
      type: SessionRef,
      nullable: true,
      resolve: (s, _a, ctx) => (s.clonedFromId ? ctx.db.session.findUnique({ where: { id: s.clonedFromId } }) : null),
    }),
    error: t.exposeString('error', { nullable: true }),
    fillCount: t.int({
      description: 'Fills so far (live sessions: as of the last heartbeat).',
      resolve: (s) => (s.mode === 'BACKTEST' ? ((s.metrics as { fills?: number } | null)?.fills ?? 0) : s.fillCount),
    }),
    roundTripCount: t.int({
      resolve: (s) =>
        s.mode === 'BACKTEST' ? ((s.metrics as { roundTrips?: number } | null)?.roundTrips ?? 0) : s.roundTripCount,
    }),
    netPnl: t.float({
      nullable: true,
      description: 'Settlement currency; live sessions: as of the last heartbeat.',
      resolve: (s) =>
        s.netPnl !== null ? Number(s.netPnl) : ((s.metrics as { netPnl?: number | null } | null)?.netPnl ?? null),
    }),
    firstDecisionAt: t.expose('firstDecisionAt', { type: 'DateTime', nullable: true }),
    metrics: t.field({ type: MetricsRef, nullable: true, resolve: (s) => metricsOf(s.metrics, s.metricsVersion) }),
    equity: t.field({
      type: [EquityPointRef],
      args: { resolution: t.arg({ type: EquityResolution, defaultValue: 0 }) },
      description: 'The equity curve the metrics are computed from (downsampled for storage).',
      resolve: (s, args) => resample(s.equity, args.resolution ?? 0),
    }),
    fills: t.connection(
      {
        type: FillRef,
        resolve: (s, args, ctx) =>
          withTotal(
            resolveCursorConnection({ args, toCursor: (f) => String(f.seq) }, (a: ResolveCursorConnectionArgs) =>
              ctx.db.sessionFill.findMany(bySeq(s.id, a)),
            ),
            () => ctx.db.sessionFill.count({ where: { sessionId: s.id } }),
          ),
      },
      { fields: totalCountField },
    ),
    roundTrips: t.connection(
      {
        type: RoundTripRef,
        resolve: (s, args, ctx) =>
          withTotal(
            resolveCursorConnection({ args, toCursor: (r) => String(r.seq) }, (a: ResolveCursorConnectionArgs) =>
              ctx.db.roundTrip.findMany(bySeq(s.id, a)),
            ),
            () => ctx.db.roundTrip.count({ where: { sessionId: s.id } }),
          ),
      },
      { fields: totalCountField },
    ),
    logs: t.connection(
      {
        type: LogRef,
        args: {
          level: t.arg({ type: LogLevel, defaultValue: 'DEBUG', description: 'This level and above.' }),
          since: t.arg({ type: 'DateTime', required: false, description: 'Only lines at or after this instant.' }),
        },
        resolve: (s, args, ctx) => {
          const where = {
            sessionId: s.id,
            level: { in: levelsFrom(args.level ?? 'DEBUG') },
            ...(args.since ? { time: { gte: args.since } } : {}),
          };
          return withTotal(
            resolveCursorConnection({ args, toCursor: (l) => l.id }, async (a: ResolveCursorConnectionArgs) => {
              const rows = await ctx.db.sessionLog.findMany({
                take: a.limit,
                where: {
                  ...where,
                  id: {
                    ...(a.before !== undefined ? { lt: BigInt(a.before) } : {}),
                    ...(a.after !== undefined ? { gt: BigInt(a.after) } : {}),
                  },
                },
                orderBy: { id: a.inverted ? 'desc' : 'asc' },
              });
              return rows.map(toLogShape);
            }),
            () => ctx.db.sessionLog.count({ where }),
          );
        },
      },
      { fields: totalCountField },
    ),
  }),
});

/** A connection with a lazily counted `totalCount` (counted only when asked for). */
export async function withTotal<C extends object>(
  connection: Promise<C>,
  count: () => Promise<number>,
): Promise<C & { totalCount: () => Promise<number> }> {
  return Object.assign(await connection, { totalCount: count });
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The `totalCount` field every connection here has. */
export const totalCountField = <P extends object>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, P>) => ({
  totalCount: t.int({
    description: 'All items, across pages.',
    resolve: (c) => (c as { totalCount?: () => Promise<number> }).totalCount?.() ?? 0,
  }),
});
