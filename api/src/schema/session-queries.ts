import type { Prisma, Session } from '@hm/db';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { SessionMode, SessionRef, SessionStatus, totalCountField, withTotal } from './session.js';

export const SessionFilter = builder.inputType('SessionFilter', {
  description: 'All given conditions must hold.',
  fields: (t) => ({
    mode: t.field({ type: SessionMode, required: false }),
    modes: t.field({ type: [SessionMode], required: false, description: 'Any of these modes.' }),
    status: t.field({ type: [SessionStatus], required: false, description: 'Any of these statuses.' }),
    market: t.string({ required: false, description: 'Sessions trading this symbol (either leg).' }),
    strategy: t.string({ required: false }),
  }),
});

export const SessionOrder = builder.enumType('SessionOrder', {
  values: ['CREATED_AT_DESC', 'CREATED_AT_ASC', 'NAME_ASC', 'NET_PNL_DESC'] as const,
});

/** A filter as a Prisma `where` (shared by the query and `sessionsUpdated`). */
export function sessionWhere(filter: typeof SessionFilter.$inferInput | null | undefined): Prisma.SessionWhereInput {
  if (!filter) return {};
  // `mode` and `modes` both hold when both are given.
  const modes = filter.modes?.length ? filter.modes.filter((m) => !filter.mode || m === filter.mode) : null;
  return {
    ...(modes ? { mode: { in: modes } } : filter.mode ? { mode: filter.mode } : {}),
    ...(filter.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter.market ? { markets: { has: filter.market } } : {}),
    ...(filter.strategy ? { strategy: filter.strategy } : {}),
  };
}

/** Whether a row matches the filter: {@link sessionWhere}'s conditions, checked in memory. */
export function sessionMatches(
  row: Pick<Session, 'mode' | 'status' | 'markets' | 'strategy'>,
  filter: typeof SessionFilter.$inferInput | null | undefined,
): boolean {
  if (!filter) return true;
  if (filter.mode && row.mode !== filter.mode) return false;
  if (filter.modes?.length && !filter.modes.includes(row.mode)) return false;
  if (filter.status?.length && !filter.status.includes(row.status)) return false;
  if (filter.market && !row.markets.includes(filter.market)) return false;
  if (filter.strategy && row.strategy !== filter.strategy) return false;
  return true;
}

const ORDER: Record<typeof SessionOrder.$inferType, Prisma.SessionOrderByWithRelationInput[]> = {
  CREATED_AT_DESC: [{ createdAt: 'desc' }, { id: 'asc' }],
  CREATED_AT_ASC: [{ createdAt: 'asc' }, { id: 'asc' }],
  NAME_ASC: [{ name: 'asc' }, { id: 'asc' }],
  NET_PNL_DESC: [{ netPnl: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
};

builder.queryFields((t) => ({
  sessions: t.connection(
    {
      type: SessionRef,
      description: 'Sessions, newest first by default; page with `first`/`after`.',
      args: {
        filter: t.arg({ type: SessionFilter, required: false }),
        orderBy: t.arg({ type: SessionOrder, defaultValue: 'CREATED_AT_DESC' }),
      },
      resolve: (_root, args, ctx) => {
        const where = sessionWhere(args.filter);
        return withTotal(
          resolveOffsetConnection({ args, defaultSize: 20, maxSize: 200 }, ({ limit, offset }) =>
            ctx.db.session.findMany({
              where,
              orderBy: ORDER[args.orderBy ?? 'CREATED_AT_DESC'],
              skip: offset,
              take: limit,
            }),
          ),
          () => ctx.db.session.count({ where }),
        );
      },
    },
    { fields: totalCountField },
  ),
  session: t.field({
    type: SessionRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    description: 'One session, or null when no session has that id.',
    resolve: (_root, args, ctx) => {
      const id = String(args.id);
      // Not a UUID cannot match: answer null rather than a database error.
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      return ctx.db.session.findUnique({ where: { id } });
    },
  }),
}));
