import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** Progress of a CSV import: rows taken, lines skipped as bad, compressed bytes read. */
export interface ImportProgress {
  rows: number;
  skipped: number;
  bytes: number;
}

/**
 * The non-empty lines of a `.csv` or `.csv.gz` file, streamed (memory stays flat), counting the
 * file bytes read into `progress.bytes` as it goes.
 */
export async function* csvLines(file: string, progress: ImportProgress): AsyncGenerator<string> {
  const raw = createReadStream(file);
  raw.on('data', (chunk) => {
    progress.bytes += chunk.length;
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() !== '') yield line;
  }
}
