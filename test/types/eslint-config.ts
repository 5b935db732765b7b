/**
 * Checked by `pnpm typecheck`, never run: the plugin's configs are what ESLint's own
 * `defineConfig` and typescript-eslint's `config()` accept, whole or through `extends`, and a
 * plain array takes spread.
 */
import type { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import keyguard from '../../packages/eslint-plugin/src/index.js';

export const withDefineConfig = defineConfig([
  keyguard.configs.recommended,
  { files: ['src/**/*.ts'], extends: [keyguard.configs.strict] },
  { plugins: { '@keyguard': keyguard }, rules: { '@keyguard/no-api-key-in-url': 'error' } },
]);

export const plainArray: Linter.Config[] = [...keyguard.configs.recommended, { rules: { '@keyguard/no-api-key-in-url': 'error' } }];

export const withTypescriptEslint = tseslint.config(tseslint.configs.recommended, keyguard.configs.recommended);

// The types are real, not `any`: a config the plugin does not have is an error.
// @ts-expect-error only recommended and strict exist
export const missing = keyguard.configs.nonexistent;
