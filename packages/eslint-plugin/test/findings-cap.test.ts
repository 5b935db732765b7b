import rule from '../src/rules/no-hardcoded-api-key.js';
import { fakeKey } from '../../../test/helpers/secrets.js';
import { createRuleTester, inProject } from './rule-tester.js';

/**
 * The engine reads at most `findingsLimit` candidate findings in a text and reports the rest as
 * not read (issue 13, item 14). The rule confirms a literal with the file's scan; past the cap
 * the scan has no verdict, and the literal judged on its own decides: every key is still
 * reported, none passes because the file held many.
 */
const ruleTester = createRuleTester();
const COUNT = 1500;
const keys = Array.from({ length: COUNT }, () => fakeKey.githubPat());

ruleTester.run('no-hardcoded-api-key past the findings cap', rule, {
  valid: [],
  invalid: [
    {
      name: `${COUNT} GitHub tokens in one file: each literal is reported, also past the engine's cap`,
      filename: inProject('express-api', 'src/tokens.js'),
      // template parts: reported with no suggestion, so the errors need none
      code: keys.map((key, i) => `export const token${i} = \`\${prefix} ${key}\`;`).join('\n'),
      errors: keys.map((_, i) => ({ messageId: 'hardcodedKey' as const, line: i + 1 })),
    },
  ],
});
