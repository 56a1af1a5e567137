import './components.css';

export interface Tile {
  label: string;
  value: string;
  /** `up` / `down` colours the value. */
  tone?: string;
  hint?: string;
  testId?: string;
}

/** A responsive grid of label/value tiles. */
export function MetricTiles({ tiles, testId }: { tiles: readonly Tile[]; testId?: string }) {
  return (
    <div className="metric-tiles" data-testid={testId}>
      {tiles.map((t) => (
        <div key={t.label} className="metric-tile" title={t.hint} data-testid="metric-tile">
          <span className="metric-label">{t.label}</span>
          <span className={`metric-value ${t.tone ?? ''}`} data-testid={t.testId}>
            {t.value}
          </span>
        </div>
      ))}
    </div>
  );
}
