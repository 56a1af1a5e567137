import { memo } from 'react';
import { STUDY_INFO, type StudyConfig, studyLabel } from '../../charts/study-config';
import { SESSION_LINE_COLORS } from '../../charts/theme';
import { useSelectedSession } from '../sessions/selection';
import type { SessionOverlay } from './session-overlay/useSessionOverlay';

/** What is drawn over the candles: the studies, then the selected session's lines and trades. */
export const ChartLegend = memo(function ChartLegend({
  studies,
  overlay,
}: {
  studies: readonly StudyConfig[];
  overlay: SessionOverlay;
}) {
  const s = overlay.session;
  const selection = useSelectedSession();
  if (studies.length === 0 && !s) return null;
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {studies.map((c) => (
        <span key={c.kind} style={{ color: STUDY_INFO[c.kind].lines[0]?.color }}>
          {studyLabel(c)}
        </span>
      ))}
      {s && (
        <span
          className="legend-session"
          data-testid="legend-session"
          data-lines={overlay.specs.length}
          data-lines-drawn={overlay.drawn}
          title={`${s.strategy} · ${s.mode.toLowerCase()}`}
        >
          <b>{s.name}</b>
          {overlay.specs.map((spec, i) => (
            <span key={spec.name} style={{ color: SESSION_LINE_COLORS[i % SESSION_LINE_COLORS.length] }}>
              ┄ {spec.name}
            </span>
          ))}
          <span className="muted">
            {overlay.trips} round trip{overlay.trips === 1 ? '' : 's'}
            {s.mode === 'BACKTEST' ? ' · backtests record no indicator values' : ''}
          </span>
          {selection.minimized && (
            <button type="button" className="link" onClick={selection.restore} data-testid="legend-open-session">
              details
            </button>
          )}
          <button
            type="button"
            className="icon-button legend-clear"
            aria-label="Take the session off the chart"
            title="Take the session off the chart"
            onClick={selection.close}
            data-testid="legend-clear-session"
          >
            ×
          </button>
        </span>
      )}
    </div>
  );
});
