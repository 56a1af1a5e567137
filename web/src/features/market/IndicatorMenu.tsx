import { memo, useEffect, useRef, useState } from 'react';
import { STUDY_INFO, STUDY_KINDS, type StudyConfig, type StudyKind } from '../../charts/study-config';
import { PeriodInput } from './PeriodInput';

interface Props {
  value: readonly StudyConfig[];
  onChange: (next: StudyConfig[]) => void;
}

/**
 * The chart's indicator menu: SMA, EMA, Bollinger (n, 2σ) and the daily VWAP, each switched on or
 * off, with its period where it has one. A period set while a study is off is kept for when it is
 * switched on.
 */
export const IndicatorMenu = memo(function IndicatorMenu({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  // Periods typed for studies that are off (those on take theirs from `value`, i.e. the URL).
  const [periods, setPeriods] = useState<Record<StudyKind, number>>(() => ({
    sma: STUDY_INFO.sma.defaultPeriod ?? 0,
    ema: STUDY_INFO.ema.defaultPeriod ?? 0,
    bb: STUDY_INFO.bb.defaultPeriod ?? 0,
    vwap: 0,
  }));
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    // Closes on a click elsewhere or Escape, like a native menu.
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const active = (kind: StudyKind) => value.find((c) => c.kind === kind);
  const periodOf = (kind: StudyKind) => active(kind)?.period ?? periods[kind];
  const toggle = (kind: StudyKind, on: boolean) => {
    // Switched off, a study keeps its period for when it comes back.
    if (!on) setPeriods((p) => ({ ...p, [kind]: periodOf(kind) }));
    onChange(
      on
        ? [...value.filter((c) => c.kind !== kind), { kind, period: periods[kind] }]
        : value.filter((c) => c.kind !== kind),
    );
  };
  const setPeriod = (kind: StudyKind, period: number) => {
    setPeriods((p) => ({ ...p, [kind]: period }));
    if (active(kind)) onChange(value.map((c) => (c.kind === kind ? { kind, period } : c)));
  };

  return (
    <div className="indicator-menu" data-testid="indicator-menu" ref={root}>
      <button
        type="button"
        className={`chart-tool ${value.length > 0 ? 'on' : ''}`}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
      >
        Indicators{value.length > 0 ? ` (${value.length})` : ''} ▾
      </button>
      {open && (
        <fieldset className="menu-popover" aria-label="Indicators">
          {STUDY_KINDS.map((kind) => {
            const info = STUDY_INFO[kind];
            return (
              <div key={kind} className="menu-row">
                <label>
                  <input
                    type="checkbox"
                    checked={active(kind) !== undefined}
                    onChange={(e) => toggle(kind, e.target.checked)}
                    data-study={kind}
                  />
                  <span className="swatch" style={{ background: info.lines[0]?.color }} />
                  {info.label}
                  {kind === 'bb' && <span className="muted"> (2σ)</span>}
                  {kind === 'vwap' && <span className="muted"> (daily, UTC)</span>}
                </label>
                {info.defaultPeriod !== null && (
                  <PeriodInput
                    label={`${info.label} period`}
                    value={periodOf(kind)}
                    onChange={(p) => setPeriod(kind, p)}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
});
