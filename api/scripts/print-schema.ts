/** Prints the Pothos schema to api/schema.graphql (committed; codegen.ts generates the web's types from it). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema.graphql');
writeFileSync(out, `${printSchema(schema)}\n`);
console.log(`wrote ${out}`);
