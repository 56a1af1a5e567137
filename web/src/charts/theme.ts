/** The chart palette (BitMEX-like dark theme; matches styles.css). */
export const UP = '#26a69a';
export const DOWN = '#ef5350';
export const BG = '#0d1117';
export const GRID = '#161b22';
export const BORDER = '#30363d';
export const TEXT = '#c9d1d9';
/** Lines a selected session's strategy plots, in declaration order (dashed, apart from the studies). */
export const SESSION_LINE_COLORS = ['#f778ba', '#7ee787', '#79c0ff', '#ffa657', '#d2a8ff'] as const;
