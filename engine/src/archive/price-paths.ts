import { TICK_MS } from '../simulator/model.js';
import { DrivingPrice, START_XBT, startRatio, stepRatio } from '../simulator/price-process.js';
import { Rng } from '../simulator/rng.js';

/** Per-second underlying prices over a time range, from the simulator's price process. */
export interface PricePaths {
  fromMs: number;
  /** Number of whole seconds covered; arrays hold `seconds + 1` samples (both ends). */
  seconds: number;
  /** Underlying → price at `fromMs + i s`, quote currency. */
  prices: Map<string, Float64Array>;
  /** Variance per second of the XBT log price at each second: activity follows it. */
  variance: Float32Array;
}

/**
 * Steps the live simulator's driving process ({@link DrivingPrice}, 100 ms steps as in model.ts)
 * across [fromMs, toMs] and samples it once a second. The path is then scaled to end where the live
 * simulator starts (XBT {@link START_XBT}, each ratio at its start value), so history runs into the
 * live market without a jump. Deterministic for a seed.
 */
export function simulatePaths(seed: number, fromMs: number, toMs: number, underlyings: readonly string[]): PricePaths {
  const seconds = Math.max(1, Math.ceil((toMs - fromMs) / 1000));
  const rng = Rng.stream(seed, 7_001);
  const driver = new DrivingPrice(START_XBT);
  const ratios = underlyings.filter((u) => u !== 'XBT').map((u) => ({ u, ratio: startRatio(u) }));
  const xbt = new Float64Array(seconds + 1);
  const ratioPaths = new Map(ratios.map((r) => [r.u, new Float64Array(seconds + 1)]));
  const variance = new Float32Array(seconds + 1);
  const stepsPerSecond = 1000 / TICK_MS;
  const dtSec = TICK_MS / 1000;
  for (let i = 0; i <= seconds; i++) {
    xbt[i] = driver.price;
    variance[i] = driver.variance;
    for (const r of ratios) (ratioPaths.get(r.u) as Float64Array)[i] = r.ratio;
    if (i === seconds) break;
    for (let s = 0; s < stepsPerSecond; s++) driver.step(rng, dtSec);
    // A Gaussian log random walk: one 1 s step has the law of ten 100 ms steps.
    for (const r of ratios) r.ratio = stepRatio(r.ratio, rng, 1);
  }
  scaleToEnd(xbt, START_XBT);
  const prices = new Map<string, Float64Array>();
  for (const u of underlyings) {
    if (u === 'XBT') {
      prices.set(u, xbt);
      continue;
    }
    const ratio = ratioPaths.get(u) as Float64Array;
    scaleToEnd(ratio, startRatio(u));
    prices.set(
      u,
      ratio.map((r, i) => r * (xbt[i] ?? START_XBT)),
    );
  }
  return { fromMs, seconds, prices, variance };
}

/** Multiplies a path so its last sample is `end` (log returns unchanged). */
function scaleToEnd(path: Float64Array, end: number): void {
  const k = end / (path[path.length - 1] ?? end);
  for (let i = 0; i < path.length; i++) path[i] = (path[i] ?? 0) * k;
}
