import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Recorded BitMEX messages (copied from ../shared/fixtures/bitmex with their provenance file). */
export const bitmexFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bitmex');
