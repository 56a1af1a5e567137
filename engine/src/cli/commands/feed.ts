import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BITMEX_ENDPOINTS, readEngineEnv } from '../../env.js';
import type { Logger, LogLevel } from '../../log.js';
import { recordFeed } from './feed-record.js';
import { replayFeed, UnreadableFileError } from './feed-replay.js';

/** `hm feed` usage, printed with every usage error and by `hm feed help`. */
export const FEED_USAGE = `usage:
  hm feed replay --exchange bitmex --symbol SYMBOL FILE
  hm feed record --exchange bitmex|bitmex-testnet|simulator --symbols SYMBOL[,SYMBOL...] --out FILE
                 [--url ws://...] [--tables trade,orderBookL2_25,instrument,funding] [--duration-sec N]

replay  Rebuilds SYMBOL's order book and trades from a recorded feed (one raw WebSocket frame per
        line, as 'hm feed record' writes; gzip accepted) with the live adapter code, and prints
        {"symbol","bids":[[price,size],...],"asks":[...],"trades","lastPrice","skipped"}:
        full depth, best first; trades = distinct trade prints applied; lastPrice = the last one's
        price or null. skipped = non-blank lines that are not JSON (including 'pong' and a truncated
        last line) or not a valid BitMEX frame, plus rows of trade / orderBookL2 / orderBookL2_25
        messages (any symbol) failing validation or off the tick, plus rows of trade update/delete.
        Exit 1 if FILE cannot be read.
record  Appends every raw text frame received to FILE, one per line, until Ctrl-C / SIGTERM or
        --duration-sec, then prints how many messages and bytes it wrote. --url is required for
        simulator (its ws:// URL, e.g. from 'hm simulator'); it overrides the BitMEX endpoints.

Wrong usage exits 2. Logs and warnings go to stderr.`;

const EXCHANGES = ['bitmex', 'bitmex-testnet', 'simulator'] as const;
/** Public tables that take a `:SYMBOL` filter. */
const TABLES = [
  'trade',
  'quote',
  'orderBookL2',
  'orderBookL2_25',
  'orderBook10',
  'instrument',
  'funding',
  'liquidation',
  'settlement',
  'tradeBin1m',
  'tradeBin5m',
  'tradeBin1h',
  'tradeBin1d',
  'quoteBin1m',
  'quoteBin5m',
  'quoteBin1h',
  'quoteBin1d',
] as const;
const SYMBOL = /^[A-Za-z0-9._]+$/;

/** `is required` instead of zod's generic message when a flag is missing. */
const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined) };
/** An enum flag's message names the accepted values. */
const oneOf = (values: readonly string[]) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')} (got '${String(issue.input)}')`,
});
const csv = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const ReplayArgs = z.object({
  exchange: z.enum(EXCHANGES, oneOf(EXCHANGES)),
  symbol: z.string(required).regex(SYMBOL, 'must be a market symbol such as XBTUSD'),
  FILE: z.string(required).min(1),
});

const RecordArgs = z
  .object({
    exchange: z.enum(EXCHANGES, oneOf(EXCHANGES)),
    symbols: z
      .string(required)
      .transform(csv)
      .pipe(
        z
          .array(z.string().regex(SYMBOL, 'must be market symbols such as XBTUSD,ETHUSD'))
          .min(1, 'must name at least one symbol'),
      ),
    out: z.string(required).min(1),
    url: z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' }).optional(),
    tables: z
      .string()
      .default('trade,orderBookL2_25,instrument,funding')
      .transform(csv)
      .pipe(z.array(z.enum(TABLES, oneOf(TABLES))).min(1, 'must name at least one table')),
    'duration-sec': z.coerce
      .number({ error: 'must be a number of seconds' })
      .positive('must be a positive number of seconds')
      .finite('must be a positive number of seconds')
      .optional(),
  })
  .refine((a) => a.exchange !== 'simulator' || a.url !== undefined, {
    message: 'is required with --exchange simulator',
    path: ['url'],
  });

/** `hm feed replay|record ...` (see FEED_USAGE). */
export async function feedCommand(argv: readonly string[]): Promise<void> {
  const [sub, ...args] = argv;
  if (sub === 'replay') await replay(args);
  else if (sub === 'record') await record(args);
  else if (sub === 'help' || sub === '--help' || sub === '-h') console.log(FEED_USAGE);
  else usage('feed', sub === undefined ? 'no subcommand given (replay or record)' : `unknown subcommand '${sub}'`);
}

async function replay(args: string[]): Promise<void> {
  const opts = parse('replay', args, { exchange: { type: 'string' }, symbol: { type: 'string' } }, ReplayArgs, true);
  const log = stderrLogger('feed-replay', logLevel());
  try {
    const summary = await replayFeed(opts.FILE, opts.symbol, log);
    log.flush();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    console.error(`hm feed replay: cannot read ${opts.FILE}: ${err.message}`);
    process.exitCode = 1;
  }
}

async function record(args: string[]): Promise<void> {
  const opts = parse(
    'record',
    args,
    {
      exchange: { type: 'string' },
      symbols: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
      tables: { type: 'string' },
      'duration-sec': { type: 'string' },
    },
    RecordArgs,
    false,
  );
  const url = opts.url ?? (opts.exchange === 'simulator' ? '' : BITMEX_ENDPOINTS[opts.exchange]);
  const topics = opts.symbols.flatMap((s) => opts.tables.map((t) => `${t}:${s}`));
  const log = stderrLogger('feed-record', logLevel());
  try {
    const summary = await recordFeed({ url, topics, out: opts.out, durationSec: opts['duration-sec'], log });
    console.log(`recorded ${summary.messages} messages (${summary.bytes} bytes) to ${opts.out}`);
  } catch (err) {
    console.error(`hm feed record: cannot write ${opts.out}: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

type Options = Record<string, { type: 'string' }>;

/** parseArgs (strict) then zod; any problem → one line naming it, the usage, exit 2. */
function parse<T>(sub: string, args: string[], options: Options, schema: z.ZodType<T>, takesFile: boolean): T {
  let values: Record<string, unknown>;
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
    values = { ...parsed.values };
    if (takesFile) {
      if (parsed.positionals.length > 1) throw new Error(`expected one FILE, got ${parsed.positionals.length}`);
      values.FILE = parsed.positionals[0];
    } else if (parsed.positionals.length > 0) {
      throw new Error(`unexpected argument '${parsed.positionals[0]}'`);
    }
  } catch (err) {
    // Node's messages carry a long hint after the first sentence; keep the part that names the flag.
    return usage(`feed ${sub}`, ((err as Error).message.split(/\.(?:\s|$)/)[0] ?? '').trim());
  }
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  return usage(`feed ${sub}`, `${name === 'FILE' ? 'FILE' : `--${name}`} ${issue?.message ?? 'is invalid'}`);
}

function usage(command: string, problem: string): never {
  console.error(`hm ${command}: ${problem}\n\n${FEED_USAGE}`);
  process.exit(2);
}

function logLevel(): LogLevel {
  return readEngineEnv().LOG_LEVEL;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Warnings printed before the rest are only counted (a bad multi-GB file must not flood stderr). */
const WARN_CAP = 20;

/**
 * A logger writing every level to stderr (stdout carries the command's result only), printing at
 * most WARN_CAP warnings; `flush()` reports how many more were suppressed.
 */
function stderrLogger(component: string, level: LogLevel): Logger & { flush(): void } {
  let warnings = 0;
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    if (lvl === 'warn' && ++warnings > WARN_CAP) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${lvl.toUpperCase().padEnd(5)} [${component}] ${msg}${extra}\n`);
  };
  const logger: Logger & { flush(): void } = {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (sub) => stderrLogger(`${component}:${sub}`, level),
    flush: () => {
      if (warnings > WARN_CAP)
        process.stderr.write(`WARN  [${component}] ${warnings - WARN_CAP} more warnings not shown\n`);
    },
  };
  return logger;
}
