import type { Db } from '@hm/db';
import type { ArchiveStore } from '@hm/engine/archive';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MarketStore } from './market-store.js';
import type { PubSub } from './pubsub.js';

/** What every resolver gets. Built once per process; nothing request-specific yet. */
export interface Context {
  db: Db;
  /** Plain commands (snapshots, health). Never used for SUBSCRIBE. */
  redis: Redis;
  pubsub: PubSub;
  market: MarketStore;
  queues: { marketData: Queue };
  /** The trade archive (older candle history, `archiveInfo`); read only. */
  archive: ArchiveStore;
}
