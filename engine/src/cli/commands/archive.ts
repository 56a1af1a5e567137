import { parseArgs } from 'node:util';
import { archiveInfo } from '../../archive/archive-info.js';
import { openArchiveStore } from '../../archive/open-store.js';
import { verifyArchive } from '../../archive/verify.js';
import { readEngineEnv } from '../../env.js';
import { progressBar } from '../progress.js';
import { archiveGenerateCommand, GENERATE_USAGE } from './archive-generate.js';
import { archiveImportCommand, ImportFormat } from './archive-import.js';

const USAGE = `usage:
  hm archive import --format bitmex-trades-csv|bitmex-quotes-csv FILE [FILE...]   import BitMEX public files (.csv/.csv.gz)
  ${GENERATE_USAGE}
  hm archive info [--json]        markets and kinds, time ranges, segments, bytes
  hm archive verify               check every segment's size, SHA-256 and format; exit 1 naming bad ones
The archive is HM_ARCHIVE_DIR (default .data/archive), or S3 when S3_BUCKET is set. No database or Redis needed.`;

function fail(message: string): never {
  console.error(`hm archive: ${message}\n${USAGE}`);
  process.exit(2);
}

/** `hm archive …`: the archive's command line. */
export async function archiveCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'generate') return archiveGenerateCommand(rest, fail);
  if (sub === 'help' || sub === '--help') {
    console.log(USAGE);
    return;
  }
  let parsed: { values: { format?: string; json?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: { format: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  const store = openArchiveStore(readEngineEnv());
  switch (sub) {
    case 'import': {
      const format = ImportFormat.safeParse(parsed.values.format);
      if (!format.success) fail(`--format must be one of ${ImportFormat.options.join(', ')}`);
      if (parsed.positionals.length === 0) fail('give at least one FILE');
      return archiveImportCommand(store, format.data, parsed.positionals);
    }
    case 'info':
      return info(store, parsed.values.json === true);
    case 'verify': {
      let bar: ReturnType<typeof progressBar> | undefined;
      const { checked, problems } = await verifyArchive(store, (done, total) => {
        bar ??= progressBar('verify', total, 'segments');
        bar.update(done);
      });
      for (const p of problems) console.error(`CORRUPT ${p.key}: ${p.reason}`);
      console.log(`${checked} segments checked, ${problems.length} corrupt (${store.location})`);
      if (problems.length > 0) process.exit(1);
      return;
    }
    default:
      fail(sub ? `unknown subcommand '${sub}'` : 'no subcommand given');
  }
}

/** `hm archive info`: one row per market and kind, from the manifests alone. */
async function info(store: ReturnType<typeof openArchiveStore>, json: boolean): Promise<void> {
  const out = (await archiveInfo(store, undefined, undefined, 'all')).map((r) => ({
    market: r.market,
    kind: r.kind,
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    segments: r.segments,
    // Kept for scripts written against the first version: the trade count of a trades row.
    ...(r.kind === 'trades' ? { trades: r.trades } : {}),
    records: r.records,
    bytes: r.bytes,
  }));
  if (json) {
    console.log(JSON.stringify({ location: store.location, markets: out }));
    return;
  }
  console.log(`archive: ${store.location}`);
  for (const r of out)
    console.log(
      `  ${r.market.padEnd(16)} ${r.kind.padEnd(7)} ${r.from} → ${r.to}  ${r.segments} segments  ${r.records} records  ${(r.bytes / 2 ** 20).toFixed(2)} MiB`,
    );
  if (out.length === 0) console.log('  (empty)');
}
