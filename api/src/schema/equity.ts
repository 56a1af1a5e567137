import { builder } from '../builder.js';

/** One equity point: unix ms and equity in the settlement currency. */
export interface EquityPointShape {
  time: number;
  equity: number;
}

export const EquityPointRef = builder.objectRef<EquityPointShape>('EquityPoint').implement({
  description: 'Equity (balance + unrealised P&L, fees and funding included) at an instant.',
  fields: (t) => ({
    time: t.float({ description: 'Unix ms, UTC.', resolve: (p) => p.time }),
    equity: t.exposeFloat('equity', { description: 'Settlement currency.' }),
  }),
});

export const EquityResolution = builder.enumType('EquityResolution', {
  description: 'Spacing of equity points; RAW = as stored (at most a few thousand points).',
  values: { RAW: { value: 0 }, M1: { value: 60_000 }, H1: { value: 3_600_000 }, D1: { value: 86_400_000 } },
});

/** The stored curve thinned to the last point of each `stepMs` bucket (first point kept). */
export function resample(json: unknown, stepMs: number): EquityPointShape[] {
  const points = Array.isArray(json) ? (json as EquityPointShape[]) : [];
  if (stepMs <= 0 || points.length < 3) return points;
  const out: EquityPointShape[] = [];
  for (const p of points) {
    const prev = out.at(-1);
    if (out.length > 1 && prev && Math.floor(prev.time / stepMs) === Math.floor(p.time / stepMs))
      out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
