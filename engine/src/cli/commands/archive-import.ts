import { z } from 'zod';
import { importBitmexTradesCsv } from '../../archive/bitmex-csv.js';
import { importBitmexQuotesCsv } from '../../archive/bitmex-quotes-csv.js';
import { writeBookHour } from '../../archive/book-archive.js';
import type { ImportProgress } from '../../archive/csv-lines.js';
import type { ArchiveStore } from '../../archive/store.js';
import { writeTradeHour } from '../../archive/trade-archive.js';

export const ImportFormat = z.enum(['bitmex-trades-csv', 'bitmex-quotes-csv']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/**
 * `hm archive import --format F FILE…`: streams each file into hourly segments, with progress on
 * stderr. Idempotent: trades merge by id; a quote hour is replaced by the same quotes.
 */
export async function archiveImportCommand(store: ArchiveStore, format: ImportFormat, files: string[]): Promise<void> {
  for (const file of files) {
    let segments = 0;
    const started = Date.now();
    const progress = (p: ImportProgress) =>
      process.stderr.write(
        `\r${file}: ${p.rows.toLocaleString('en-US')} ${format === 'bitmex-trades-csv' ? 'trades' : 'quotes'}, ${(p.bytes / 2 ** 20).toFixed(1)} MiB read`,
      );
    let result: ImportProgress;
    try {
      result =
        format === 'bitmex-trades-csv'
          ? await importBitmexTradesCsv(
              file,
              async (batch, hourMs) => {
                await writeTradeHour(store, batch, hourMs);
                segments += 1;
              },
              progress,
            )
          : await importBitmexQuotesCsv(
              file,
              async (batch, hourMs) => {
                await writeBookHour(store, batch, hourMs);
                segments += 1;
              },
              progress,
            );
    } catch (err) {
      console.error(`\nhm archive: ${file}: ${(err as Error).message}`);
      process.exit(1);
    }
    process.stderr.write('\n');
    console.log(
      `${file}: ${result.rows} ${format === 'bitmex-trades-csv' ? 'trades' : 'quotes'} in ${segments} hour segments, ${result.skipped} bad lines skipped (${((Date.now() - started) / 1000).toFixed(1)} s) → ${store.location}`,
    );
  }
}
