import { Manifest, type SegmentKind } from './layout.js';
import { ArchiveObjectNotFoundError, type ArchiveStore } from './store.js';

/** What the archive holds for one market and kind, summed over its manifests. */
export interface ArchiveMarketInfo {
  /** `exchange:symbol`, e.g. `bitmex:XBTUSD`. */
  market: string;
  exchange: string;
  symbol: string;
  kind: SegmentKind;
  /** First and last archived record, unix ms UTC. */
  from: number;
  to: number;
  segments: number;
  /** Sum of the segments' sizes (manifest figures). */
  bytes: number;
  /** Trades (a trades series), else 0. */
  trades: number;
  /** Records: trades, book snapshots + deltas, or candles. */
  records: number;
}

/**
 * The archive's markets with their time range, segment count, bytes and trades, read from the
 * manifests alone (no segment is opened), one row per market and kind (`kind`: one kind, default
 * trades, or 'all'); a manifest that is
 * not valid JSON or not a valid manifest is skipped (`hm archive verify` reports it). Narrowed to
 * one exchange, or one exchange and symbol, when given. Sorted by market; markets whose manifests
 * list no segment are left out.
 */
export async function archiveInfo(
  store: ArchiveStore,
  exchange?: string,
  symbol?: string,
  kind: SegmentKind | 'all' = 'trades',
): Promise<ArchiveMarketInfo[]> {
  const prefix = exchange
    ? symbol
      ? `${exchange}/${symbol}/${kind === 'all' ? '' : `${kind}/`}`
      : `${exchange}/`
    : '';
  const keys = await manifestKeys(store, prefix);
  const markets = new Map<string, ArchiveMarketInfo>();
  for (const key of keys) {
    const manifest = await tryManifest(store, key);
    if (!manifest) continue;
    if (kind !== 'all' && manifest.kind !== kind) continue;
    if ((exchange && manifest.exchange !== exchange) || (symbol && manifest.symbol !== symbol)) continue;
    if (manifest.segments.length === 0) continue;
    const id = `${manifest.exchange}:${manifest.symbol}:${manifest.kind}`;
    const acc = markets.get(id) ?? {
      market: `${manifest.exchange}:${manifest.symbol}`,
      exchange: manifest.exchange,
      symbol: manifest.symbol,
      kind: manifest.kind,
      from: Number.POSITIVE_INFINITY,
      to: Number.NEGATIVE_INFINITY,
      segments: 0,
      bytes: 0,
      trades: 0,
      records: 0,
    };
    for (const s of manifest.segments) {
      acc.from = Math.min(acc.from, Number(BigInt(s.fromNs) / 1_000_000n));
      acc.to = Math.max(acc.to, Number(BigInt(s.toNs) / 1_000_000n));
      acc.segments += 1;
      acc.bytes += s.bytes;
      acc.records += s.count;
      if (manifest.kind === 'trades') acc.trades += s.count;
    }
    markets.set(id, acc);
  }
  const order = (m: ArchiveMarketInfo) => `${m.market}:${m.kind}`;
  return [...markets.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const tradesPrefix = (exchange: string, symbol: string) => `${exchange}/${symbol}/trades/`;

async function manifestKeys(store: ArchiveStore, prefix: string): Promise<string[]> {
  return (await store.list(prefix)).filter((o) => o.key.endsWith('/manifest.json')).map((o) => o.key);
}

/** A manifest, or null when it is missing, not JSON or not a valid manifest. */
async function tryManifest(store: ArchiveStore, key: string): Promise<Manifest | null> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(new TextDecoder().decode(await store.get(key))));
    return parsed.success ? parsed.data : null;
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof ArchiveObjectNotFoundError) return null;
    throw err;
  }
}

/**
 * First and last archived trade of one market (unix ms), from one listing and the first and last
 * valid manifests with segments (usually two reads): cheaper than {@link archiveInfo} when only the
 * range matters. Null when the archive holds no trades for the market.
 */
export async function archiveExtent(
  store: ArchiveStore,
  exchange: string,
  symbol: string,
): Promise<{ fromMs: number; toMs: number } | null> {
  const keys = await manifestKeys(store, tradesPrefix(exchange, symbol));
  const firstValid = async (ordered: string[]) => {
    for (const key of ordered) {
      const m = await tryManifest(store, key);
      if (m && m.kind === 'trades' && m.segments.length > 0) return m;
    }
    return null;
  };
  const first = await firstValid(keys);
  const last = first && (await firstValid([...keys].reverse()));
  if (!first || !last) return null;
  const ms = (ns: string) => Number(BigInt(ns) / 1_000_000n);
  return {
    fromMs: Math.min(...first.segments.map((s) => ms(s.fromNs))),
    toMs: Math.max(...last.segments.map((s) => ms(s.toNs))),
  };
}
