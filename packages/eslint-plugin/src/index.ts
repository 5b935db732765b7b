import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { rulesFor } from './configs.js';
import { rules } from './rules/index.js';

export type { KeyguardSettings } from './client/settings.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

interface KeyguardPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    strict: TSESLint.FlatConfig.Config;
  };
}

const plugin: KeyguardPlugin = {
  meta: { name, version, namespace: '@keyguard' },
  rules,
  configs: {} as KeyguardPlugin['configs'],
};

plugin.configs.recommended = {
  name: '@keyguard/recommended',
  plugins: { '@keyguard': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: rulesFor('recommended'),
};
plugin.configs.strict = {
  name: '@keyguard/strict',
  plugins: { '@keyguard': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: rulesFor('strict'),
};

export default plugin;
