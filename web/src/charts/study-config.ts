import { bollinger, ema, type StudyBar, StudyRun, type StudyValues, sma, vwap } from './study-math';

/** The studies the indicator menu offers, each at most once. */
export type StudyKind = 'sma' | 'ema' | 'bb' | 'vwap';
export const STUDY_KINDS: readonly StudyKind[] = ['sma', 'ema', 'bb', 'vwap'];

export interface StudyConfig {
  kind: StudyKind;
  /** Bars in the window; ignored by VWAP (it spans the UTC day). */
  period: number;
}

export interface StudyLine {
  name: string;
  color: string;
}

interface KindInfo {
  label: string;
  /** Null: the study has no period. */
  defaultPeriod: number | null;
  lines: readonly StudyLine[];
}

/** Bollinger's band width, in population standard deviations. */
export const BB_STD = 2;
export const MIN_PERIOD = 2;
export const MAX_PERIOD = 500;

export const STUDY_INFO: Readonly<Record<StudyKind, KindInfo>> = {
  sma: { label: 'SMA', defaultPeriod: 20, lines: [{ name: 'SMA', color: '#e3b341' }] },
  ema: { label: 'EMA', defaultPeriod: 50, lines: [{ name: 'EMA', color: '#d2a8ff' }] },
  bb: {
    label: 'Bollinger',
    defaultPeriod: 20,
    lines: [
      { name: 'BB mid', color: '#58a6ff' },
      { name: 'BB upper', color: '#58a6ff99' },
      { name: 'BB lower', color: '#58a6ff99' },
    ],
  },
  vwap: { label: 'VWAP', defaultPeriod: null, lines: [{ name: 'VWAP', color: '#ff9e57' }] },
};

/** A period typed or read from the URL, clamped to what the chart can draw; null when not a number. */
export function clampPeriod(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(MAX_PERIOD, Math.max(MIN_PERIOD, Math.round(value)));
}

/** e.g. `SMA 20`, `BB 20, 2σ`, `VWAP`. */
export function studyLabel(c: StudyConfig): string {
  if (c.kind === 'vwap') return 'VWAP';
  if (c.kind === 'bb') return `BB ${c.period}, ${BB_STD}σ`;
  return `${STUDY_INFO[c.kind].label} ${c.period}`;
}

/** Identity of a study on the chart: a new period is a new study. */
export function studyKey(c: StudyConfig): string {
  return c.kind === 'vwap' ? 'vwap' : `${c.kind}${c.period}`;
}

/**
 * The `ind` URL parameter, e.g. `sma20.bb20.vwap` (dots: nothing to percent-encode). Unknown or
 * repeated kinds are skipped; periods are clamped.
 */
export function parseStudies(param: string | null): StudyConfig[] {
  const out: StudyConfig[] = [];
  for (const part of (param ?? '').split('.')) {
    const m = /^([a-z]+)(\d*)$/.exec(part);
    const kind = STUDY_KINDS.find((k) => k === m?.[1]);
    if (!m || !kind || out.some((c) => c.kind === kind)) continue;
    const fallback = STUDY_INFO[kind].defaultPeriod ?? 0;
    const period = kind === 'vwap' ? 0 : (clampPeriod(m[2] ? Number(m[2]) : fallback) ?? fallback);
    out.push({ kind, period });
  }
  return out;
}

/** The `ind` parameter for these studies, in menu order; null for none (the parameter is removed). */
export function serializeStudies(configs: readonly StudyConfig[]): string | null {
  const sorted = [...configs].sort((a, b) => STUDY_KINDS.indexOf(a.kind) - STUDY_KINDS.indexOf(b.kind));
  return sorted.length === 0 ? null : sorted.map(studyKey).join('.');
}

/** A running instance of the study, fed bar by bar (see StudyRun). */
export function startStudy(c: StudyConfig): { push(bar: StudyBar): StudyValues | null } {
  switch (c.kind) {
    case 'sma':
      return new StudyRun(sma(c.period));
    case 'ema':
      return new StudyRun(ema(c.period));
    case 'bb':
      return new StudyRun(bollinger(c.period, BB_STD));
    case 'vwap':
      return new StudyRun(vwap());
  }
}
