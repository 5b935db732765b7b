import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { inProject } from './rule-tester.js';

describe('the project keyguard config', () => {
  it('a broken package.json#keyguard stops the lint with a message naming the file and the problem', () => {
    const linter = new Linter({ cwd: '/' });
    const lint = () =>
      linter.verify(
        "const a = 'value';",
        [{ files: ['**/*.ts'], ...plugin.configs.recommended }] as Linter.Config[],
        inProject('broken-config', 'src/index.ts'),
      );
    expect(lint).toThrow(/broken-config\/package\.json#keyguard: .*disabledRules/);
  });
});
