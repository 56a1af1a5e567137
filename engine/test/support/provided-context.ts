/** What the global test setup provides to every test file through vitest's `inject()`. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Migrated database for tests that only read/write their own rows. */
    databaseUrl: string;
    redisUrl: string;
  }
}

export {};
