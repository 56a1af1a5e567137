import { parseArgs } from 'node:util';
import { z } from 'zod';

/** A flag value that must be an ISO date-time (UTC when it says Z). */
export const isoFlag = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date (e.g. 2026-11-01T00:00:00Z)');

/**
 * Parses `--name value` flags (node:util parseArgs, strict) and validates them with `schema`.
 * Every key of the schema is a string flag unless listed in `booleans` or `multiple`. Wrong usage
 * prints `hm <command>: --flag: reason` and the usage, and exits 2.
 */
export function parseFlags<S extends z.ZodObject>(
  argv: string[],
  schema: S,
  opts: { command: string; usage: string; booleans?: string[]; multiple?: string[] },
): z.infer<S> {
  try {
    const options = Object.fromEntries(
      Object.keys(schema.shape).map((k) => [
        k,
        opts.booleans?.includes(k)
          ? { type: 'boolean' as const }
          : { type: 'string' as const, multiple: opts.multiple?.includes(k) ?? false },
      ]),
    );
    const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options });
    if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
    return schema.parse(values);
  } catch (err) {
    const message =
      err instanceof z.ZodError
        ? err.issues.map((i) => `--${i.path.map(String).join('.')}: ${i.message}`).join('; ')
        : (err as Error).message;
    console.error(`hm ${opts.command}: ${message}\n${opts.usage}`);
    process.exit(2);
  }
}
