import { expect, it } from 'vitest';
import type { Bar } from './candle-chart.js';
import { type HistorySurface, NEAR_EDGE_BARS, OlderHistoryLoader } from './older-history.js';

const bar = (time: number): Bar => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 1 });

/** A chart stand-in: bars, a visible range the test moves, and the prepend the loader calls. */
function surface(times: number[], from = 500) {
  let bars = times.map(bar);
  let range = { from, to: from + 100 };
  const listeners = new Set<() => void>();
  const s: HistorySurface & { bars: () => Bar[]; scrollTo: (from: number) => void; reload: (t: number[]) => void } = {
    firstBarTime: () => bars[0]?.time ?? null,
    prepend: (older) => {
      const first = bars[0]?.time ?? Number.POSITIVE_INFINITY;
      const add = older.filter((b) => b.time < first);
      bars = [...add, ...bars];
      // Like the chart: the same bars stay in view, their indexes shift by the bars added.
      range = { from: range.from + add.length, to: range.to + add.length };
      return add.length;
    },
    visibleRange: () => range,
    onVisibleRangeChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    bars: () => bars,
    scrollTo: (f) => {
      range = { from: f, to: f + 100 };
      for (const l of listeners) l();
    },
    reload: (t) => {
      bars = t.map(bar);
    },
  };
  return s;
}

/** An archive of one bar a minute from `start`; answers like `candles(to, limit)`: the newest `limit` before `to`. */
function archive(start: number, limit: number) {
  const calls: number[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const fetch = async (before: number) => {
    calls.push(before);
    if (hold) await new Promise<void>((r) => (release = r));
    const out: Bar[] = [];
    for (let t = before - 60; t >= start && out.length < limit; t -= 60) out.unshift(bar(t));
    return out;
  };
  return {
    fetch,
    calls,
    hold: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

const minutes = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i * 60);

it('loads the page before the oldest bar only when the view nears it', async () => {
  const chart = surface(minutes(60_000, 10));
  const api = archive(0, 5);
  const loader = new OlderHistoryLoader(chart, api.fetch);
  chart.scrollTo(NEAR_EDGE_BARS + 10);
  expect(api.calls).toEqual([]);
  chart.scrollTo(NEAR_EDGE_BARS - 1);
  await expect.poll(() => chart.bars().length).toBe(15);
  expect(api.calls).toEqual([60_000]);
  expect(chart.firstBarTime()).toBe(60_000 - 5 * 60);
  loader.dispose();
});

it('sends one request at a time however often the view moves', async () => {
  const chart = surface(minutes(60_000, 10), 0);
  const api = archive(60_000 - 5 * 60, 5);
  api.hold();
  const loader = new OlderHistoryLoader(chart, api.fetch);
  for (let i = 0; i < 5; i++) chart.scrollTo(i);
  expect(api.calls).toHaveLength(1);
  api.release();
  await expect.poll(() => chart.bars().length).toBe(15);
  // Still at the edge: one more request, which finds nothing older.
  await expect.poll(() => api.calls).toEqual([60_000, 60_000 - 5 * 60]);
  loader.dispose();
});

it('goes on while the view stays at the edge, and stops for good at the start of the archive', async () => {
  const start = 60_000 - 12 * 60;
  const chart = surface(minutes(60_000, 10), -20);
  const api = archive(start, 5);
  const loader = new OlderHistoryLoader(chart, api.fetch);
  // Pages of 5, 5 and 2; the shifted view is still near the edge after each, then nothing is older.
  await loader.loadOlder();
  await expect.poll(() => api.calls.length).toBe(4);
  expect(chart.firstBarTime()).toBe(start);
  expect(chart.bars()).toHaveLength(22);
  chart.scrollTo(0);
  chart.scrollTo(1);
  expect(await loader.loadOlder()).toBe(0);
  expect(api.calls, 'never asked again for the same oldest bar').toHaveLength(4);
  loader.dispose();
});

it('drops an answer that arrives after the chart changed, and stops listening when disposed', async () => {
  const chart = surface(minutes(60_000, 10), 0);
  const api = archive(0, 5);
  api.hold();
  const errors: unknown[] = [];
  const loader = new OlderHistoryLoader(chart, api.fetch, (e) => errors.push(e));
  const pending = loader.loadOlder();
  chart.reload(minutes(90_000, 3)); // another period or market: its own, newer bars
  api.release();
  expect(await pending).toBe(0);
  expect(chart.bars()).toHaveLength(3);
  loader.dispose();
  chart.scrollTo(0);
  expect(api.calls).toHaveLength(1);
  expect(errors).toEqual([]);
});

it('reports a failed request and tries again on the next scroll', async () => {
  const chart = surface(minutes(60_000, 10), 0);
  let fail = true;
  const errors: unknown[] = [];
  const loader = new OlderHistoryLoader(
    chart,
    async (before) => {
      if (fail) throw new Error('network down');
      return [bar(before - 60)];
    },
    (e) => errors.push(e),
  );
  expect(await loader.loadOlder()).toBe(0);
  expect(errors).toEqual([new Error('network down')]);
  fail = false;
  chart.scrollTo(1);
  await expect.poll(() => chart.bars().length).toBeGreaterThan(10);
  loader.dispose();
});
