import type { Rng } from './rng.js';
import { DAY_MS, MINUTE_MS, type MinuteBucket } from './rolling24h.js';

/** Minutes in the synthetic 24 h history. */
const MINUTES = DAY_MS / MINUTE_MS;

/**
 * A plausible relative price path for the 24 h before now: `MINUTES + 1` multipliers, one per minute
 * boundary, the last being 1 (today's price). A backward random walk with `volPerMinute` standard
 * deviation of log return per minute.
 */
export function pastPath(rng: Rng, volPerMinute: number): number[] {
  const path = new Array<number>(MINUTES + 1);
  let m = 1;
  path[MINUTES] = 1;
  for (let i = MINUTES - 1; i >= 0; i--) {
    m *= Math.exp(rng.normal() * volPerMinute);
    path[i] = m;
  }
  return path;
}

/** Another path moving with `base` plus independent noise (e.g. ETH against XBT). */
export function correlatedPath(rng: Rng, base: readonly number[], volPerMinute: number): number[] {
  const own = pastPath(rng, volPerMinute);
  return base.map((b, i) => b * (own[i] ?? 1));
}

/** Inputs of {@link syntheticHistory}. */
export interface HistoryOptions {
  rng: Rng;
  /** Now, unix ms: the history covers the whole minutes of the 24 h before the current minute. */
  nowMs: number;
  /** Relative path from {@link pastPath}. */
  path: readonly number[];
  /** Today's price, quote currency. */
  price: number;
  tickSize: number;
  /** Mean contracts per minute (0 for an index). */
  volumePerMinute: number;
  lotSize: number;
  /** grossValue (settle minor units), homeNotional and foreignNotional of `size` contracts at `price`. */
  notionals(size: number, price: number): { grossValue: number; homeNotional: number; foreignNotional: number };
}

/** Synthetic one-minute buckets for the 24 h before `nowMs`, oldest first, ending at today's price. */
export function syntheticHistory(opts: HistoryOptions): MinuteBucket[] {
  const { rng, path, price, tickSize, lotSize } = opts;
  const minuteNow = Math.floor(opts.nowMs / MINUTE_MS) * MINUTE_MS;
  const toTicks = (p: number) => Math.max(1, Math.round(p / tickSize));
  const buckets: MinuteBucket[] = [];
  for (let i = 0; i < MINUTES; i++) {
    const open = toTicks(price * (path[i] ?? 1));
    const close = toTicks(price * (path[i + 1] ?? 1));
    const wick = () => Math.abs(rng.normal()) * 0.0003;
    const high = Math.max(open, close, toTicks(Math.max(open, close) * tickSize * (1 + wick())));
    const low = Math.min(open, close, toTicks(Math.min(open, close) * tickSize * (1 - wick())));
    const lots = Math.round((opts.volumePerMinute / lotSize) * (0.3 + 1.4 * rng.next()));
    const volume = lots * lotSize;
    const n = volume > 0 ? opts.notionals(volume, Math.round((open + close) / 2) * tickSize) : undefined;
    buckets.push({
      startMs: minuteNow - (MINUTES - i) * MINUTE_MS,
      open,
      high,
      low,
      close,
      volume,
      turnover: n?.grossValue ?? 0,
      home: n?.homeNotional ?? 0,
      foreign: n?.foreignNotional ?? 0,
    });
  }
  return buckets;
}
