// The subpath keeps typescript-estree (and TypeScript) out of the editor's startup.
import { applyDefault, RuleCreator, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

export interface KeyguardRuleDocs {
  description: string;
  /** Which shared configs turn the rule on; the meta-tests hold the configs to this. */
  recommended?: boolean;
  /** In `strict` (always true when recommended). */
  strict?: boolean;
}

const REPOSITORY_DOCS = 'https://github.com/keyguard/keyguard/blob/main/packages/eslint-plugin/docs/rules';

const withDocs = RuleCreator<KeyguardRuleDocs>((name) => `${REPOSITORY_DOCS}/${name}.md`);

/**
 * typescript-eslint's RuleCreator, with the options merged once per distinct configuration
 * instead of once per file: its `create` runs `applyDefault` (a structuredClone and a deep
 * merge) for every rule on every file, which was a sixth of the plugin's own time on a large
 * app. ESLint hands each file a fresh options array, so the cache is keyed by its JSON.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<RuleWithMetaAndName<Options, MessageIds, KeyguardRuleDocs>>,
): ReturnType<typeof withDocs<Options, MessageIds>> {
  const rule = withDocs(spec);
  const defaults = (spec.meta.defaultOptions ?? []) as unknown as Options;
  const merged = new Map<string, Options>();
  return {
    ...rule,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        options = applyDefault<Options, Options>(defaults, context.options);
        merged.set(key, options);
      }
      return spec.create(context, options);
    },
  };
}
