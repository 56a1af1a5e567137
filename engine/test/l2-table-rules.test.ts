import { describe, expect, it } from 'vitest';
import type { TableMessage } from '../src/bitmex/messages.js';
import type { Logger } from '../src/log.js';
import { messages, msg, prices, type Row, table } from './support/l2-helpers.js';

const XBT_PARTIAL = messages('ws_orderBookL2_25_XBTUSD_2021_partial_insert_update_delete.jsonl')[0] as TableMessage;
const row = (id: number | string, side: 'Buy' | 'Sell', size?: number, price?: number): Row => ({
  symbol: 'XBTUSD',
  id,
  side,
  ...(size === undefined ? {} : { size }),
  ...(price === undefined ? {} : { price }),
});

describe('L2BookTable rules', () => {
  it('drops deltas before the partial (ignored) and applies them after', () => {
    const t = table();
    expect(t.apply(msg('insert', [row(1, 'Buy', 5, 100)]))).toEqual({
      changed: [],
      resync: [],
      skippedRows: 0,
      ignored: true,
    });
    t.apply(msg('partial', [], { filter: { symbol: 'XBTUSD' } }));
    expect(t.isReady('XBTUSD')).toBe(true);
    expect(t.apply(msg('insert', [row(1, 'Buy', 5, 100)])).ignored).toBe(false);
    expect(prices(t, 'XBTUSD').bids).toEqual([[100, 5]]);
  });

  it('skips and logs malformed rows; the rest of the message still applies', () => {
    const warnings: string[] = [];
    const log: Logger = {
      debug() {},
      info() {},
      warn: (_m, f) => warnings.push(String(f?.reason)),
      error() {},
      child: () => log,
    };
    const t = table(log);
    t.apply(XBT_PARTIAL);
    const result = t.apply(
      msg('insert', [
        row(8796385700, 'Buy', 7, 36143),
        { ...row(1, 'Buy', 1, 100), side: 'Middle' },
        { ...row(2, 'Buy', 1, 100), id: 'abc' },
        row(3, 'Buy', -1, 100),
        row(4, 'Buy', 1.5, 100),
        row(5, 'Buy', 1, -100),
        { id: 6, side: 'Buy', size: 1, price: 100 },
        row(7, 'Buy', undefined, 100), // insert without size
        row(8, 'Buy', 1, 100.05), // not a multiple of XBTUSD's 0.1 tick
      ]),
    );
    expect(result.skippedRows).toBe(8);
    expect(warnings).toHaveLength(8);
    expect(warnings.join('\n')).toMatch(/side/);
    expect(warnings.at(-1)).toMatch(/100\.05 is not a whole number of ticks/);
    expect(prices(t, 'XBTUSD').bids).toContainEqual([36143, 7]);
    expect(t.book('XBTUSD')?.depth('bid')).toBe(4);
  });

  it('derives a legacy price from the id only for a price-less row with an unknown id', () => {
    const t = table();
    t.apply(XBT_PARTIAL);
    // (8800000000 − 8796381150) × 0.01 = 36188.5
    expect(t.apply(msg('update', [row(8796381150, 'Sell', 5)])).resync).toEqual([]);
    expect(prices(t, 'XBTUSD').asks[0]).toEqual([36188.5, 5]);
    // A priced row wins over the formula (this id would derive 36188.5 too, but says 36500).
    t.apply(msg('insert', [row(8796381160, 'Sell', 9, 36500)]));
    expect(prices(t, 'XBTUSD').asks.at(-1)).toEqual([36500, 9]);
    // A 2024-style id gives no valid legacy price: the book cannot place the row → resync.
    expect(t.apply(msg('delete', [row(62400580205, 'Sell')])).resync).toEqual([
      { symbol: 'XBTUSD', reason: 'delete of unknown Sell id 62400580205 without a price' },
    ]);
    // A symbol without a legacy scheme cannot derive either.
    t.apply(msg('partial', [], { filter: {} }));
    const result = t.apply(msg('update', [{ symbol: 'XBTUSDT', id: 1, side: 'Buy', size: 3 }]));
    expect(result.resync).toEqual([{ symbol: 'XBTUSDT', reason: 'update of unknown Buy id 1 without a price' }]);
    expect(t.book('XBTUSDT')?.depth('bid')).toBe(0);
  });

  it('reports an insert of an existing id (once per symbol per message), and applies its size', () => {
    const t = table();
    t.apply(XBT_PARTIAL);
    const result = t.apply(msg('insert', [row(8796385500, 'Buy', 999, 36145), row(8796385600, 'Buy', 5, 36144)]));
    // One entry per symbol: the live caller resubscribes once per entry.
    expect(result.resync).toEqual([{ symbol: 'XBTUSD', reason: 'insert of existing Buy id 8796385500' }]);
    expect(prices(t, 'XBTUSD').bids.slice(0, 2)).toEqual([
      [36145, 999],
      [36144, 5],
    ]);
  });

  it('reports a crossed book once per message and keeps it as the messages say', () => {
    const t = table();
    t.apply(XBT_PARTIAL);
    const result = t.apply(msg('insert', [row(1, 'Buy', 10, 36189.5), row(2, 'Buy', 10, 36190)]));
    expect(result.resync).toEqual([
      { symbol: 'XBTUSD', reason: 'book crossed: best bid 361900 >= best ask 361890 (ticks)' },
    ]);
    expect(t.book('XBTUSD')?.isCrossed()).toBe(true);
    expect(prices(t, 'XBTUSD').bids.slice(0, 2)).toEqual([
      [36190, 10],
      [36189.5, 10],
    ]);
  });

  it('an update to size 0 removes the level; update with a new price moves it', () => {
    const t = table();
    t.apply(XBT_PARTIAL);
    t.apply(msg('update', [row(8796385500, 'Buy', 0)]));
    expect(prices(t, 'XBTUSD').bids[0]).toEqual([36144, 26]);
    t.apply(msg('update', [row(8796385600, 'Buy', 30, 36100)]));
    expect(prices(t, 'XBTUSD').bids).toEqual([
      [36142, 18067],
      [36100, 30],
    ]);
  });

  it('keys by canonical id: numbers, digit strings, leading zeros and ids beyond 2^53', () => {
    const t = table();
    t.apply(XBT_PARTIAL);
    t.apply(msg('delete', [row('08796385500', 'Buy')]));
    expect(prices(t, 'XBTUSD').bids[0]).toEqual([36144, 26]);
    t.apply(msg('insert', [row('98765432109876543210', 'Sell', 4, 40000)]));
    t.apply(msg('update', [row('98765432109876543210', 'Sell', 6)]));
    expect(prices(t, 'XBTUSD').asks.at(-1)).toEqual([40000, 6]);
    t.apply(msg('delete', [row('98765432109876543210', 'Sell')]));
    expect(t.book('XBTUSD')?.depth('ask')).toBe(3);
  });

  it('sums ids that share a price, and deleting one leaves the other', () => {
    const t = table();
    t.apply(msg('partial', [row(1, 'Buy', 5, 100), row(2, 'Buy', 7, 100)], { filter: { symbol: 'XBTUSD' } }));
    expect(prices(t, 'XBTUSD').bids).toEqual([[100, 12]]);
    t.apply(msg('delete', [row(1, 'Buy', undefined, 100)]));
    expect(prices(t, 'XBTUSD').bids).toEqual([[100, 7]]);
  });

  it('a {symbol} partial replaces only that symbol; a {} partial replaces all and readies every symbol', () => {
    const t = table();
    t.apply(XBT_PARTIAL); // no filter (stripped by the recorder): replaces the symbols its rows name
    t.apply(
      msg('partial', [{ symbol: 'ETHUSD', id: 1, side: 'Buy', size: 1, price: 1800 }], {
        filter: { symbol: 'ETHUSD' },
      }),
    );
    expect(t.book('XBTUSD')?.depth('bid')).toBe(3);
    expect(t.isReady('XBTUSDT')).toBe(false);
    const result = t.apply(
      msg('partial', [{ symbol: 'ETHUSD', id: 2, side: 'Sell', size: 2, price: 1900 }], { filter: {} }),
    );
    expect(result.changed.sort()).toEqual(['ETHUSD', 'XBTUSD']);
    expect(prices(t, 'ETHUSD')).toEqual({ bids: [], asks: [[1900, 2]] });
    expect(t.book('XBTUSD')?.depth('bid')).toBe(0);
    expect(t.isReady('XBTUSDT')).toBe(true);
    t.apply(msg('insert', [{ symbol: 'XBTUSDT', id: 9, side: 'Buy', size: 1000, price: 60000.5 }]));
    expect(prices(t, 'XBTUSDT').bids).toEqual([[60000.5, 1000]]);
  });

  it('skips rows of another symbol inside a {symbol} partial', () => {
    const t = table();
    const result = t.apply(
      msg('partial', [row(1, 'Buy', 1, 100), { symbol: 'ETHUSD', id: 1, side: 'Buy', size: 1, price: 1 }], {
        filter: { symbol: 'XBTUSD' },
      }),
    );
    expect(result.skippedRows).toBe(1);
    expect(t.book('ETHUSD')).toBeUndefined();
    expect(prices(t, 'XBTUSD').bids).toEqual([[100, 1]]);
  });

  it('reset(symbol) and reset() forget state until the next partial', () => {
    const t = table();
    t.apply(msg('partial', [], { filter: {} }));
    t.apply(XBT_PARTIAL);
    t.reset('XBTUSD');
    expect(t.isReady('XBTUSD')).toBe(false);
    expect(t.isReady('ETHUSD')).toBe(true);
    expect(t.book('XBTUSD')).toBeUndefined();
    expect(t.apply(msg('insert', [row(1, 'Buy', 1, 100)])).ignored).toBe(true);
    t.apply(XBT_PARTIAL);
    expect(t.isReady('XBTUSD')).toBe(true);
    t.reset();
    expect([t.isReady('XBTUSD'), t.isReady('ETHUSD'), t.book('XBTUSD')]).toEqual([false, false, undefined]);
  });

  it('refuses tables it does not maintain', () => {
    expect(() => table().apply({ table: 'trade', action: 'partial', data: [] })).toThrow(/cannot apply table 'trade'/);
  });
});
