import { z } from 'zod';
import { generateHistory } from '../../archive/generate.js';
import { Compression } from '../../archive/layout.js';
import { openArchiveStore } from '../../archive/open-store.js';
import { readEngineEnv } from '../../env.js';
import { listInstruments } from '../../market/instruments.js';
import { isoFlag, parseFlags } from '../flags.js';
import { progressBar } from '../progress.js';

export const GENERATE_USAGE =
  'hm archive generate --market XBTUSD[,ETHUSD…] --from ISO --to ISO [--seed N] [--trades-per-minute N] [--book-depth N] [--book-from ISO] [--snapshot-every-s N] [--book-compression none|gzip|brotli]';

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
  from: isoFlag,
  to: isoFlag,
  seed: z.coerce.number().int().default(1),
  'trades-per-minute': z.coerce.number().positive().max(6_000).default(12),
  'book-depth': z.coerce.number().int().min(0).max(500).default(25),
  'book-from': isoFlag.optional(),
  'snapshot-every-s': z.coerce.number().int().min(1).default(60),
  'book-compression': Compression.default('gzip'),
});

/** `hm archive generate`: synthetic trades and book from the simulator's model, far faster than real time. */
export async function archiveGenerateCommand(args: string[], fail: (message: string) => never): Promise<void> {
  const flags = parseFlags(args, Flags, { command: 'archive generate', usage: GENERATE_USAGE });
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
