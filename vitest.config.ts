import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where the
// suite's heaviest files (the ReDoS checks, whose work runs in a recheck child process) and the
// end-to-end tests (git, ESLint, npm children) leave a core idle. Two workers there, the default
// elsewhere (docs/benchmarks.md, "Test suite run time").
const cores = availableParallelism();

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
    // one scratch dir per run, where the end-to-end tests share one pack of the tarballs
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: Math.max(Math.min(2, cores), cores - 1),
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
