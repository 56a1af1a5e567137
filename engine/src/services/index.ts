/** Infrastructure the stack and the test suite start when none is configured. */

export { applyMigrations, freePort, type PrivatePostgres, startEmbeddedPostgres } from '@hm/db';
export { FixItError } from './fix-it-error.js';
export { ensureRedis, type RunningRedis } from './redis-server.js';
