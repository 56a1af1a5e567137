import { useEffect } from 'react';
import { useQuery } from 'urql';
import { formatUtc } from '../../../lib/format';
import { ArchiveCoverageQuery } from '../../backtests/documents';
import { toMs } from '../session-model';
import { toUtcInput } from './create-input';
import { FormField } from './FormField';
import { UtcTimeInput } from './UtcTimeInput';

interface Props {
  market: string;
  from: string;
  to: string;
  errors: Record<string, string>;
  onChange: (from: string, to: string) => void;
}

const SIX_HOURS = 6 * 3_600_000;

/** The backtest window as two typed 24-hour UTC instants, with the archive's coverage of the market. */
export function BacktestRangeFields({ market, from, to, errors, onChange }: Props) {
  // Re-read on every opening: the archive grows while the page is open (collector, generation).
  const [{ data, error }] = useQuery({
    query: ArchiveCoverageQuery,
    variables: { market },
    pause: !market,
    requestPolicy: 'cache-and-network',
  });
  const info = data?.archiveInfo;
  const start = toMs(info?.from);
  const end = toMs(info?.to);
  const lastHours = () => {
    if (start === null || end === null) return;
    const stop = Math.ceil(end / 60_000) * 60_000;
    onChange(toUtcInput(Math.max(start, stop - SIX_HOURS)), toUtcInput(stop));
  };
  // Prefill the last six archived hours once the coverage is known and nothing was typed yet.
  useEffect(() => {
    if (from || to || start === null || end === null) return;
    const stop = Math.ceil(end / 60_000) * 60_000;
    onChange(toUtcInput(Math.max(start, stop - SIX_HOURS)), toUtcInput(stop));
  }, [from, to, start, end, onChange]);
  return (
    <fieldset className="range-fields">
      <legend>Backtest window (UTC)</legend>
      <div className="form-row">
        <FormField label="From (UTC)" htmlFor="range-from" field="rangeFrom" error={errors.rangeFrom}>
          <UtcTimeInput id="range-from" value={from} invalid={!!errors.rangeFrom} onChange={(v) => onChange(v, to)} />
        </FormField>
        <FormField label="To (UTC, exclusive)" htmlFor="range-to" field="rangeTo" error={errors.rangeTo}>
          <UtcTimeInput id="range-to" value={to} invalid={!!errors.rangeTo} onChange={(v) => onChange(from, v)} />
        </FormField>
      </div>
      <p className="help muted">
        {error
          ? `archive coverage unknown: ${error.message}`
          : info
            ? `${market} archive: ${formatUtc(info.from)} → ${formatUtc(info.to)} UTC `
            : market
              ? `no archived trades for ${market} yet`
              : 'pick a market to see the archive’s coverage'}
        {info && (
          <button type="button" className="link" onClick={lastHours}>
            use the last 6 h
          </button>
        )}
      </p>
    </fieldset>
  );
}
