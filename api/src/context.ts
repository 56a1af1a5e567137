import type { Db } from '@hm/db';
import type { ArchiveStore } from '@hm/engine/archive';
import type { ApiKeyScopeName } from '@hm/engine/auth';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MarketStore } from './market-store.js';
import type { PubSub } from './pubsub.js';
import type { SessionRowReader } from './sessions/session-row-reader.js';

/** What every resolver shares: built once per process. */
export interface SharedContext {
  db: Db;
  /** Plain commands (snapshots, health). Never used for SUBSCRIBE. */
  redis: Redis;
  pubsub: PubSub;
  market: MarketStore;
  /** BullMQ producers; closed when the app stops. */
  queues: { marketData: Queue; backtest: Queue; session: Queue };
  /** The trade archive (older candle history, `archiveInfo`); read only. */
  archive: ArchiveStore;
  /** Session rows read once per announced change, shared by every session subscription. */
  sessionRows: SessionRowReader;
  /** Exchange trading: the key sealing credentials (HM_SECRETS_KEY) and the simulator's URL (HM_SIM_URL). */
  live: { secretsKey: string | undefined; simulatorUrl: string | undefined };
}

/** The API key an operation came with (checked against the database). */
export interface Auth {
  keyId: string;
  name: string;
  scope: ApiKeyScopeName;
}

/**
 * What became of the key a request presented: none sent; valid; unknown or revoked; or not
 * checkable now (the database did not answer).
 */
export type KeyStatus = 'none' | 'valid' | 'invalid' | 'unavailable';

/** Who is calling, as the operation guard (api/src/auth/guard.ts) needs it. */
export interface Caller {
  /** Client address (rate limit without a key). */
  ip: string;
  key: KeyStatus;
}

/** What every resolver gets: the shared parts plus, per request (HTTP) or operation (graphql-ws), the caller. */
export interface Context extends SharedContext {
  /** The valid API key the operation came with; null without one. */
  auth: Auth | null;
  caller: Caller;
}
