import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

/** Prints the one plain line CI reads: `tests: N passed, N failed, N skipped`. */
const summary: Reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of modules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that fails to load has no failed test but must still count as a failure.
      failed += failedHere || (mod.state() === 'failed' ? 1 : 0);
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  },
};

export default defineConfig({
  // graphql 16 ships ESM and CJS builds; pin one so instanceof checks see a single module.
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
    ],
  },
  test: {
    globalSetup: [fileURLToPath(new URL('./engine/test/support/global-setup.ts', import.meta.url))],
    reporters: ['default', summary],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { shuffle: { files: false, tests: true } },
    allowOnly: !process.env.CI,
    projects: [
      { extends: true, test: { name: 'engine', root: 'engine', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'prisma', root: 'prisma', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'schemas', root: 'schemas', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', root: 'api', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', root: 'web', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: 'web',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
