import {
  type ArchiveCandle,
  type ArchiveMarketInfo,
  ArchiveObjectNotFoundError,
  type ArchiveStore,
  archiveCandles,
  archiveExtent,
  archiveInfo,
  CorruptSegmentError,
} from '@hm/engine/archive';
import { bucketStart, PERIOD_SECONDS, type Period } from '@hm/engine/contracts';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import { marketArg } from './inputs.js';

/** The exchange whose archive the API reads (every market it knows is a BitMEX market). */
export const ARCHIVE_EXCHANGE = 'bitmex';

/** How long the archive's time range per market is reused before it is listed again, ms. */
const EXTENT_TTL_MS = 10_000;
const extents = new WeakMap<
  ArchiveStore,
  Map<string, { at: number; value: Promise<{ fromMs: number; toMs: number } | null> }>
>();

/** The archive's first and last trade for a market, cached briefly (a listing per chart load is enough). */
function cachedExtent(store: ArchiveStore, market: string): Promise<{ fromMs: number; toMs: number } | null> {
  let perStore = extents.get(store);
  if (!perStore) {
    perStore = new Map();
    extents.set(store, perStore);
  }
  const hit = perStore.get(market);
  if (hit && Date.now() - hit.at < EXTENT_TTL_MS) return hit.value;
  const value = archiveExtent(store, ARCHIVE_EXCHANGE, market);
  perStore.set(market, { at: Date.now(), value });
  value.catch(() => perStore.delete(market));
  return value;
}

/**
 * The archive as a clear GraphQL error: a corrupt or missing segment is named (`extensions.segment`),
 * anything else (a store that does not answer) says so. The server keeps serving.
 */
function archiveError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  if (err instanceof CorruptSegmentError) {
    return new GraphQLError(`archive history unavailable: ${err.message}`, {
      extensions: { code: 'ARCHIVE_CORRUPT', segment: err.key },
    });
  }
  if (err instanceof ArchiveObjectNotFoundError) {
    return new GraphQLError(`archive history unavailable: segment ${err.key} is missing from ${err.location}`, {
      extensions: { code: 'ARCHIVE_CORRUPT', segment: err.key },
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new GraphQLError(`archive unavailable: ${message}`, {
    extensions: { code: 'ARCHIVE_UNAVAILABLE' },
  });
}

/** What the archive holds for a market, or null when nothing. */
export async function marketArchiveInfo(store: ArchiveStore, market: string): Promise<ArchiveMarketInfo | null> {
  try {
    return (await archiveInfo(store, ARCHIVE_EXCHANGE, market))[0] ?? null;
  } catch (err) {
    throw archiveError(err);
  }
}

/**
 * The newest `need` archive candles with a bucket start in [from, before) (unix s), ascending. The
 * window is first clamped to the archive's own time range (its last trade, not `before`, anchors it
 * when the archive ends earlier), then reads back at most `need` periods: never more history than
 * asked for. Buckets without trades count against those periods, so fewer may come back.
 */
export async function archiveCandlesBefore(
  store: ArchiveStore,
  q: { market: string; period: Period; from: number; before: number; need: number },
): Promise<ArchiveCandle[]> {
  if (q.need <= 0 || q.from >= q.before) return [];
  const len = PERIOD_SECONDS[q.period];
  try {
    const extent = await cachedExtent(store, q.market);
    if (!extent) return [];
    // The last trade's bucket starts at or before it; no bucket before the first trade's has trades.
    const end = Math.min(q.before, Math.floor(extent.toMs / 1000) + 1);
    const start = Math.max(q.from, end - q.need * len, bucketStart(Math.floor(extent.fromMs / 1000), q.period));
    if (start >= end) return [];
    const candles = await archiveCandles(store, {
      exchange: ARCHIVE_EXCHANGE,
      symbol: q.market,
      period: q.period,
      fromMs: start * 1000,
      toMs: end * 1000,
    });
    return candles.slice(-q.need);
  } catch (err) {
    throw archiveError(err);
  }
}

const ArchiveInfoRef = builder.objectRef<ArchiveMarketInfo>('ArchiveInfo').implement({
  description: 'What the trade archive holds for one market, from its manifests (no segment is read).',
  fields: (t) => ({
    market: t.exposeString('symbol', { description: 'Symbol, e.g. XBTUSD.' }),
    from: t.field({ type: 'DateTime', description: 'First archived trade.', resolve: (i) => new Date(i.from) }),
    to: t.field({ type: 'DateTime', description: 'Last archived trade.', resolve: (i) => new Date(i.to) }),
    segments: t.exposeInt('segments', { description: 'Hour segments.' }),
    bytes: t.exposeFloat('bytes', { description: 'Total segment size, bytes (may exceed 2^31).' }),
    trades: t.exposeFloat('trades', { description: 'Archived trades.' }),
  }),
});

builder.queryField('archiveInfo', (t) =>
  t.field({
    type: ArchiveInfoRef,
    nullable: true,
    description:
      "The trade archive's coverage of a market (time range, segments, bytes, trades); null when the archive holds nothing for it.",
    args: { market: t.arg.string({ required: true, description: 'Symbol, e.g. XBTUSD.' }) },
    resolve: async (_root, { market }, ctx) => {
      marketArg(market);
      return marketArchiveInfo(ctx.archive, market);
    },
  }),
);
