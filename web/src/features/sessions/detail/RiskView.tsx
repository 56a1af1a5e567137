import { KvTable } from '../../../components/KvTable';
import type { SessionDetailFieldsFragment } from '../../../gql/graphql';
import { formatMoney } from '../../../lib/format';
import { NETWORK_LABEL } from '../../live/accounts';

/**
 * Where the session trades and the limits it runs under (defaults filled in by the API). Paper
 * sessions without limits have none: their orders only ever reach the simulator.
 */
export function RiskView({ session: s }: { session: SessionDetailFieldsFragment }) {
  if (s.mode !== 'TEST' && s.mode !== 'LIVE') return null;
  const cur = s.settleCurrency;
  const r = s.risk;
  const a = s.account;
  const rows: [string, string][] = [
    ['venue', s.venue === 'EXCHANGE' ? 'exchange' : 'paper (simulated fills)'],
    ...(a
      ? ([
          ['account', a.name],
          ['network', a.network === 'MAINNET' ? 'MAINNET — real money' : NETWORK_LABEL[a.network]],
          ['key', a.keyHint],
        ] as [string, string][])
      : []),
  ];
  if (r)
    rows.push(
      ['max position', `${r.maxPosition.toLocaleString('en-US')} contracts`],
      ['max order value', formatMoney(r.maxOrderNotional, cur)],
      ['max orders / min', `${r.maxOrdersPerMinute.toLocaleString('en-US')} (more halts the session)`],
      ['daily loss limit', `${formatMoney(r.dailyLossLimit, cur)} (reaching it halts the session)`],
    );
  return (
    <section className="detail-section">
      <h3>Venue and risk limits</h3>
      <KvTable rows={rows} testId="session-risk" />
      {!r && <p className="muted small">No risk limits: paper orders only reach the simulated venue.</p>}
    </section>
  );
}
