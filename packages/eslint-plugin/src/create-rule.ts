import { terminalSafe } from '@keyguard/core';
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
      // most configs give no options (`'error'`): no key to build for them
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        options = applyDefault<Options, Options>(defaults, context.options);
        merged.set(key, options);
      }
      return spec.create(withSafeReports(context), options);
    },
  };
}

type Context = Parameters<ReturnType<typeof withDocs>['create']>[0];
type Descriptor = Parameters<Context['report']>[0];

/**
 * The context with a `report` that escapes the text messages quote from the linted code or
 * the project (an env var or header name, a file path, a config error): ESLint's formatters
 * print messages raw (stylish) or with only C0 controls escaped (json), so an ESC or a bidi
 * control written into a string literal would reach the terminal or the editor as is. Shown
 * as `\u{1b}`, as the CLI shows it (`terminalSafe` of @keyguard/core).
 */
function withSafeReports<C extends Context>(context: C): C {
  const report = (descriptor: Descriptor): void => {
    context.report({
      ...descriptor,
      ...(descriptor.data !== undefined ? { data: safeData(descriptor.data) } : {}),
      ...(descriptor.suggest != null ? { suggest: descriptor.suggest.map((s) => (s.data !== undefined ? { ...s, data: safeData(s.data) } : s)) } : {}),
    } as Descriptor);
  };
  // A proxy that answers `report` and reads everything else from ESLint's context: making the
  // context the prototype of a literal (`{ __proto__: context, report }`, as before) turned each
  // rule's context into a prototype, which V8 charges for (~7 µs per rule and file against
  // ~0.5 µs, measured in a loop of 200k at load 12; Object.create with a descriptor cost more).
  // The target is an empty object: ESLint freezes the context, and a proxy of a frozen object
  // must return its own `report`.
  return new Proxy(EMPTY_TARGET, {
    get: (_target, key) => (key === 'report' ? report : Reflect.get(context, key)),
    has: (_target, key) => Reflect.has(context, key),
  }) as unknown as C;
}

const EMPTY_TARGET = Object.freeze({});

function safeData(data: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) safe[key] = typeof value === 'string' ? terminalSafe(value) : value;
  return safe;
}
