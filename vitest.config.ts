import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests import @keyguard/core from source so they run without a build;
// end-to-end tests in test/ use the built and packed artifacts instead.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@keyguard\/core$/, replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
      {
        find: /^@keyguard\/core\/config-files$/,
        replacement: fileURLToPath(new URL('./packages/core/src/config-files.ts', import.meta.url)),
      },
      {
        find: /^@keyguard\/core\/testing$/,
        replacement: fileURLToPath(new URL('./packages/core/src/testing.ts', import.meta.url)),
      },
      {
        find: /^@keyguard\/core\/regex-safety$/,
        replacement: fileURLToPath(new URL('./packages/core/src/regex-safety.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
