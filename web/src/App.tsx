import { useState } from 'react';
import { KillSwitchButton } from './features/live/KillSwitchButton';
import { CandleChart } from './features/market/CandleChart';
import { LastBarStore } from './features/market/last-bar';
import { MarketHeader, PERIODS } from './features/market/MarketHeader';
import { OrderBookPanel } from './features/market/OrderBookPanel';
import { TickerStats } from './features/market/TickerStats';
import { TradesTape } from './features/market/TradesTape';
import { BottomPanel } from './features/sessions/BottomPanel';
import { SessionDrawer } from './features/sessions/SessionDrawer';
import type { Period } from './gql/graphql';
import { useMarkets } from './lib/markets';
import { useUrlParam } from './lib/url-state';

/**
 * The live trading screen: header, chart with book and trades, then the session tabs below; the
 * session drawer opens over it. Market, period, tab and session live in the URL.
 */
export function App() {
  const [market, setMarket] = useUrlParam<string>('market', 'XBTUSD');
  const [period, setPeriod] = useUrlParam<Period>('period', 'M1', PERIODS);
  // The newest bar reaches the header and the OHLC readout without re-rendering the page per trade.
  const [lastBar] = useState(() => new LastBarStore());
  const { markets, error } = useMarkets();
  const info = markets.find((m) => m.symbol === market);
  const tickSize = info?.tickSize ?? 0.01;

  return (
    <div className="app">
      <MarketHeader
        markets={markets}
        market={market}
        period={period}
        tickSize={tickSize}
        lastBar={lastBar}
        onMarket={setMarket}
        onPeriod={setPeriod}
        actions={<KillSwitchButton />}
      />
      {info && <TickerStats market={market} tickSize={tickSize} settleCurrency={info.settleCurrency} />}
      {error &&
        (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ? (
          <div className="error-line" data-testid="sign-in-needed">
            Not signed in: open the Dashboard link `npm start` printed (it ends in /auth/signin?key=…), or create a key
            with `npx hm apikey create --scope control` and open /auth/signin?key=YOUR_KEY.
          </div>
        ) : (
          <div className="error-line">cannot load markets: {error.message}</div>
        ))}
      <main className="trading-main">
        <CandleChart market={market} period={period} tickSize={tickSize} lastBar={lastBar} />
        <aside className="side-panel">
          <OrderBookPanel market={market} tickSize={tickSize} />
          <TradesTape market={market} tickSize={tickSize} />
        </aside>
      </main>
      <BottomPanel />
      <footer>HM Trading · times in UTC</footer>
      <SessionDrawer />
    </div>
  );
}
