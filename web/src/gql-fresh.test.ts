import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';
import config from '../../codegen';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('keeps web/src/gql equal to what codegen.ts generates from api/schema.graphql (run `npm run codegen`)', async () => {
  const files = (await generate({ ...config, cwd: root, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(readFileSync(path.resolve(root, file.filename), 'utf8'), file.filename).toBe(file.content);
  }
}, 60_000);
