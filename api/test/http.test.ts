import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { schema } from '../src/schema/index.js';
import { startTestApp } from './support.js';

let app: App;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

it('serves GraphiQL at /graphql, self-contained (no CDN: works offline)', async () => {
  const res = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('HM Trading GraphiQL');
  expect(html).not.toMatch(/https:\/\/unpkg\.com/);
});

it('serves the dashboard at / and never files outside its directory', async () => {
  const page = await fetch(`${app.url}/`);
  expect(await page.text()).toContain('HM test page');
  const deepLink = await fetch(`${app.url}/sessions/123`);
  expect(await deepLink.text(), 'client-side routes get index.html').toContain('HM test page');
  const traversal = await fetch(`${app.url}/..%2f..%2f..%2fetc%2fpasswd`);
  expect(await traversal.text()).not.toContain('root:');
});

it('keeps api/schema.graphql equal to the schema the code builds (run `npm run generate`)', () => {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema.graphql');
  expect(readFileSync(file, 'utf8')).toBe(`${printSchema(schema)}\n`);
});
