/**
 * Checked by `pnpm typecheck`, never run: the plugin's configs are what ESLint's own
 * `defineConfig` and typescript-eslint's `config()` accept, spread or whole.
 */
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import keyguard from '../../packages/eslint-plugin/src/index.js';

export const withDefineConfig = defineConfig([
  keyguard.configs.recommended,
  { ...keyguard.configs.strict, files: ['src/**/*.ts'] },
  { plugins: { '@keyguard': keyguard }, rules: { '@keyguard/no-api-key-in-url': 'error' } },
]);

export const withTypescriptEslint = tseslint.config(tseslint.configs.recommended, keyguard.configs.recommended);

// The types are real, not `any`: a config the plugin does not have is an error.
// @ts-expect-error only recommended and strict exist
export const missing = keyguard.configs.nonexistent;
