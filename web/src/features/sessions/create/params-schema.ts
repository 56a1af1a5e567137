/**
 * The strategy parameter form, generated from the strategy's `paramsSchema` (JSON Schema, as zod
 * prints it): one field per property with its type, bounds, default, enum options and help text.
 * Pure: the form component renders these models; tests check them without a DOM.
 */

export type FieldKind = 'integer' | 'number' | 'enum' | 'boolean' | 'string';

export interface ParamField {
  name: string;
  kind: FieldKind;
  label: string;
  /** The schema's `description` (units included), shown as help text. */
  help: string;
  /** The unit in the description's trailing brackets, e.g. `contracts`. */
  unit: string | null;
  required: boolean;
  default: unknown;
  min: number | null;
  max: number | null;
  exclusiveMin: boolean;
  exclusiveMax: boolean;
  /** The `step` of a number input: 1 for integers, `multipleOf` if given, else `any`. */
  step: string;
  options: readonly (string | number)[];
}

/** Form state: text for inputs and selects, booleans for checkboxes. */
export type ParamValues = Record<string, string | boolean>;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Bounds at or beyond 2^53 are "no bound" (zod prints MAX_SAFE_INTEGER for plain ints). */
const bound = (v: number | null): number | null => (v !== null && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : null);

/** `trade_size` → `Trade size`, `eval_interval_ms` → `Eval interval ms`. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A nullable wrapper (`anyOf: [X, {type: null}]` or `type: [X, 'null']`) reduced to X. */
function unwrap(prop: Json): Json {
  const anyOf = prop.anyOf ?? prop.oneOf;
  if (Array.isArray(anyOf)) {
    const inner = anyOf.filter((s) => isObj(s) && s.type !== 'null');
    if (inner.length === 1 && isObj(inner[0])) return { ...inner[0], ...prop, anyOf: undefined, oneOf: undefined };
  }
  if (Array.isArray(prop.type)) {
    const types = prop.type.filter((t) => t !== 'null');
    if (types.length === 1) return { ...prop, type: types[0] };
  }
  return prop;
}

function kindOf(prop: Json): FieldKind {
  if (Array.isArray(prop.enum) && prop.enum.length > 0) return 'enum';
  if (prop.type === 'integer') return 'integer';
  if (prop.type === 'number') return 'number';
  if (prop.type === 'boolean') return 'boolean';
  return 'string';
}

/** The form fields of a parameters schema, in the schema's property order. */
export function fieldsFromSchema(schema: unknown): ParamField[] {
  if (!isObj(schema) || !isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(schema.properties).map(([name, raw]) => {
    const prop = unwrap(isObj(raw) ? raw : {});
    const kind = kindOf(prop);
    const help = typeof prop.description === 'string' ? prop.description : '';
    const unit = /\(([^()]+)\)\s*$/.exec(help)?.[1] ?? null;
    // Draft 2020-12 gives exclusive bounds as numbers; draft 4 as booleans next to minimum/maximum.
    const exMin = num(prop.exclusiveMinimum);
    const exMax = num(prop.exclusiveMaximum);
    const min = bound(exMin ?? num(prop.minimum));
    const max = bound(exMax ?? num(prop.maximum));
    const multipleOf = num(prop.multipleOf);
    return {
      name,
      kind,
      label: typeof prop.title === 'string' ? prop.title : humanize(name),
      help,
      unit,
      required: required.has(name) && prop.default === undefined,
      default: prop.default,
      min,
      max,
      exclusiveMin: min !== null && (exMin !== null || prop.exclusiveMinimum === true),
      exclusiveMax: max !== null && (exMax !== null || prop.exclusiveMaximum === true),
      step: kind === 'integer' ? String(multipleOf ?? 1) : multipleOf !== null ? String(multipleOf) : 'any',
      options:
        kind === 'enum'
          ? (prop.enum as unknown[]).filter((o): o is string | number => typeof o === 'string' || typeof o === 'number')
          : [],
    } satisfies ParamField;
  });
}

/** `> 0`, `1 – 100`, `≥ 2, ≤ 10,000`: the allowed range as help text ('' when unbounded). */
export function boundsText(f: ParamField): string {
  const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 12 });
  const lo = f.min === null ? null : `${f.exclusiveMin ? '>' : '≥'} ${n(f.min)}`;
  const hi = f.max === null ? null : `${f.exclusiveMax ? '<' : '≤'} ${n(f.max)}`;
  return [lo, hi].filter(Boolean).join(', ');
}

/** Start values: the session's own params when given (clone/edit), else the schema defaults. */
export function initialValues(fields: readonly ParamField[], current?: Record<string, unknown> | null): ParamValues {
  const out: ParamValues = {};
  for (const f of fields) {
    const v = current && f.name in current ? current[f.name] : f.default;
    out[f.name] = f.kind === 'boolean' ? v === true : v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/** Checks one value; returns its parsed value or an error message. */
export function parseField(f: ParamField, raw: string | boolean | undefined): { value?: unknown; error?: string } {
  if (f.kind === 'boolean') return { value: raw === true };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    if (f.default !== undefined) return { value: f.default };
    return f.required ? { error: 'required' } : {};
  }
  if (f.kind === 'enum') {
    const option = f.options.find((o) => String(o) === text);
    return option === undefined ? { error: `one of ${f.options.join(', ')}` } : { value: option };
  }
  if (f.kind === 'string') return { value: text };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'must be a number' };
  if (f.kind === 'integer' && !Number.isInteger(value)) return { error: 'must be a whole number' };
  if (f.min !== null && (f.exclusiveMin ? value <= f.min : value < f.min)) return { error: `must be ${boundsText(f)}` };
  if (f.max !== null && (f.exclusiveMax ? value >= f.max : value > f.max)) return { error: `must be ${boundsText(f)}` };
  return { value };
}

/**
 * Validates the whole form before it is sent: parameters to submit (typed), and errors keyed like
 * the API's InputError `field` (`params.period`), so client and server errors show in one place.
 */
export function validateParams(
  fields: readonly ParamField[],
  values: ParamValues,
): { params: Record<string, unknown>; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = parseField(f, values[f.name]);
    if (r.error) errors[`params.${f.name}`] = r.error;
    else if (r.value !== undefined) params[f.name] = r.value;
  }
  return { params, errors };
}
