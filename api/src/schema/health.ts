import { builder } from '../builder.js';
import type { Context } from '../context.js';

interface Health {
  ok: boolean;
  database: boolean;
  redis: boolean;
  workers: number;
}

const HealthRef = builder.objectRef<Health>('Health').implement({
  description: 'Liveness of the parts a user depends on.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', {
      description: 'Database and Redis answer and at least one engine worker is connected.',
    }),
    database: t.exposeBoolean('database', { description: 'Postgres answered `SELECT 1`.' }),
    redis: t.exposeBoolean('redis', { description: 'Redis answered PING.' }),
    workers: t.exposeInt('workers', { description: 'Engine workers connected to the market-data queue.' }),
  }),
});

builder.queryField('health', (t) =>
  t.field({
    type: HealthRef,
    description: 'Checks each dependency now (no caching) with a short timeout.',
    resolve: (_root, _args, ctx) => checkHealth(ctx),
  }),
);

async function checkHealth(ctx: Context): Promise<Health> {
  const [database, redis, workers] = await Promise.all([
    withTimeout(
      ctx.db.$queryRaw`SELECT 1`.then(() => true),
      false,
    ),
    withTimeout(
      ctx.redis.ping().then((r) => r === 'PONG'),
      false,
    ),
    withTimeout(ctx.queues.marketData.getWorkersCount(), 0),
  ]);
  return { ok: database && redis && workers > 0, database, redis, workers };
}

function withTimeout<T>(work: Promise<T>, fallback: T, ms = 2_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
