import { useEffect, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Pager } from '../../../components/Pager';
import { useToast } from '../../../components/toast-context';
import { downloadText } from '../../../lib/download';
import { formatDuration, formatMoney, formatPrice, formatQty, formatUtc, signClass } from '../../../lib/format';
import { useMarkets } from '../../../lib/markets';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { toMs } from '../session-model';
import { SessionRoundTripsQuery } from './documents';
import { fetchAllRoundTrips } from './fetch-round-trips';
import { csvFileName, roundTripsCsv } from './round-trips-csv';

interface Props {
  session: { id: string; name: string; roundTripCount: number; settleCurrency: string | null };
}

const PAGE = 50;

/** The run's round trips, paged, prices at the instrument's tick; CSV export of all of them. */
export function RoundTripsTable({ session }: Props) {
  const client = useClient();
  const toast = useToast();
  const { bySymbol } = useMarkets();
  const pages = useCursorPages();
  const [exporting, setExporting] = useState(false);
  const [result, reexecute] = useQuery({
    query: SessionRoundTripsQuery,
    variables: { id: session.id, first: PAGE, after: pages.after },
    requestPolicy: 'cache-and-network',
  });
  // A new round trip was pushed (count changed): refresh the page shown.
  const lastCount = useRef(session.roundTripCount);
  useEffect(() => {
    if (lastCount.current === session.roundTripCount) return;
    lastCount.current = session.roundTripCount;
    reexecute({ requestPolicy: 'network-only' });
  }, [session.roundTripCount, reexecute]);
  const conn = result.data?.session?.roundTrips;
  const exportCsv = async () => {
    setExporting(true);
    try {
      const { trips, truncated } = await fetchAllRoundTrips(client, session.id);
      downloadText(csvFileName(session.name, session.id), roundTripsCsv(trips, session.settleCurrency));
      if (truncated) toast.info(`Exported the first ${trips.length.toLocaleString('en-US')} round trips`);
    } catch (e) {
      toast.error(`CSV export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="detail-section">
      <header className="section-header">
        <h3>Round trips ({conn?.totalCount ?? session.roundTripCount})</h3>
        <button
          type="button"
          className="btn"
          onClick={() => void exportCsv()}
          disabled={exporting || !conn?.totalCount}
          data-testid="export-csv"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </header>
      {result.error && <div className="error-line">{result.error.message}</div>}
      <div className="table-scroll">
        <table className="data-table" data-testid="round-trips">
          <thead>
            <tr>
              <th>#</th>
              <th>Market</th>
              <th>Side</th>
              <th>Qty</th>
              <th>Entry (UTC)</th>
              <th>Exit (UTC)</th>
              <th>Held</th>
              <th>Entry px</th>
              <th>Exit px</th>
              <th>P&L</th>
              <th>Fees</th>
              <th>Funding</th>
            </tr>
          </thead>
          <tbody>
            {(conn?.edges ?? []).map(({ node: t }) => {
              const m = bySymbol.get(t.market);
              const tick = m?.tickSize ?? 0.01;
              const held = (toMs(t.exitTime) ?? 0) - (toMs(t.entryTime) ?? 0);
              return (
                <tr key={t.seq} data-testid="round-trip-row">
                  <td>{t.seq + 1}</td>
                  <td>{t.market}</td>
                  <td className={t.side === 'long' ? 'up' : 'down'}>{t.side}</td>
                  <td>{formatQty(t.qty, m?.lotSize)}</td>
                  <td>{formatUtc(t.entryTime)}</td>
                  <td>{formatUtc(t.exitTime)}</td>
                  <td>{formatDuration(held)}</td>
                  <td>{formatPrice(t.entryPrice, tick)}</td>
                  <td>{formatPrice(t.exitPrice, tick)}</td>
                  <td className={signClass(t.pnl)}>
                    {formatMoney(t.pnl, session.settleCurrency, { signed: true, unit: false })}
                  </td>
                  <td>{formatMoney(t.fees, session.settleCurrency, { unit: false })}</td>
                  <td>{formatMoney(t.funding, session.settleCurrency, { unit: false })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {conn && conn.edges.length === 0 && <div className="empty muted">No round trip yet.</div>}
      </div>
      <Pager
        page={pages.page}
        pageSize={PAGE}
        total={conn?.totalCount ?? 0}
        hasNext={conn?.pageInfo.hasNextPage ?? false}
        onPrev={pages.prev}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
      />
    </section>
  );
}
