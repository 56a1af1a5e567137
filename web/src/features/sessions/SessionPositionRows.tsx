import { useEffect } from 'react';
import { formatMoney, formatPrice, formatQty, formatUtc } from '../../lib/format';
import type { MarketInfo } from '../../lib/markets';
import { netPositions } from './positions';
import { useFillsFeed } from './useFillsFeed';
import type { SessionRow } from './useLiveSessions';

interface Props {
  session: SessionRow;
  bySymbol: ReadonlyMap<string, MarketInfo>;
  onOpen: (id: string) => void;
  /** Reports how many markets of this session hold an open position. */
  onCount: (id: string, open: number) => void;
}

const MAX_FILLS = 5_000;

/** The open positions of one running session, rebuilt from its fills and kept live by `sessionFills`. */
export function SessionPositionRows({ session, bySymbol, onOpen, onCount }: Props) {
  const feed = useFillsFeed(session.id, { scope: 'all', limit: MAX_FILLS });
  const positions = netPositions(feed.fills, (m) => bySymbol.get(m)?.kind === 'INVERSE');
  const open = positions.filter((p) => p.qty !== 0);
  useEffect(() => onCount(session.id, open.length), [onCount, session.id, open.length]);
  if (feed.error) {
    return (
      <tr>
        <td colSpan={7} className="error-line">
          {session.name}: {feed.error}
        </td>
      </tr>
    );
  }
  return (
    <>
      {open.map((p) => {
        const m = bySymbol.get(p.market);
        return (
          <tr key={`${session.id}-${p.market}`} data-testid="position-row">
            <td>
              <button type="button" className="link" onClick={() => onOpen(session.id)}>
                {session.name}
              </button>
              {feed.truncated && (
                <span className="muted" title={`first ${MAX_FILLS} fills only`}>
                  {' '}
                  *
                </span>
              )}
            </td>
            <td>{p.market}</td>
            <td className={p.qty > 0 ? 'up' : 'down'}>
              {p.qty > 0 ? 'Long ' : 'Short '}
              {formatQty(Math.abs(p.qty), m?.lotSize)}
            </td>
            <td>{p.avgEntry === null ? '—' : formatPrice(p.avgEntry, m?.tickSize ?? 0.01)}</td>
            <td>{p.fills.toLocaleString('en-US')}</td>
            <td>{formatMoney(p.fees, session.settleCurrency)}</td>
            <td className="muted">{formatUtc(p.lastTime)}</td>
          </tr>
        );
      })}
    </>
  );
}
