import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateHistory } from '../../archive/generate.js';
import { Compression } from '../../archive/layout.js';
import { openArchiveStore } from '../../archive/open-store.js';
import { readEngineEnv } from '../../env.js';
import { listInstruments } from '../../market/instruments.js';
import { progressBar } from '../progress.js';

export const GENERATE_USAGE =
  'hm archive generate --market XBTUSD[,ETHUSD…] --from ISO --to ISO [--seed N] [--trades-per-minute N] [--book-depth N] [--book-from ISO] [--snapshot-every-s N] [--book-compression none|gzip|brotli]';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date (e.g. 2026-11-01T00:00:00Z)');
const Flags = z.object({
  market: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z.array(
        z.enum(listInstruments().map((i) => i.symbol) as [string, ...string[]], {
          message: `a simulator market: ${listInstruments()
            .map((i) => i.symbol)
            .join(', ')}`,
        }),
      ),
    ),
  from: iso,
  to: iso,
  seed: z.coerce.number().int().default(1),
  'trades-per-minute': z.coerce.number().positive().max(6_000).default(12),
  'book-depth': z.coerce.number().int().min(0).max(500).default(25),
  'book-from': iso.optional(),
  'snapshot-every-s': z.coerce.number().int().min(1).default(60),
  'book-compression': Compression.default('gzip'),
});

/** `hm archive generate`: synthetic trades and book from the simulator's model, far faster than real time. */
export async function archiveGenerateCommand(args: string[], fail: (message: string) => never): Promise<void> {
  let flags: z.infer<typeof Flags>;
  try {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(Object.keys(Flags.shape).map((k) => [k, { type: 'string' as const }])),
    });
    if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
    flags = Flags.parse(values);
  } catch (err) {
    fail(
      err instanceof z.ZodError
        ? err.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')
        : (err as Error).message,
    );
  }
  const store = openArchiveStore(readEngineEnv());
  const fromMs = Date.parse(flags.from);
  const toMs = Date.parse(flags.to);
  if (toMs <= fromMs) fail('--to must be after --from');
  let shown: ReturnType<typeof progressBar> | undefined;
  const result = await generateHistory(
    store,
    {
      markets: flags.market,
      fromMs,
      toMs,
      seed: flags.seed,
      tradesPerMinute: flags['trades-per-minute'],
      bookDepth: flags['book-depth'],
      snapshotEveryMs: flags['snapshot-every-s'] * 1000,
      bookCompression: flags['book-compression'],
      ...(flags['book-from'] ? { bookFromMs: Date.parse(flags['book-from']) } : {}),
    },
    (p) => {
      shown ??= progressBar('generate', p.hoursTotal, 'hours');
      shown.update(p.hoursDone, `${p.market}, ${p.trades.toLocaleString('en-US')} trades`);
    },
  );
  shown?.finish(`${result.trades.toLocaleString('en-US')} trades`);
  console.log(
    `${flags.market.join(', ')} ${flags.from} → ${flags.to}: ${result.trades} trades, ${result.bookRecords} book records in ${result.hours} hours, ${(result.bytes / 2 ** 20).toFixed(1)} MiB → ${store.location}`,
  );
}
