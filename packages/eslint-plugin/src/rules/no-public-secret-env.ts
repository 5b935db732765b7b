import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticKey } from '../ast/static-string.js';
import { audienceWords, fileEnvironment } from '../client/environment.js';
import { isPublicByDesignName } from '@keyguard/core';
import { givenToPublicSink } from '../ast/public-sink.js';
import { mentionsAnyPrefix, publicPrefixOf, soundsSecret } from '../env/env-names.js';
import { createRule } from '../create-rule.js';
import { stringList } from '../schema.js';

type Options = [{ allow?: string[]; builtinAllowlist?: boolean }];
type MessageIds = 'publicSecretEnv' | 'renameWithoutPrefix' | 'inlinedSecretEnv';

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
          allow: stringList('Regular expressions (sources) of public names that are fine to ship, e.g. your own publishable keys.'),
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
        '`{{name}}` sounds like a secret, but the `{{prefix}}` prefix tells the bundler to inline it into {{bundle}}, where {{readers}} can read it. Keep the secret in a server-only variable such as `{{serverName}}`.',
      renameWithoutPrefix: 'Read `{{serverName}}` instead (and rename it in your env files).',
      inlinedSecretEnv:
        '`{{name}}` sounds like a secret, and {{how}} writes its value into the browser bundle, where every visitor can read it. Read it in server code instead.',
    },
  },
  create(context, [{ allow = [], builtinAllowlist = true }]) {
    const environment = fileEnvironment(context);
    const prefixes = environment.publicEnvPrefixes;
    const words = audienceWords(environment);
    // Most files name no public env var at all: a few substring searches beat visiting
    // every identifier.
    const text = context.sourceCode.text;
    const namesPublicPrefix = mentionsAnyPrefix(text, prefixes);
    const inliner = inlinerOf(context.filename, text);
    const astroClientEnv = text.includes('astro:env/client');
    if (!namesPublicPrefix && inliner === undefined && !astroClientEnv) return {};
    const allowPatterns = allow.map((source) => new RegExp(source));
    const isAllowed = (name: string) => (builtinAllowlist && isPublicByDesignName(name)) || allowPatterns.some((pattern) => pattern.test(name));
    const reported = new Set<number>();

    /** `env: { STRIPE_SECRET: … }` in next.config, `define: { 'process.env.X': … }`, `new DefinePlugin({...})`. */
    function checkInlined(property: TSESTree.Property): void {
      const key = staticKey(property);
      if (key === undefined || inliner === undefined || property.parent.type !== 'ObjectExpression') return;
      const how = inliningBy(property.parent, inliner) ?? (inliner === 'vite-config' ? astroClientEnvField(property) : undefined);
      if (how === undefined) return;
      const name = key.replace(/^(process\.env|import\.meta\.env)\./, '').replace(/^_+|_+$/g, '');
      // A public-prefixed name is reported as such by check().
      if (!soundsSecret(name) || isAllowed(name) || publicPrefixOf(name, prefixes) !== undefined) return;
      context.report({ node: property.key, messageId: 'inlinedSecretEnv', data: { name, how } });
    }

    function check(node: TSESTree.Identifier | TSESTree.Literal, name: string): void {
      if (!ENV_NAME.test(name)) return;
      const prefix = publicPrefixOf(name, prefixes);
      if (prefix === undefined) return;
      const rest = name.slice(prefix.length);
      if (!soundsSecret(rest) || isAllowed(rest) || isAllowed(name)) return;
      // given to a member that takes only a key public by design (a DocSearch block's apiKey, a writeKey)
      if (builtinAllowlist && givenToPublicSink(node, name, context.filename, text)) return;
      // A shorthand `{ NEXT_PUBLIC_X }` holds two nodes at one place.
      if (reported.has(node.range[0])) return;
      reported.add(node.range[0]);
      const serverName = rest;
      const renameable = node.type === 'Literal' || (node.parent.type === 'MemberExpression' && node.parent.property === node);
      context.report({
        node,
        messageId: 'publicSecretEnv',
        data: { name, prefix, serverName, bundle: words.bundle, readers: environment.audience === 'device' ? 'anyone with the app' : 'every visitor' },
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

    /**
     * `import { OPENAI_API_KEY } from 'astro:env/client'`: a variable of that module is declared with
     * `context: 'client'`, public by Astro's rules (it has no secret client kind), so a secret-sounding
     * one is in the bundle whatever its name's prefix. Reported where it is read too, since the
     * declaration may be in a config the plugin never lints.
     */
    function checkAstroClientImport(node: TSESTree.ImportDeclaration): void {
      if (node.source.value !== 'astro:env/client' || node.importKind === 'type') return;
      for (const specifier of node.specifiers) {
        if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
        const name = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        const bare = name.slice(publicPrefixOf(name, prefixes)?.length ?? 0);
        if (!soundsSecret(bare) || isAllowed(bare) || isAllowed(name)) continue;
        reported.add(specifier.imported.range[0]);
        context.report({ node: specifier.imported, messageId: 'inlinedSecretEnv', data: { name, how: "Astro's `astro:env/client` (its variables are declared with `context: 'client'`, public)" } });
      }
    }

    if (!namesPublicPrefix) return { Property: checkInlined, ImportDeclaration: checkAstroClientImport };
    return {
      Property: checkInlined,
      ImportDeclaration: checkAstroClientImport,
      Identifier(node) {
        // `readonly VITE_API_KEY: string` in an env typing declares a name; reads are what ship
        if (node.parent.type === 'TSPropertySignature' && node.parent.key === node) return;
        const first = node.name.charCodeAt(0);
        if (first < 65 || first > 90 || node.name.length < 6) return;
        check(node, node.name);
      },
      Literal(node) {
        if (typeof node.value !== 'string' || node.value.length < 6 || node.value.length > 100) return;
        if (node.parent.type === 'TSPropertySignature' && node.parent.key === node) return;
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

type Inliner = 'next-config' | 'vite-config' | 'define-plugin';

/** Which bundler setting in this file can copy env values into the browser bundle. */
function inlinerOf(filename: string, text: string): Inliner | undefined {
  const base = path.basename(filename);
  if (/^next\.config\.[cm]?[jt]s$/.test(base)) return 'next-config';
  if (/^(vite|vitest|astro|nuxt|svelte)\.config\.[cm]?[jt]s$/.test(base)) return 'vite-config';
  if (text.includes('DefinePlugin')) return 'define-plugin';
  return undefined;
}

/**
 * `STRIPE_SECRET_KEY: envField.string({ context: 'client', access: 'public' })` in an astro.config `env.schema`:
 * Astro's client variables are public (it has no secret client kind) and importable from `astro:env/client`.
 */
function astroClientEnvField(property: TSESTree.Property): string | undefined {
  const value = property.value;
  if (value.type !== 'CallExpression' || value.callee.type !== 'MemberExpression' || value.callee.object.type !== 'Identifier') return undefined;
  if (value.callee.object.name !== 'envField') return undefined;
  const options = value.arguments[0];
  if (options?.type !== 'ObjectExpression') return undefined;
  const context = options.properties.find((option) => option.type === 'Property' && staticKey(option) === 'context');
  if (context?.type !== 'Property' || context.value.type !== 'Literal' || context.value.value !== 'client') return undefined;
  return "Astro's `envField` with `context: 'client'` (importable from `astro:env/client`)";
}

/** How the object holding a property inlines it, if it does. */
function inliningBy(object: TSESTree.ObjectExpression, inliner: Inliner): string | undefined {
  const holder = object.parent;
  if (holder.type === 'Property' && holder.value === object) {
    const key = staticKey(holder);
    if (inliner === 'next-config' && key === 'env') return 'the `env` option of next.config';
    if (inliner === 'vite-config' && key === 'define') return "Vite's `define` option";
  }
  if (holder.type === 'NewExpression' && holder.arguments[0] === object) {
    const callee = holder.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticKey(callee) : undefined;
    if (name === 'DefinePlugin') return "webpack's DefinePlugin";
  }
  return undefined;
}
