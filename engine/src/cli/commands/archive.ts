import { parseArgs } from 'node:util';
import { z } from 'zod';
import { importBitmexTradesCsv } from '../../archive/bitmex-csv.js';
import { Manifest } from '../../archive/layout.js';
import { openArchiveStore } from '../../archive/open-store.js';
import { verifyArchive, writeTradeHour } from '../../archive/trade-archive.js';
import { readEngineEnv } from '../../env.js';

const USAGE = `usage:
  hm archive import --format bitmex-trades-csv FILE [FILE...]   import BitMEX public trade files (.csv/.csv.gz)
  hm archive info [--json]                                         markets, time ranges, segments, bytes
  hm archive verify                                                check every segment's SHA-256 and format
The archive is HM_ARCHIVE_DIR (default .data/archive), or S3 when S3_BUCKET is set. No database or Redis needed.`;

function fail(message: string): never {
  console.error(`hm archive: ${message}\n${USAGE}`);
  process.exit(2);
}

/** `hm archive …`: the archive's command line. */
export async function archiveCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { format: { type: 'string' }; json: { type: 'boolean' } };
      allowPositionals: true;
      strict: true;
    }>
  >;
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
      const format = z.literal('bitmex-trades-csv').safeParse(parsed.values.format);
      if (!format.success) fail('--format bitmex-trades-csv is required (the only format so far)');
      if (parsed.positionals.length === 0) fail('give at least one FILE');
      for (const file of parsed.positionals) {
        let segments = 0;
        const started = Date.now();
        const result = await importBitmexTradesCsv(
          file,
          async (batch, hourMs) => {
            await writeTradeHour(store, batch, hourMs);
            segments += 1;
          },
          (p) =>
            process.stderr.write(
              `\r${file}: ${p.rows.toLocaleString('en-US')} trades, ${(p.bytes / 2 ** 20).toFixed(1)} MiB read`,
            ),
        ).catch((err: unknown) => {
          console.error(`\nhm archive: ${file}: ${(err as Error).message}`);
          process.exit(1);
        });
        process.stderr.write('\n');
        console.log(
          `${file}: ${result.rows} trades in ${segments} hour segments, ${result.skipped} bad lines skipped (${((Date.now() - started) / 1000).toFixed(1)} s) → ${store.location}`,
        );
      }
      return;
    }
    case 'info': {
      const manifests = (await store.list('')).filter((o) => o.key.endsWith('/manifest.json'));
      const markets = new Map<string, { from: number; to: number; segments: number; bytes: number; trades: number }>();
      for (const { key } of manifests) {
        const m = Manifest.safeParse(JSON.parse(new TextDecoder().decode(await store.get(key))));
        if (!m.success) continue;
        const id = `${m.data.exchange}:${m.data.symbol}`;
        const acc = markets.get(id) ?? { from: Number.POSITIVE_INFINITY, to: 0, segments: 0, bytes: 0, trades: 0 };
        for (const s of m.data.segments) {
          acc.from = Math.min(acc.from, Number(BigInt(s.fromNs) / 1_000_000n));
          acc.to = Math.max(acc.to, Number(BigInt(s.toNs) / 1_000_000n));
          acc.segments += 1;
          acc.bytes += s.bytes;
          acc.trades += s.count;
        }
        markets.set(id, acc);
      }
      const rows = [...markets].map(([market, a]) => ({
        market,
        from: new Date(a.from).toISOString(),
        to: new Date(a.to).toISOString(),
        segments: a.segments,
        trades: a.trades,
        bytes: a.bytes,
      }));
      if (parsed.values.json) console.log(JSON.stringify({ location: store.location, markets: rows }));
      else {
        console.log(`archive: ${store.location}`);
        for (const r of rows)
          console.log(
            `  ${r.market.padEnd(20)} ${r.from} → ${r.to}  ${r.segments} segments  ${r.trades} trades  ${(r.bytes / 2 ** 20).toFixed(2)} MiB`,
          );
        if (rows.length === 0) console.log('  (empty)');
      }
      return;
    }
    case 'verify': {
      const { checked, problems } = await verifyArchive(store);
      for (const p of problems) console.error(`CORRUPT ${p.key}: ${p.reason}`);
      console.log(`${checked} segments checked, ${problems.length} corrupt (${store.location})`);
      if (problems.length > 0) process.exit(1);
      return;
    }
    default:
      fail(sub ? `unknown subcommand '${sub}'` : 'no subcommand given');
  }
}
