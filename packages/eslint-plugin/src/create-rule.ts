// The subpath keeps typescript-estree (and TypeScript) out of the editor's startup.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export interface KeyguardRuleDocs {
  description: string;
  /** Which shared configs turn the rule on; the meta-tests hold the configs to this. */
  recommended?: boolean;
  /** In `strict` (always true when recommended). */
  strict?: boolean;
}

const REPOSITORY_DOCS = 'https://github.com/keyguard/keyguard/blob/main/packages/eslint-plugin/docs/rules';

export const createRule = RuleCreator<KeyguardRuleDocs>(
  (name) => `${REPOSITORY_DOCS}/${name}.md`,
);
