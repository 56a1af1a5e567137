import { Tabs } from '../../components/Tabs';
import { useUrlParam } from '../../lib/url-state';
import { BacktestsPanel } from '../backtests/BacktestsPanel';
import { AccountsPanel } from '../live/AccountsPanel';
import { FillsPanel } from './FillsPanel';
import { PositionsPanel } from './PositionsPanel';
import { YourBots } from './YourBots';
import './sessions.css';

type Tab = 'positions' | 'bots' | 'fills' | 'backtests' | 'accounts';
const TABS: readonly Tab[] = ['positions', 'bots', 'fills', 'backtests', 'accounts'];

/** The tabs under the chart (BitMEX-style): positions, bots, fills, backtests and exchange accounts; tab in the URL. */
export function BottomPanel() {
  const [tab, setTab] = useUrlParam<Tab>('tab', 'bots', TABS);
  return (
    <section className="bottom-panel panel" data-testid="bottom-panel">
      <Tabs
        label="Trading panels"
        active={tab}
        onChange={setTab}
        items={[
          { id: 'positions', label: 'Positions' },
          { id: 'bots', label: 'Your Bots' },
          { id: 'fills', label: 'Fills' },
          { id: 'backtests', label: 'Backtests' },
          { id: 'accounts', label: 'Accounts' },
        ]}
      />
      <div className="bottom-body" role="tabpanel">
        {tab === 'positions' && <PositionsPanel />}
        {tab === 'bots' && <YourBots />}
        {tab === 'fills' && <FillsPanel />}
        {tab === 'backtests' && <BacktestsPanel />}
        {tab === 'accounts' && <AccountsPanel />}
      </div>
    </section>
  );
}
