import { KvTable } from '../../../components/KvTable';
import type { SessionDetailFieldsFragment } from '../../../gql/graphql';
import { formatMoney, formatUtc } from '../../../lib/format';

const pct = (v: number | null | undefined) => (v == null ? 'instrument default' : `${(v * 100).toPrecision(4)} %`);

/** Parameters after defaults, fees, window and bookkeeping of a session. */
export function ParamsView({ session: s }: { session: SessionDetailFieldsFragment }) {
  const params = (typeof s.params === 'object' && s.params !== null ? s.params : {}) as Record<string, unknown>;
  const rows: [string, string][] = [
    ...Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ['maker fee', pct(s.fees?.makerFee)],
    ['taker fee', pct(s.fees?.takerFee)],
    ['latency', s.fees?.latencyMs == null ? 'default' : `${s.fees.latencyMs} ms`],
    ['initial balance', formatMoney(s.initialBalance, s.settleCurrency)],
  ];
  if (s.rangeFrom) rows.push(['window (UTC)', `${formatUtc(s.rangeFrom, true)} → ${formatUtc(s.rangeTo, true)}`]);
  rows.push(
    ['created (UTC)', formatUtc(s.createdAt)],
    ['started (UTC)', formatUtc(s.startedAt)],
    ['first decision (UTC)', formatUtc(s.firstDecisionAt)],
    ['stopped / completed (UTC)', formatUtc(s.completedAt ?? s.stoppedAt)],
    ['worker', s.workerId ?? '—'],
    ['id', s.id],
  );
  return (
    <section className="detail-section">
      <h3>Parameters and settings</h3>
      <KvTable rows={rows} testId="session-params" />
    </section>
  );
}
