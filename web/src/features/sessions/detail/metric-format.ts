import { formatDecimal, formatDuration, formatMoney, formatNumber, formatPct } from '../../../lib/format';
import type { MetricFormat } from '../compare/metrics-compare';

/** A metric value for display, by its kind: money in the settlement currency, shares as %. */
export function formatMetric(
  format: MetricFormat,
  value: number | null,
  currency: string | null,
  signed = false,
): string {
  if (value === null) return '—';
  switch (format) {
    case 'money':
      return formatMoney(value, currency, { signed });
    case 'pct':
      return formatPct(value, 2, signed);
    case 'share':
      return formatPct(value * 100, 1, signed);
    case 'count':
      return formatDecimal(value, 0, 0, { signed });
    case 'duration':
      // Shown to the second: a difference under one second is 00:00:00, without a sign.
      return `${signed && value <= -1000 ? '-' : ''}${formatDuration(Math.abs(value))}`;
    default:
      return formatNumber(value, 2, signed);
  }
}
