import { z } from 'zod';

/** What a segment holds: trade prints, L2 book (snapshots + deltas) or derived candles. */
export const SegmentKind = z.enum(['trades', 'book', 'candles']);
export type SegmentKind = z.infer<typeof SegmentKind>;

/** How a segment's bytes are stored; recorded in the manifest and in the key's extension. */
export const Compression = z.enum(['none', 'gzip', 'brotli']);
export type Compression = z.infer<typeof Compression>;

const EXTENSION: Record<Compression, string> = { none: '.fb', gzip: '.fb.gz', brotli: '.fb.br' };

const pad = (n: number) => String(n).padStart(2, '0');

/** `bitmex/XBTUSD/trades/2024/01/15/13.fb` (`.fb.gz`, `.fb.br` when compressed): one object per exchange, symbol, kind and UTC hour. */
export function segmentKey(
  exchange: string,
  symbol: string,
  kind: SegmentKind,
  hourStartMs: number,
  compression: Compression = 'none',
): string {
  const d = new Date(hourStartMs);
  return `${dayPrefix(exchange, symbol, kind, hourStartMs)}/${pad(d.getUTCHours())}${EXTENSION[compression]}`;
}

/** `bitmex/XBTUSD/trades/2024/01/15/manifest.json`: the day's segments with their checksums. */
export function manifestKey(exchange: string, symbol: string, kind: SegmentKind, dayStartMs: number): string {
  return `${dayPrefix(exchange, symbol, kind, dayStartMs)}/manifest.json`;
}

function dayPrefix(exchange: string, symbol: string, kind: SegmentKind, ms: number): string {
  const d = new Date(ms);
  return `${exchange}/${symbol}/${kind}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const SegmentEntry = z.object({
  key: z.string(),
  /** Hour start, unix ms UTC. */
  hourMs: z.number().int(),
  /** First and last record time, unix ns UTC, as decimal strings (beyond 2^53). */
  fromNs: z.string().regex(/^\d+$/),
  toNs: z.string().regex(/^\d+$/),
  /** Records: trades, book snapshots + deltas, or candles. */
  count: z.number().int().nonnegative(),
  /** Stored (possibly compressed) size; the SHA-256 is of these bytes. */
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  compression: Compression,
});
export type SegmentEntry = z.infer<typeof SegmentEntry>;

/** One per exchange/symbol/kind/day; the reader trusts no segment whose checksum differs. */
export const Manifest = z.object({
  schemaVersion: z.literal(1),
  exchange: z.string(),
  symbol: z.string(),
  kind: SegmentKind,
  /** Day start, unix ms UTC. */
  dayMs: z.number().int(),
  segments: z.array(SegmentEntry),
});
export type Manifest = z.infer<typeof Manifest>;
