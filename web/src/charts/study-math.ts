/**
 * Chart studies computed from candles: SMA, EMA, Bollinger bands and a daily VWAP. Each study is a
 * pure step function over its own state; {@link StudyRun} feeds it closed bars once and the forming
 * bar as often as it changes (a tick re-computes the last value from the state before that bar, so
 * the live value always equals what a full recomputation would give).
 */

/** The fields of a candle the studies read; `time` = bucket start, unix seconds UTC. */
export interface StudyBar {
  time: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One value per line of the study; null while it has too few bars (warm-up). */
export type StudyValues = readonly (number | null)[];

export interface Study<S> {
  readonly initial: S;
  /** The state after `bar` and the study's values at it. Must not mutate `state`. */
  step(state: S, bar: StudyBar): [S, StudyValues];
}

/** The last `n` closes, oldest first (never mutated: the forming bar re-steps from the same state). */
type Window = readonly number[];

const pushWindow = (w: Window, close: number, n: number): Window =>
  w.length < n ? [...w, close] : [...w.slice(w.length - n + 1), close];

function meanOf(w: Window): number {
  let sum = 0;
  for (const v of w) sum += v;
  return sum / w.length;
}

/** Simple moving average of the last `n` closes. */
export function sma(n: number): Study<Window> {
  return {
    initial: [],
    step(w, bar) {
      const next = pushWindow(w, bar.close, n);
      return [next, [next.length === n ? meanOf(next) : null]];
    },
  };
}

interface EmaState {
  count: number;
  /** Sum of the first closes, for the seed. */
  sum: number;
  ema: number | null;
}

/** Exponential moving average, α = 2/(n+1), seeded with the SMA of the first `n` closes. */
export function ema(n: number): Study<EmaState> {
  const alpha = 2 / (n + 1);
  return {
    initial: { count: 0, sum: 0, ema: null },
    step(s, bar) {
      const count = s.count + 1;
      if (s.ema !== null) {
        const value = s.ema + alpha * (bar.close - s.ema);
        return [{ count, sum: s.sum, ema: value }, [value]];
      }
      const sum = s.sum + bar.close;
      const value = count === n ? sum / n : null;
      return [{ count, sum, ema: value }, [value]];
    },
  };
}

/**
 * Bollinger bands: [middle, upper, lower] = SMA(n) and ± k population standard deviations of the
 * same closes (divided by n, as Bollinger and the engine's SDBot do).
 */
export function bollinger(n: number, k: number): Study<Window> {
  return {
    initial: [],
    step(w, bar) {
      const next = pushWindow(w, bar.close, n);
      if (next.length < n) return [next, [null, null, null]];
      const mean = meanOf(next);
      let sq = 0;
      for (const v of next) sq += (v - mean) ** 2;
      const std = Math.sqrt(sq / n);
      return [next, [mean, mean + k * std, mean - k * std]];
    },
  };
}

interface VwapState {
  /** UTC day number the sums belong to. */
  day: number;
  pv: number;
  volume: number;
}

/**
 * Volume-weighted average of the typical price (H+L+C)/3 since 00:00 UTC of the bar's day; starts
 * again with each UTC day. A day without volume so far shows its typical price.
 */
export function vwap(): Study<VwapState> {
  return {
    initial: { day: Number.NaN, pv: 0, volume: 0 },
    step(s, bar) {
      const day = Math.floor(bar.time / 86_400);
      const typical = (bar.high + bar.low + bar.close) / 3;
      const base = day === s.day ? s : { day, pv: 0, volume: 0 };
      const next = { day, pv: base.pv + typical * bar.volume, volume: base.volume + bar.volume };
      return [next, [next.volume > 0 ? next.pv / next.volume : typical]];
    },
  };
}

/**
 * Runs a study over a stream of bars: a bar with the forming bar's time replaces it, a later one
 * closes it first, an older one is ignored (null).
 */
export class StudyRun<S> {
  private closed: S;
  private forming: { time: number; state: S } | null = null;

  constructor(private readonly study: Study<S>) {
    this.closed = study.initial;
  }

  push(bar: StudyBar): StudyValues | null {
    if (this.forming) {
      if (bar.time < this.forming.time) return null;
      if (bar.time > this.forming.time) this.closed = this.forming.state;
    }
    const [state, values] = this.study.step(this.closed, bar);
    this.forming = { time: bar.time, state };
    return values;
  }
}

/** A study's values over a whole history (ascending bars): one row per bar. */
export function runStudy<S>(study: Study<S>, bars: readonly StudyBar[]): { time: number; values: StudyValues }[] {
  const run = new StudyRun(study);
  const out: { time: number; values: StudyValues }[] = [];
  for (const bar of bars) {
    const values = run.push(bar);
    if (values) out.push({ time: bar.time, values });
  }
  return out;
}
