import type { ReactNode } from 'react';
import type { Period } from '../../gql/graphql';
import { formatPrice } from '../../lib/format';
import { useConnectionStatus } from '../../lib/urql';
import { HealthLine } from './HealthLine';
import { type LastBarStore, useLastBar } from './last-bar';

export const PERIODS: readonly Period[] = ['M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1'];
const PERIOD_LABEL: Record<Period, string> = { M1: '1m', M5: '5m', M15: '15m', H1: '1h', H4: '4h', D1: '1D', W1: '1W' };

interface Props {
  markets: readonly { symbol: string; kind: string; settleCurrency: string }[];
  market: string;
  period: Period;
  tickSize: number;
  lastBar: LastBarStore;
  onMarket: (symbol: string) => void;
  onPeriod: (period: Period) => void;
  /** Page-wide controls at the right end (the kill switch). */
  actions?: ReactNode;
}

/** Instrument, last price, market and period pickers, and the real connection state. */
export function MarketHeader({ markets, market, period, tickSize, lastBar, onMarket, onPeriod, actions }: Props) {
  const status = useConnectionStatus();
  const info = markets.find((m) => m.symbol === market);
  return (
    <header className="trading-header">
      <div className="instrument">
        <select aria-label="Market" value={market} onChange={(e) => onMarket(e.target.value)}>
          {markets.map((m) => (
            <option key={m.symbol} value={m.symbol}>
              {m.symbol}
            </option>
          ))}
        </select>
        {info && (
          <span className="badge">
            {info.kind.toLowerCase()} · settles {info.settleCurrency}
          </span>
        )}
      </div>
      <LastPrice store={lastBar} tickSize={tickSize} />
      <fieldset className="periods" aria-label="Candle period">
        {PERIODS.map((p) => (
          <button key={p} type="button" className={p === period ? 'active' : ''} onClick={() => onPeriod(p)}>
            {PERIOD_LABEL[p]}
          </button>
        ))}
      </fieldset>
      <div className="spacer" />
      <HealthLine />
      <span className={`live ${status}`} data-testid="connection-status" title="graphql-ws connection">
        ● {status === 'connected' ? 'LIVE' : status === 'connecting' ? 'CONNECTING' : 'RECONNECTING'}
      </span>
      {actions}
    </header>
  );
}

/** The big last price, coloured by the forming bar; the only part of the header a trade re-renders. */
function LastPrice({ store, tickSize }: { store: LastBarStore; tickSize: number }) {
  const last = useLastBar(store);
  const up = last ? last.close >= last.open : true;
  return (
    <div className={`last-price ${up ? 'up' : 'down'}`} data-testid="last-price">
      {last ? formatPrice(last.close, tickSize) : '—'}
    </div>
  );
}
