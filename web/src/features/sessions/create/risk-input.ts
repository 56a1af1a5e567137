/** The risk limits of the New session dialog: typed text to `RiskLimitsInput`, checked like the API. */

export type RiskKey = 'maxPosition' | 'maxOrderNotional' | 'maxOrdersPerMinute' | 'dailyLossLimit';
export const RISK_KEYS: readonly RiskKey[] = [
  'maxPosition',
  'maxOrderNotional',
  'maxOrdersPerMinute',
  'dailyLossLimit',
];

/** As typed; empty = the default. */
export type RiskForm = Record<RiskKey, string>;
export type RiskInput = Partial<Record<RiskKey, number>>;

export const EMPTY_RISK: RiskForm = {
  maxPosition: '',
  maxOrderNotional: '',
  maxOrdersPerMinute: '',
  dailyLossLimit: '',
};

interface Rule {
  integer: boolean;
  max: number | null;
  message: string;
}

// The bounds of engine/src/live/risk-limits.ts (RiskLimitsInput), so a typo is caught before sending.
const RULES: Record<RiskKey, Rule> = {
  maxPosition: { integer: true, max: 100_000_000, message: 'whole contracts from 1 to 100,000,000' },
  maxOrderNotional: { integer: false, max: null, message: 'a positive amount' },
  maxOrdersPerMinute: { integer: true, max: 10_000, message: 'whole orders from 1 to 10,000' },
  dailyLossLimit: { integer: false, max: null, message: 'a positive amount' },
};

/**
 * The limits a session runs under when a field is left blank (the engine's `defaultRiskLimits`),
 * shown as placeholders; the server applies them, the dashboard never sends them.
 */
export function defaultRisk(settleCurrency: string | null): Record<RiskKey, number> {
  return settleCurrency === 'USDT'
    ? { maxPosition: 1_000_000, maxOrderNotional: 100_000, maxOrdersPerMinute: 30, dailyLossLimit: 5_000 }
    : { maxPosition: 1_000, maxOrderNotional: 1, maxOrdersPerMinute: 30, dailyLossLimit: 0.05 };
}

/**
 * The limits typed, or undefined when every field is blank. Bad fields are added to `errors`
 * keyed like the API's InputError (`risk.maxPosition`).
 */
export function riskOf(form: RiskForm, errors: Record<string, string>): RiskInput | undefined {
  const risk: RiskInput = {};
  for (const key of RISK_KEYS) {
    const raw = form[key].trim();
    if (raw === '') continue;
    const rule = RULES[key];
    const value = Number(raw);
    const ok =
      Number.isFinite(value) &&
      value > 0 &&
      (!rule.integer || Number.isInteger(value)) &&
      (rule.max === null || value <= rule.max);
    if (ok) risk[key] = value;
    else errors[`risk.${key}`] = rule.message;
  }
  return Object.keys(risk).length > 0 ? risk : undefined;
}
