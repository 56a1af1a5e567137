import path from 'node:path';
import type { EngineEnv } from '../env.js';
import { LocalArchiveStore } from './local-store.js';
import { S3ArchiveStore } from './s3-store.js';
import type { ArchiveStore } from './store.js';

/** The archive the environment names: S3 when S3_BUCKET is set, else the local folder. */
export function openArchiveStore(env: EngineEnv): ArchiveStore {
  if (env.S3_BUCKET) {
    return new S3ArchiveStore({
      bucket: env.S3_BUCKET,
      prefix: env.S3_PREFIX,
      region: env.S3_REGION,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      ...(env.S3_FORCE_PATH_STYLE ? { forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' } : {}),
      ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
        : {}),
    });
  }
  return new LocalArchiveStore(env.HM_ARCHIVE_DIR ?? path.join(env.HM_DATA_DIR, 'archive'));
}
