/** The archive for other packages (`@hm/engine/archive`): open it, read candles and a summary from it. */
import { readEngineEnv } from '../env.js';
import { openArchiveStore } from './open-store.js';
import type { ArchiveStore } from './store.js';

export { type ArchiveCandle, type ArchiveCandleQuery, archiveCandles } from './archive-candles.js';
export { type ArchiveMarketInfo, archiveExtent, archiveInfo } from './archive-info.js';
export { LocalArchiveStore } from './local-store.js';
export { openArchiveStore } from './open-store.js';
export { ArchiveObjectNotFoundError, type ArchiveStore } from './store.js';
/** `writeTradeHour` is exported for tests that build an archive. */
export { CorruptSegmentError, writeTradeHour } from './trade-archive.js';

/** The archive the engine's environment names (HM_ARCHIVE_DIR / HM_DATA_DIR / S3_*), as `hm` opens it. */
export function openArchiveStoreFromEnv(source: NodeJS.ProcessEnv = process.env): ArchiveStore {
  return openArchiveStore(readEngineEnv(source));
}
