import { type Bar, DOWN, UP } from '../../charts/candle-chart';
import { formatPrice, formatSize } from '../../lib/format';

/** O H L C Vol of the newest bar, coloured by its direction. */
export function OhlcReadout({ bar, tickSize }: { bar: Bar | null; tickSize: number }) {
  if (!bar) return <div className="ohlc muted">waiting for the first trade…</div>;
  const color = bar.close >= bar.open ? UP : DOWN;
  const cell = (label: string, value: string) => (
    <span>
      {label} <b style={{ color }}>{value}</b>
    </span>
  );
  return (
    <div className="ohlc">
      {cell('O', formatPrice(bar.open, tickSize))}
      {cell('H', formatPrice(bar.high, tickSize))}
      {cell('L', formatPrice(bar.low, tickSize))}
      {cell('C', formatPrice(bar.close, tickSize))}
      {cell('Vol', formatSize(bar.volume))}
    </div>
  );
}
