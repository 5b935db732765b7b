import { fileURLToPath } from 'node:url';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * Parses JS, TS, JSX and TSX (the file name's extension decides). The rule tester is built
 * on its own copy of @typescript-eslint/utils, so its RuleModule type is a different (but
 * structurally equal at run time) type: `run` bridges the two.
 */
export function createRuleTester(): {
  run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: RuleModule<MessageIds, Options, unknown>,
    tests: RunTests<MessageIds, Options>,
  ): void;
} {
  const tester = new RuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
  return { run: (name, rule, tests) => tester.run(name, rule as never, tests) };
}

const projects = fileURLToPath(new URL('./fixtures/projects/', import.meta.url));

/**
 * An absolute file name inside a fixture project (a folder holding only a package.json
 * that names the framework), so framework detection runs as it does for real files.
 */
export function inProject(project: string, file: string): string {
  return `${projects}${project}/${file}`;
}
