import type { BookColumns, TradeColumns } from '@hm/schemas';
import type { Instrument } from '../market/instruments.js';
import { contractUsd } from '../simulator/market.js';
import { BASE_VAR_PER_SEC, PREMIUM_MEAN, PREMIUM_SD, START_XBT, stepPremium } from '../simulator/price-process.js';
import { Rng } from '../simulator/rng.js';
import { BookColumnsBuilder, type BookLevel, TradeColumnsBuilder } from './columns-builder.js';
import { HOUR_MS } from './layout.js';
import type { PricePaths } from './price-paths.js';
import { type BookSink, SyntheticBook } from './synthetic-book.js';

/** Inputs of {@link synthesizeHours}. */
export interface SynthesisOptions {
  instrument: Instrument;
  seed: number;
  /** From {@link simulatePaths}; must include the instrument's underlying. */
  paths: PricePaths;
  /** Mean taker trades per minute at base volatility (busier when volatility clusters). */
  tradesPerMinute: number;
  /**
   * Mean contracts traded per minute (see {@link calibrateVolume}); each print then stands for
   * the flow of a short spell. Default: $2000 per print, like one simulated taker order.
   */
  volumePerMinute?: number | undefined;
  /** Levels per book side; 0 writes no book. */
  bookDepth: number;
  /** Simulated ms between book snapshots (each hour also starts with one). */
  snapshotEveryMs: number;
  /** Book only from this time on, unix ms (trades cover the whole range). */
  bookFromMs?: number | undefined;
  exchange?: string;
}

/** One hour of one market: its trades and (when asked for) its book. */
export interface SynthesizedHour {
  hourMs: number;
  trades: TradeColumns;
  book: BookColumns | null;
}

/**
 * Synthetic history of one market, hour by hour, from the simulator's price process: the
 * underlying path times a mean-reverting premium, Poisson taker trades whose rate follows the
 * volatility, and an L2 book ({@link SyntheticBook}) the trades eat. The book is observed at trade
 * and snapshot times only, which keeps weeks of history small. Deterministic for a seed.
 */
export function* synthesizeHours(o: SynthesisOptions): Generator<SynthesizedHour> {
  const { instrument: inst, paths } = o;
  const under = paths.prices.get(inst.underlying);
  if (!under) throw new RangeError(`paths lack underlying ${inst.underlying}`);
  const xbt = paths.prices.get('XBT');
  const rng = Rng.stream(o.seed, 7_100 + ([...inst.symbol].reduce((h, c) => h * 31 + c.charCodeAt(0), 0) % 10_000));
  const endPrice = under[paths.seconds] ?? 1;
  const lotUsd = contractUsd(inst, endPrice, xbt?.[paths.seconds] ?? START_XBT) * inst.lotSize;
  // Mean lots per print: from the calibrated volume when given, else one $2000 taker order.
  const tradeLots = Math.max(
    1,
    o.volumePerMinute ? o.volumePerMinute / o.tradesPerMinute / inst.lotSize : Math.round(2_000 / lotUsd),
  );
  const book =
    o.bookDepth > 0
      ? new SyntheticBook(
          {
            depth: o.bookDepth,
            lotSize: inst.lotSize,
            gapTicks: Math.max(1, Math.round((1.5e-5 * endPrice) / inst.tickSize)),
            touchLots: Math.max(1, Math.round(20_000 / lotUsd)),
          },
          rng,
        )
      : null;
  let premium = PREMIUM_MEAN + rng.normal() * PREMIUM_SD;
  const endMs = paths.fromMs + paths.seconds * 1000;
  const bookFromMs = o.bookFromMs ?? paths.fromMs;
  let hour = new HourColumns(Math.floor(paths.fromMs / HOUR_MS) * HOUR_MS, inst, o.exchange ?? 'bitmex', o.bookDepth);
  let nextSnapshotMs = paths.fromMs;
  for (let i = 0; i < paths.seconds; i++) {
    const secMs = paths.fromMs + i * 1000;
    if (secMs >= hour.hourMs + HOUR_MS) {
      yield hour.finish(secMs > bookFromMs);
      hour = new HourColumns(Math.floor(secMs / HOUR_MS) * HOUR_MS, inst, o.exchange ?? 'bitmex', o.bookDepth);
      nextSnapshotMs = secMs; // every segment starts with a full book
    }
    premium = stepPremium(premium, rng, 1);
    const p0 = (under[i] ?? 0) * (1 + premium);
    const p1 = (under[i + 1] ?? 0) * (1 + premium);
    const centerAt = (frac: number) => (p0 + (p1 - p0) * frac) / inst.tickSize;
    const withBook = book && secMs >= bookFromMs;
    if (withBook && secMs >= nextSnapshotMs) {
      const ns = BigInt(secMs) * 1_000_000n;
      book.moveTo(centerAt(0), ns, hour);
      book.snapshot(ns, hour);
      nextSnapshotMs = secMs + o.snapshotEveryMs;
    }
    const activity = Math.sqrt((paths.variance[i] ?? BASE_VAR_PER_SEC) / BASE_VAR_PER_SEC);
    const n = rng.poisson((o.tradesPerMinute / 60) * activity);
    if (n === 0) continue;
    const offsets = Array.from({ length: n }, () => rng.next()).sort((a, b) => a - b);
    // Aggressors lean the way the price goes.
    const buyProb = 0.5 + 0.25 * Math.sign(p1 - p0);
    for (const frac of offsets) {
      const ns = BigInt(secMs) * 1_000_000n + BigInt(Math.floor(frac * 1e9));
      const side: 1 | -1 = rng.next() < buyProb ? 1 : -1;
      // Exponential around the mean, with an occasional block 10× the size (mean ≈ 1.27 × tradeLots).
      const lots = Math.max(1, Math.round((rng.exp() * tradeLots) / 1.27)) * (rng.next() < 0.03 ? 10 : 1);
      const size = lots * inst.lotSize;
      const center = centerAt(frac);
      let ticks = side === 1 ? Math.floor(center) + 1 : Math.floor(center);
      if (withBook) {
        book.moveTo(center, ns, hour);
        ticks = book.touch(side === 1 ? -1 : 1);
        // The level the trade ate changes right after it: 1 ns later, so a replay (which orders
        // book records before trades at equal times) shows the trade the book it hit.
        book.trade(side, size, ns + 1n, hour);
      }
      hour.trades.add(ns, Math.max(1, ticks), size, side, rng.uuid());
    }
  }
  if (hour.hourMs < endMs) yield hour.finish(book !== null && endMs > bookFromMs);
}

/** One hour's trade and book builders; the {@link BookSink} the synthetic book writes into. */
class HourColumns implements BookSink {
  readonly trades: TradeColumnsBuilder;
  readonly book: BookColumnsBuilder;

  constructor(
    readonly hourMs: number,
    inst: Instrument,
    exchange: string,
    depth: number,
  ) {
    const head = { exchange, symbol: inst.symbol, tickSize: inst.tickSize };
    this.trades = new TradeColumnsBuilder(head);
    this.book = new BookColumnsBuilder(head, depth);
  }

  snapshot(timeNs: bigint, levels: BookLevel[]): void {
    this.book.snapshot(timeNs, levels);
  }

  delta(timeNs: bigint, ticks: number, size: number, side: 1 | -1): void {
    this.book.change(timeNs, ticks, size, side);
  }

  finish(withBook: boolean): SynthesizedHour {
    return { hourMs: this.hourMs, trades: this.trades.build(), book: withBook ? this.book.build() : null };
  }
}
