import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useToast } from '../../components/toast-context';
import { formatMoney, formatPrice, formatQty, formatUtc } from '../../lib/format';
import { useMarkets } from '../../lib/markets';
import { FillsFeed } from './FillsFeed';
import { useSelectedSession } from './selection';
import type { FillRow } from './useFillsFeed';
import { useLiveSessions } from './useLiveSessions';

const RUNNING = { status: ['RUNNING' as const, 'STOPPING' as const] };
const LIVE_ONLY = { modes: ['MARKET' as const, 'BACKTEST' as const] };
const SHOW = 100;

/** Recent fills of the selected session, or of every running TEST/LIVE session, newest first, live. */
export function FillsPanel() {
  const { bySymbol } = useMarkets();
  const toast = useToast();
  const selected = useSelectedSession();
  const [scope, setScope] = useState<'selected' | 'running'>('selected');
  const list = useLiveSessions({ filter: RUNNING, exclude: LIVE_ONLY, pageSize: 100 });
  const useSelected = scope === 'selected' && selected.id !== null;
  const ids = useSelected && selected.id ? [selected.id] : list.rows.map((s) => s.id);
  const names = new Map(list.rows.map((s) => [s.id, s]));
  const [byId, setById] = useState<Record<string, readonly FillRow[]>>({});
  const namesRef = useRef(names);
  namesRef.current = names;
  const onFills = useCallback(
    (id: string, fills: readonly FillRow[], error: string | null) => {
      if (error) toast.error(`fills of ${namesRef.current.get(id)?.name ?? id}: ${error}`);
      setById((m) => ({ ...m, [id]: fills }));
    },
    [toast],
  );
  const key = ids.join(',');
  useEffect(() => {
    const keep = new Set(key.split(','));
    setById((m) => Object.fromEntries(Object.entries(m).filter(([id]) => keep.has(id))));
  }, [key]);
  const rows = useMemo(
    () =>
      Object.entries(byId)
        .flatMap(([id, fills]) => fills.map((f) => ({ id, f })))
        .sort((a, b) => Date.parse(String(b.f.time)) - Date.parse(String(a.f.time)) || b.f.seq - a.f.seq)
        .slice(0, SHOW),
    [byId],
  );
  return (
    <div className="fills-panel" data-testid="fills-panel">
      {ids.map((id) => (
        <FillsFeed key={id} id={id} limit={SHOW} onFills={onFills} />
      ))}
      <div className="toolbar">
        <span className="muted">
          {useSelected ? 'Fills of the selected session' : `Fills of ${ids.length} running session(s)`}
        </span>
        {selected.id && (
          <select aria-label="Fills of" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
            <option value="selected">Selected session</option>
            <option value="running">All running</option>
          </select>
        )}
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Session</th>
              <th>Market</th>
              <th>Side</th>
              <th>Price</th>
              <th>Qty</th>
              <th>Fee</th>
              <th>Liquidity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, f }) => {
              const m = bySymbol.get(f.market);
              const s = names.get(id);
              return (
                <tr key={`${id}-${f.seq}`} data-testid="fill-row">
                  <td className="muted">{formatUtc(f.time, true)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => selected.open(id)}>
                      {s?.name ?? id.slice(0, 8)}
                    </button>
                  </td>
                  <td>{f.market}</td>
                  <td className={f.side === 'buy' ? 'up' : 'down'}>{f.side}</td>
                  <td>{formatPrice(f.price, m?.tickSize ?? 0.01)}</td>
                  <td>{formatQty(f.qty, m?.lotSize)}</td>
                  <td>{formatMoney(f.fee, s?.settleCurrency ?? m?.settleCurrency)}</td>
                  <td className="muted">{f.liquidity}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <div className="empty muted">No fills yet.</div>}
      </div>
    </div>
  );
}
