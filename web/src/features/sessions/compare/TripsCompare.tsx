import { useState } from 'react';
import { formatMoney, formatNumber, formatPrice, formatQty, formatUtc, signClass } from '../../../lib/format';
import { useMarkets } from '../../../lib/markets';
import type { TripRow } from '../detail/fetch-round-trips';
import { DEFAULT_TOLERANCE, matchRoundTrips, summarize } from './match-trips';

interface Props {
  a: readonly TripRow[];
  b: readonly TripRow[];
  currency: string | null;
}

type Show = 'all' | 'divergent' | 'unmatched';

const secs = (ms: number | null) => (ms === null ? '—' : `${formatNumber(ms / 1000, 1, true)} s`);

/** Trade-by-trade: A's and B's round trips paired by market, side and nearest entry time. */
export function TripsCompare({ a, b, currency }: Props) {
  const { bySymbol } = useMarkets();
  const [show, setShow] = useState<Show>('all');
  const rows = matchRoundTrips(a, b);
  const sum = summarize(rows);
  const shown = rows.filter((r) => (show === 'all' ? true : show === 'unmatched' ? !(r.a && r.b) : r.divergent));
  const money = (v: number | null | undefined) =>
    v == null ? '—' : formatMoney(v, currency, { signed: true, unit: false });
  return (
    <section className="detail-section">
      <header className="section-header">
        <h3 data-testid="trips-summary">
          Round trips · {sum.identical} match, {sum.divergent} diverge, {sum.onlyA} only in A, {sum.onlyB} only in B
        </h3>
        <select aria-label="Show trips" value={show} onChange={(e) => setShow(e.target.value as Show)}>
          <option value="all">All</option>
          <option value="divergent">Divergences and unmatched</option>
          <option value="unmatched">Unmatched only</option>
        </select>
      </header>
      <p className="muted small">
        Paired within {DEFAULT_TOLERANCE.maxGapMs / 1000} s of entry; flagged beyond {DEFAULT_TOLERANCE.timeMs / 1000}{' '}
        s, {DEFAULT_TOLERANCE.priceRel * 100} % in price or {DEFAULT_TOLERANCE.pnlRel * 100} % in P&L.
      </p>
      <div className="table-scroll">
        <table className="data-table compare-table" data-testid="trips-compare">
          <thead>
            <tr>
              <th>Market · side</th>
              <th>Entry A (UTC)</th>
              <th>Δ entry</th>
              <th>Qty A / B</th>
              <th>Entry px A / B</th>
              <th>Exit px A / B</th>
              <th>P&L A</th>
              <th>P&L B</th>
              <th>Δ P&L</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const t = r.a ?? r.b;
              if (!t) return null;
              const tick = bySymbol.get(t.market)?.tickSize ?? 0.01;
              const lot = bySymbol.get(t.market)?.lotSize;
              const px = (v: number | undefined) => (v === undefined ? '—' : formatPrice(v, tick));
              const d = r.diverges;
              const kind = !r.a ? 'only-b' : !r.b ? 'only-a' : r.divergent ? 'diverges' : 'matches';
              return (
                <tr
                  key={`${r.a?.seq ?? 'x'}-${r.b?.seq ?? 'x'}`}
                  className={kind}
                  data-testid="trip-match"
                  data-kind={kind}
                >
                  <td>
                    {t.market} · {t.side}
                    {kind === 'only-a' && <span className="tag">only A</span>}
                    {kind === 'only-b' && <span className="tag">only B</span>}
                  </td>
                  <td>{formatUtc(r.a?.entryTime ?? r.b?.entryTime)}</td>
                  <td className={d.time ? 'flag' : ''}>{secs(r.entryDtMs)}</td>
                  <td className={d.qty ? 'flag' : ''}>
                    {r.a ? formatQty(r.a.qty, lot) : '—'} / {r.b ? formatQty(r.b.qty, lot) : '—'}
                  </td>
                  <td className={d.price ? 'flag' : ''}>
                    {px(r.a?.entryPrice)} / {px(r.b?.entryPrice)}
                  </td>
                  <td className={d.price ? 'flag' : ''}>
                    {px(r.a?.exitPrice)} / {px(r.b?.exitPrice)}
                  </td>
                  <td className={signClass(r.a?.pnl)}>{money(r.a?.pnl)}</td>
                  <td className={signClass(r.b?.pnl)}>{money(r.b?.pnl)}</td>
                  <td className={d.pnl ? 'flag' : ''}>{money(r.pnlDiff)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <div className="empty muted">Neither run has a round trip.</div>}
      </div>
    </section>
  );
}
