import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './helpers/cli.js';

const pluginDir = join(workspaceRoot, 'packages/eslint-plugin');
const generator = join(workspaceRoot, 'node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js');

describe('the ESLint plugin docs', () => {
  it('the README rule table and the rule doc headers match the built plugin (eslint-doc-generator --check)', () => {
    if (!existsSync(join(pluginDir, 'dist/index.js'))) {
      throw new Error('packages/eslint-plugin/dist is missing: run `npx -y pnpm@10.34.9 build` first');
    }
    const result = spawnSync(process.execPath, [generator, '--check'], { cwd: pluginDir, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
