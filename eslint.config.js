import { existsSync } from 'node:fs';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

// The repo lints itself with its own plugin, loaded from the build like a user loads the
// package. Before the first build there is nothing to load: say so rather than crash.
const keyguardDist = new URL('./packages/eslint-plugin/dist/index.js', import.meta.url);
const keyguard = existsSync(keyguardDist) ? (await import(keyguardDist.href)).default : undefined;
if (keyguard === undefined) {
  console.warn('eslint.config.js: packages/eslint-plugin/dist is not built; linting without @keyguard rules (run: npx -y pnpm@10.34.9 build)');
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'bench/.cache/**',
      '.bench-cache/**',
      'coverage/**',
      // projects with deliberate findings, linted by the end-to-end test with their own config
      'test/fixtures/eslint-*/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  ...(keyguard !== undefined ? [{ files: ['**/*.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'], extends: [keyguard.configs.recommended] }] : []),
  {
    files: ['packages/eslint-plugin/src/**/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
  },
  {
    files: ['packages/eslint-plugin/test/**/*.test.ts'],
    ...eslintPlugin.configs['tests-recommended'],
  },
);
