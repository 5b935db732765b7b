import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { fileEnvironment } from '../client/environment.js';
import { PUBLISHABLE_NAME_PATTERNS, publicPrefixOf, soundsSecret } from '../env/env-names.js';
import { createRule } from '../create-rule.js';

type Options = [{ allow?: string[]; builtinAllowlist?: boolean }];
type MessageIds = 'publicSecretEnv' | 'renameWithoutPrefix';

const ENV_NAME = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;

export default createRule<Options, MessageIds>({
  name: 'no-public-secret-env',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow secret-sounding environment variables behind a prefix that bundlers inline into browser code',
      recommended: true,
      strict: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Regular expressions (sources) of public names that are fine to ship, e.g. your own publishable keys.',
          },
          builtinAllowlist: {
            type: 'boolean',
            description: 'Allow the built-in list of keys that are public by design (Stripe/Clerk publishable, Supabase anon, reCAPTCHA site keys, Firebase web config, …).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [], builtinAllowlist: true }],
    messages: {
      publicSecretEnv:
        '`{{name}}` sounds like a secret, but the `{{prefix}}` prefix tells the bundler to inline it into browser code, where every visitor can read it. Keep the secret in a server-only variable such as `{{serverName}}`.',
      renameWithoutPrefix: 'Read `{{serverName}}` instead (and rename it in your env files).',
    },
  },
  create(context, [{ allow = [], builtinAllowlist = true }]) {
    const environment = fileEnvironment(context);
    const prefixes = environment.publicEnvPrefixes;
    // Most files name no public env var at all: a few substring searches beat visiting
    // every identifier.
    const text = context.sourceCode.text;
    if (!prefixes.some((prefix) => text.includes(prefix))) return {};
    const allowPatterns = [...(builtinAllowlist ? PUBLISHABLE_NAME_PATTERNS : []), ...allow].map((source) => new RegExp(source));
    const reported = new Set<number>();

    function check(node: TSESTree.Identifier | TSESTree.Literal, name: string): void {
      if (!ENV_NAME.test(name)) return;
      const prefix = publicPrefixOf(name, prefixes);
      if (prefix === undefined) return;
      const rest = name.slice(prefix.length);
      if (!soundsSecret(rest) || allowPatterns.some((pattern) => pattern.test(rest) || pattern.test(name))) return;
      // A shorthand `{ NEXT_PUBLIC_X }` holds two nodes at one place.
      if (reported.has(node.range[0])) return;
      reported.add(node.range[0]);
      const serverName = rest;
      const renameable = node.type === 'Literal' || (node.parent.type === 'MemberExpression' && node.parent.property === node);
      context.report({
        node,
        messageId: 'publicSecretEnv',
        data: { name, prefix, serverName },
        suggest: renameable
          ? [
              {
                messageId: 'renameWithoutPrefix',
                data: { serverName },
                fix: (fixer: TSESLint.RuleFixer) =>
                  node.type === 'Literal' ? fixer.replaceText(node, quoteLike(node.raw, serverName)) : fixer.replaceText(node, serverName),
              },
            ]
          : [],
      });
    }

    return {
      Identifier(node) {
        const first = node.name.charCodeAt(0);
        if (first < 65 || first > 90 || node.name.length < 6) return;
        check(node, node.name);
      },
      Literal(node) {
        if (typeof node.value !== 'string' || node.value.length < 6 || node.value.length > 100) return;
        const first = node.value.charCodeAt(0);
        if (first < 65 || first > 90) return;
        check(node, node.value);
      },
    };
  },
});

function quoteLike(raw: string, value: string): string {
  const quote = raw[0] === "'" ? "'" : '"';
  return `${quote}${value}${quote}`;
}
