import { signClass } from '../../../lib/format';
import { formatMetric } from '../detail/metric-format';
import { compareMetrics } from './metrics-compare';

interface Props {
  a: Record<string, unknown> | null;
  b: Record<string, unknown> | null;
  currency: string | null;
  labels: [string, string];
}

/** Both runs' metrics side by side, the difference (B − A), and which ones disagree (> 1 %). */
export function MetricsCompare({ a, b, currency, labels }: Props) {
  const rows = compareMetrics(a, b);
  const differing = rows.filter((r) => !r.same).length;
  return (
    <section className="detail-section">
      <h3>
        Metrics · {rows.length - differing} agree, {differing} differ
      </h3>
      <div className="table-scroll">
        <table className="data-table compare-table" data-testid="metrics-compare">
          <thead>
            <tr>
              <th>Metric</th>
              <th>A · {labels[0]}</th>
              <th>B · {labels[1]}</th>
              <th>B − A</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.same ? '' : 'diverges'} data-testid="metric-compare-row" data-same={r.same}>
                <td>{r.label}</td>
                <td>{formatMetric(r.format, r.a, currency)}</td>
                <td>{formatMetric(r.format, r.b, currency)}</td>
                <td className={signClass(r.diff)}>
                  {r.diff === null ? '—' : formatMetric(r.format, r.diff, currency, true)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
