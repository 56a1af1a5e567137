/**
 * A terminal line chart (e.g. an equity curve): `values` resampled to `width` columns, drawn on
 * `height` rows with the min and max on the axis. For people who would rather look than read.
 */
export function asciiChart(values: readonly number[], width = 72, height = 12): string {
  if (values.length === 0) return '(no data)';
  const cols = Math.min(width, values.length);
  const sampled = Array.from(
    { length: cols },
    (_, c) => values[Math.floor((c * (values.length - 1)) / Math.max(1, cols - 1))] ?? 0,
  );
  const min = Math.min(...sampled);
  const max = Math.max(...sampled);
  const span = max - min || 1;
  const rows = Array.from({ length: height }, () => Array.from({ length: cols }, () => ' '));
  sampled.forEach((v, c) => {
    const r = height - 1 - Math.round(((v - min) / span) * (height - 1));
    const row = rows[r];
    if (row) row[c] = '•';
  });
  const label = (v: number) => v.toPrecision(8).padStart(14);
  return rows
    .map((row, r) => `${r === 0 ? label(max) : r === height - 1 ? label(min) : ' '.repeat(14)} │${row.join('')}`)
    .join('\n');
}
