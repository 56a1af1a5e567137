import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { CandleChart } from '../../../charts/candle-chart';
import { TradeMarkerLayer } from '../../../charts/marker-layer';
import type { MarkerTrip } from '../../../charts/trade-markers';
import { formatMoney } from '../../../lib/format';
import { useStream } from '../../../lib/use-stream';
import { isActive, toMs } from '../../sessions/session-model';
import { SessionChartTripsQuery, SessionChartUpdates } from './documents';

export interface TripsSession {
  id: string;
  status: string;
  settleCurrency: string | null;
  roundTripCount: number;
}

/** Round trips read for markers at most (the newest ones are what a live chart shows). */
const MAX_TRIPS = 20_000;
const PAGE = 500;

/**
 * The session's round trips on `market` as entry/exit markers. Read page by page after the last
 * cursor (round trips only ever append, in `seq` order), again whenever the session reports more
 * of them; the markers go when the selection does.
 */
export function useRoundTripMarkers(chart: CandleChart | null, session: TripsSession | null, market: string) {
  const client = useClient();
  const id = session?.id ?? '';
  // What is read belongs to one session on one market (the other market's trips are skipped).
  const key = id ? `${id}|${market}` : '';
  const [trips, setTrips] = useState<{ key: string; rows: MarkerTrip[] }>({ key: '', rows: NONE });
  const [count, setCount] = useState(0);
  const cursor = useRef<{ key: string; after: string | null }>({ key: '', after: null });

  useStream(SessionChartUpdates, { id }, (d) => setCount(d.sessionUpdated.roundTripCount), {
    pause: !session || !isActive(session.status),
  });
  const known = Math.max(count, session?.roundTripCount ?? 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `known` going up means more to read
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    if (cursor.current.key !== key) cursor.current = { key, after: null };
    (async () => {
      for (let read = 0; read < MAX_TRIPS; read += PAGE) {
        const after = cursor.current.after;
        const r = await client
          .query(SessionChartTripsQuery, { id, first: PAGE, after }, { requestPolicy: 'network-only' })
          .toPromise();
        const conn = r.data?.session?.roundTrips;
        if (cancelled || !conn) return;
        const page = conn.edges
          .map(({ node: t }) => ({
            seq: t.seq,
            market: t.market,
            side: t.side,
            entryMs: toMs(t.entryTime) ?? 0,
            exitMs: toMs(t.exitTime) ?? 0,
            pnl: t.pnl,
          }))
          .filter((t) => t.market === market);
        if (conn.pageInfo.endCursor) cursor.current = { key, after: conn.pageInfo.endCursor };
        setTrips((prev) => {
          const rows = prev.key === key ? prev.rows : NONE;
          const last = rows.at(-1)?.seq ?? -1;
          const fresh = page.filter((t) => t.seq > last);
          // Nothing new on this market: the same state, no redraw of the markers.
          return fresh.length === 0 && prev.key === key ? prev : { key, rows: [...rows, ...fresh] };
        });
        if (!conn.pageInfo.hasNextPage) return;
      }
    })().catch(() => {
      // Markers are an extra on the chart: a failed read leaves the ones shown; the next count retries.
    });
    return () => {
      cancelled = true;
    };
  }, [client, id, key, market, known]);

  const rows = trips.key === key ? trips.rows : NONE;
  const shown = useRef(rows);
  shown.current = rows;
  const currency = session?.settleCurrency ?? null;
  const layer = useRef<TradeMarkerLayer | null>(null);
  useEffect(() => {
    if (!chart || !key) return;
    const l = new TradeMarkerLayer(chart, (pnl) => formatMoney(pnl, currency, { signed: true, unit: false }));
    l.set(shown.current);
    layer.current = l;
    return () => {
      l.remove();
      layer.current = null;
    };
  }, [chart, key, currency]);
  useEffect(() => {
    layer.current?.set(rows);
  }, [rows]);
  return rows.length;
}

const NONE: MarkerTrip[] = [];
