import { memo } from 'react';
import { SCALE_MODES, type ScaleMode } from '../../charts/candle-chart';

const LABEL: Record<ScaleMode, string> = { auto: 'Auto', log: 'Log', percent: '%' };
const TITLE: Record<ScaleMode, string> = {
  auto: 'Linear price scale, fitted to the visible bars',
  log: 'Logarithmic price scale',
  percent: 'Change in % from the first visible bar',
};

/** Linear / logarithmic / percent price axis, as a segmented control. */
export const PriceScaleSelect = memo(function PriceScaleSelect({
  value,
  onChange,
}: {
  value: ScaleMode;
  onChange: (mode: ScaleMode) => void;
}) {
  return (
    <fieldset className="segmented" aria-label="Price scale" data-testid="price-scale-mode" data-mode={value}>
      {SCALE_MODES.map((m) => (
        <button
          key={m}
          type="button"
          className={m === value ? 'active' : ''}
          aria-pressed={m === value}
          title={TITLE[m]}
          onClick={() => onChange(m)}
          data-mode={m}
        >
          {LABEL[m]}
        </button>
      ))}
    </fieldset>
  );
});
