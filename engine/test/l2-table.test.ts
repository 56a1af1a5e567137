import { describe, expect, it } from 'vitest';
import { FALLBACK_TICK_SIZE, type L2BookTable } from '../src/bitmex/l2-table.js';
import type { TableMessage } from '../src/bitmex/messages.js';
import { messages, msg, prices, table } from './support/l2-helpers.js';

/**
 * Independent reconstruction of BitMEX L2 semantics for ONE symbol: a Map keyed by side|id holding
 * the row's price and absolute size; price from the row, else the stored one. Levels at equal
 * prices are summed; sorted best first.
 */
class ReferenceBook {
  private ready = false;
  private readonly rows = new Map<string, { side: string; price: number; size: number }>();
  constructor(private readonly symbol: string) {}

  apply(m: TableMessage): void {
    if (m.action === 'partial') {
      this.ready = true;
      this.rows.clear();
    } else if (!this.ready) return;
    for (const r of m.data) {
      if (r.symbol !== this.symbol) continue;
      const key = `${String(r.side)}|${String(r.id)}`;
      const prev = this.rows.get(key);
      const price = typeof r.price === 'number' ? r.price : prev?.price;
      if (m.action === 'delete' || r.size === 0 || price === undefined) this.rows.delete(key);
      else this.rows.set(key, { side: String(r.side), price, size: Number(r.size) });
    }
  }

  levels(side: 'Buy' | 'Sell'): [number, number][] {
    const byPrice = new Map<number, number>();
    for (const r of this.rows.values()) if (r.side === side) byPrice.set(r.price, (byPrice.get(r.price) ?? 0) + r.size);
    return [...byPrice].sort((a, b) => (side === 'Buy' ? b[0] - a[0] : a[0] - b[0]));
  }
}

function expectSameAsReference(t: L2BookTable, ref: ReferenceBook, symbol: string) {
  expect(prices(t, symbol)).toEqual({ bids: ref.levels('Buy'), asks: ref.levels('Sell') });
}

describe('L2BookTable on recorded BitMEX messages, against an independent reconstruction', () => {
  it('2021 legacy partial/insert/update/delete (no price on update or delete)', () => {
    const t = table();
    const ref = new ReferenceBook('XBTUSD');
    const all = messages('ws_orderBookL2_25_XBTUSD_2021_partial_insert_update_delete.jsonl');
    expect(all.map((m) => m.action)).toEqual(['partial', 'insert', 'update', 'delete']);
    for (const [i, m] of all.entries()) {
      const result = t.apply(m);
      ref.apply(m);
      expect(result).toEqual({ changed: ['XBTUSD'], resync: [], skippedRows: 0, ignored: false });
      expectSameAsReference(t, ref, 'XBTUSD');
      if (i === 2) expect(prices(t, 'XBTUSD').asks.at(-1)).toEqual([36760.5, 36760]); // stored price used
    }
    expect(prices(t, 'XBTUSD')).toEqual({
      bids: [
        [36145, 136],
        [36144, 26],
        [36142, 18067],
      ],
      asks: [
        [36189, 34600],
        [36189.5, 125714],
        [36190, 49900],
      ],
    });
  });

  it('2023-02 partial with timestamps then a price-less update', () => {
    const t = table();
    const ref = new ReferenceBook('XBTUSD');
    for (const m of messages('ws_orderBookL2_25_XBTUSD_2023-02_official_fixture.jsonl')) {
      expect(t.apply(m).resync).toEqual([]);
      ref.apply(m);
      expectSameAsReference(t, ref, 'XBTUSD');
    }
    expect(prices(t, 'XBTUSD')).toEqual({ bids: [[22077.5, 102500]], asks: [[22105, 77300]] });
  });

  it('2023 blog examples: ignored without a partial, applied after one', () => {
    const all = messages('ws_orderBookL2_id_change_2023_blog_examples.jsonl').map((m) => ({
      ...m,
      table: 'orderBookL2',
    }));
    const cold = table();
    for (const m of all) expect(cold.apply(m)).toEqual({ changed: [], resync: [], skippedRows: 0, ignored: true });
    expect(cold.isReady('XBTUSD')).toBe(false);
    expect(cold.book('XBTUSD')).toBeUndefined();

    const t = table();
    const ref = new ReferenceBook('XBTUSD');
    const partial = msg('partial', [], { table: 'orderBookL2', filter: { symbol: 'XBTUSD' } });
    for (const m of [partial, ...all]) {
      expect(t.apply(m).resync).toEqual([]);
      ref.apply(m);
      expectSameAsReference(t, ref, 'XBTUSD');
    }
    expect(prices(t, 'XBTUSD')).toEqual({ bids: [[26902, 32800]], asks: [] }); // the new-id insert
  });

  it('2022 rows with timestamps for two symbols after a whole-table {} partial (unknown symbol in 1e-8 ticks)', () => {
    const all = messages('ws_orderBookL2_2022_with_timestamps.jsonl');
    const t = table();
    for (const m of all) expect(t.apply(m).ignored).toBe(true);
    expect(t.apply(msg('partial', [], { table: 'orderBookL2', filter: {} })).changed).toEqual([]);
    const refs = { ETHUSD: new ReferenceBook('ETHUSD'), ETHUSDM22: new ReferenceBook('ETHUSDM22') };
    for (const ref of Object.values(refs)) ref.apply(msg('partial', []));
    for (const m of all) {
      const result = t.apply(m);
      expect(result.ignored).toBe(false);
      for (const [symbol, ref] of Object.entries(refs)) {
        ref.apply(m);
        expectSameAsReference(t, ref, symbol);
      }
    }
    expect(t.tickSize('ETHUSD')).toBe(0.01);
    expect(t.tickSize('ETHUSDM22')).toBe(FALLBACK_TICK_SIZE);
    expect(t.book('ETHUSDM22')?.levels('ask')).toEqual([[184_335_000_000, 5]]);
    expect(prices(t, 'ETHUSD').bids).toEqual([[1798.2, 93]]);
  });
});
