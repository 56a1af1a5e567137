import { afterEach, describe, expect, it } from 'vitest';
import { listInstruments } from '../src/market/instruments.js';
import { type RunningSimulator, startSimulator } from '../src/simulator/server.js';
import { ClientBook, FeedProbe, isTableFrame } from './support/simulator-probe.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(['XBTUSD', 'ETHUSD', 'XBTUSDT'])('simulator order book for %s', (symbol) => {
  it('rebuilt from orderBookL2 and orderBookL2_25 it never crosses, trades print at the touch, and it equals the book', async () => {
    const sim: RunningSimulator = await startSimulator({
      port: 0,
      seed: 21,
      speed: 20,
      tradesPerSecond: 20,
      instruments: listInstruments(),
      startMs: Date.UTC(2025, 0, 6, 9, 30),
    });
    cleanups.push(() => sim.close());
    const lot = listInstruments().find((i) => i.symbol === symbol)?.lotSize ?? 1;
    const probe = await FeedProbe.connect(sim.url);
    cleanups.push(() => probe.close());
    const full = new ClientBook('orderBookL2', symbol);
    const top = new ClientBook('orderBookL2_25', symbol);
    const problems: string[] = [];
    let trades = 0;
    let topFrames = 0;
    const prices = new Set<number>();

    probe.onFrame((frame) => {
      if (!isTableFrame(frame)) return;
      if (frame.table === 'trade' && frame.action === 'insert') {
        // Prints come before the tick's book deltas: they must hit the book as the client has it.
        const taken = new Map<string, number>();
        for (const row of frame.data) {
          const price = row.price as number;
          const size = row.size as number;
          const buy = row.side === 'Buy';
          const resting = buy ? full.asks : full.bids;
          const touch = resting[0]?.[0];
          if (touch === undefined || (buy ? price < touch : price > touch)) {
            problems.push(`${row.side} print at ${price} inside the touch ${touch}`);
          }
          const key = `${row.side}:${price}`;
          const level = resting.find(([p]) => p === price);
          const used = (taken.get(key) ?? 0) + size;
          taken.set(key, used);
          if (!level || used > level[1]) problems.push(`print ${size}@${price} exceeds the resting ${level?.[1] ?? 0}`);
          if (size % lot !== 0) problems.push(`print size ${size} is not a multiple of the lot`);
          trades += 1;
          prices.add(price);
        }
        return;
      }
      if (full.apply(frame) && full.crossed()) problems.push(`orderBookL2 crossed after ${frame.action}`);
      if (top.apply(frame)) {
        topFrames += 1;
        if (top.crossed()) problems.push(`orderBookL2_25 crossed after ${frame.action}`);
        if (top.bids.length > 25 || top.asks.length > 25) problems.push('orderBookL2_25 holds more than 25 a side');
      }
    });
    probe.subscribe(`orderBookL2:${symbol}`, `orderBookL2_25:${symbol}`, `trade:${symbol}`);
    await probe.until(() => trades >= 300 && topFrames >= 100);
    sim.pause();
    await probe.ping();

    expect(problems.slice(0, 5)).toEqual([]);
    expect(prices.size, 'the traded price moves').toBeGreaterThan(10);
    const book = sim.bookSnapshot(symbol);
    expect(full.bids).toEqual(book.bids);
    expect(full.asks).toEqual(book.asks);
    expect(top.bids).toEqual(book.bids.slice(0, 25));
    expect(top.asks).toEqual(book.asks.slice(0, 25));
    expect(book.bids.length).toBeGreaterThanOrEqual(100);
    expect(book.bids.length).toBeLessThanOrEqual(200);
    expect(book.asks.length).toBeGreaterThanOrEqual(100);
    expect(book.asks.length).toBeLessThanOrEqual(200);
    for (const [, size] of [...book.bids, ...book.asks]) expect(size % lot).toBe(0);
    const [bid] = book.bids[0] ?? [];
    const [ask] = book.asks[0] ?? [];
    expect(bid).toBeLessThan(ask ?? 0);
    // Levels deeper in the book are thicker on average than at the touch.
    const mean = (xs: [number, number][]) => xs.reduce((s, [, q]) => s + q, 0) / xs.length;
    expect(mean(book.bids.slice(-50))).toBeGreaterThan(mean(book.bids.slice(0, 10)));
    // The book sits around the fair price.
    const fair = sim.model.fairPrice(symbol);
    expect(Math.abs(((bid ?? 0) + (ask ?? 0)) / 2 - fair) / fair).toBeLessThan(0.001);
  });
});
