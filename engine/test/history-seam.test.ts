import { describe, expect, it } from 'vitest';
import { CandleBuilder, type TickCandle } from '../src/market/candles.js';
import { HistorySeam } from '../src/market/history-seam.js';
import { bucketStart, PERIODS, type Period } from '../src/market/periods.js';

// History (archive) and live trades of one market, split at the first live trade, must give the
// same candles as one aggregation over all of them, whenever the history arrives.
type T = { timeMs: number; ticks: number; size: number };
const T0 = Date.UTC(2026, 11, 2, 15, 7, 0); // a Wednesday, mid-week, mid-hour
const trades: T[] = Array.from({ length: 400 }, (_, i) => ({
  timeMs: T0 - 200 * 7_000 + i * 7_000,
  ticks: 900_000 + ((i * 37) % 101) - 50,
  size: 100 * (1 + (i % 9)),
}));
const firstLive = trades.findIndex((t) => t.timeMs >= T0);
const past = trades.slice(0, firstLive);
const live = trades.slice(firstLive);

function aggregate(ts: T[], period: Period): TickCandle[] {
  const out = new Map<number, TickCandle>();
  for (const t of ts) {
    const time = bucketStart(Math.floor(t.timeMs / 1000), period);
    const c = out.get(time);
    if (!c) out.set(time, { time, open: t.ticks, high: t.ticks, low: t.ticks, close: t.ticks, volume: t.size });
    else
      Object.assign(c, {
        high: Math.max(c.high, t.ticks),
        low: Math.min(c.low, t.ticks),
        close: t.ticks,
        volume: c.volume + t.size,
      });
  }
  return [...out.values()];
}

/** What history-seed.ts reads: the archive's part of the bucket holding `untilMs`, strictly before it. */
function historyPart(untilMs: number): Map<Period, TickCandle> {
  const m = new Map<Period, TickCandle>();
  for (const p of PERIODS) {
    const start = bucketStart(Math.floor(untilMs / 1000), p);
    const c = aggregate(
      past.filter((t) => t.timeMs >= start * 1000 && t.timeMs < untilMs),
      p,
    )[0];
    if (c) m.set(p, c);
  }
  return m;
}

/** Runs live trades through builders + seam, joining history after `joinAfter` live trades. */
function run(joinAfter: number) {
  const seam = new HistorySeam();
  const builders = PERIODS.map((p) => new CandleBuilder(p));
  const published = new Map<Period, Map<number, TickCandle>>(PERIODS.map((p) => [p, new Map()]));
  const publish = (p: Period, c: TickCandle | null) => c && published.get(p)?.set(c.time, c);
  const join = () => {
    for (const u of seam.join(historyPart(seam.firstLiveMs ?? T0), builders)) {
      publish(u.period, u.forming);
      publish(u.period, u.closed);
    }
  };
  live.forEach((t, i) => {
    if (i === joinAfter) join();
    for (const b of builders) {
      const u = b.apply({
        id: String(i),
        symbol: 'XBTUSD',
        timeMs: t.timeMs,
        priceTicks: t.ticks,
        size: t.size,
        side: 'BUY',
      });
      if (!u) continue;
      seam.onLive(b.period, t.timeMs, u.forming);
      publish(b.period, u.forming);
      publish(b.period, u.closed);
    }
  });
  if (joinAfter >= live.length) join();
  join(); // a second announcement changes nothing
  return published;
}

describe('joining archive history to live candles', () => {
  for (const [label, joinAfter] of [
    ['before the first live trade', 0],
    ['while the first buckets still form', 3],
    ['after the first 1m/5m buckets closed', 120],
  ] as const) {
    it(`gives whole candles, no gap and no double count, when history arrives ${label}`, () => {
      const published = run(joinAfter);
      for (const p of PERIODS) {
        const firstLiveBucket = bucketStart(Math.floor((live[0]?.timeMs ?? 0) / 1000), p);
        const want = aggregate(trades, p).filter((c) => c.time >= firstLiveBucket);
        const got = [...(published.get(p)?.values() ?? [])].sort((a, b) => a.time - b.time);
        expect(got, p).toEqual(want);
      }
    });
  }
});
