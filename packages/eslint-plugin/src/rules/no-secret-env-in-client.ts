import { isPublicByDesignName } from '@keyguard/core';
import { givenToPublicSink } from '../ast/public-sink.js';
import { audienceWords, clientVerdictAt, isClient, fileEnvironment } from '../client/environment.js';
import { ALL_PUBLIC_ENV_PREFIXES } from '../client/frameworks.js';
import { isInServerOnlyCode } from '../client/server-only-code.js';
import { envReadListeners } from '../env/env-reads.js';
import { publicPrefixOf, soundsSecret } from '../env/env-names.js';
import { createRule } from '../create-rule.js';
import { stringList } from '../schema.js';

type Options = [{ allow?: string[]; allNames?: boolean }];
type MessageIds = 'secretEnvInClient' | 'secretEnvToClient' | 'dynamicEnvInClient' | 'dynamicPublicEnvInClient' | 'privateEnvModuleInClient' | 'astroServerEnvInClient';

/** SvelteKit's modules of server-only variables: importing one into client code fails the build. */
const SVELTEKIT_PRIVATE_ENV = new Set(['$env/static/private', '$env/dynamic/private']);
/**
 * SvelteKit modules that are in the client bundle whoever imports them: components, universal
 * `+page` / `+layout` modules (their `load` runs in the browser too) and the client hooks. Other
 * `src/lib` modules ship only if client code imports them, which SvelteKit decides at build.
 */
const SVELTEKIT_CLIENT_MODULE = /(\.svelte|(^|\/)\+(page|layout)\.[cm]?[jt]s|(^|\/)hooks\.client\.[cm]?[jt]s)$/;

export default createRule<Options, MessageIds>({
  name: 'no-secret-env-in-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading non-public environment variables in client-side code',
      recommended: true,
      strict: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: stringList('Env var names that client code may read even without a public prefix (e.g. ones your bundler defines).'),
          allNames: {
            type: 'boolean',
            description:
              'Also report names that do not sound like a secret (`API_URL`, `CI`), and reads of the whole env or with a computed key where the framework puts only its public variables in the client. Next.js, Vite and Expo leave them undefined in client code: a bug, but no leak.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [], allNames: false }],
    messages: {
      secretEnvInClient:
        '`{{object}}.{{name}}` is read in client-side code ({{why}}). {{name}} is not a public name ({{prefixes}}), so it is either undefined {{runtime}} or, once inlined, a secret in {{bundle}}. Read it in a server route and send {{client}} only the result.',
      dynamicEnvInClient:
        '`{{object}}` is read as a whole or with a computed key in client-side code ({{why}}); a bundler that inlines it ships every variable in {{bundle}}. Read the variables you need by name, in server code.',
      secretEnvToClient:
        '`{{object}}.{{name}}` is read on the server and handed to the browser ({{why}}): its value is written into the page, where every visitor can read it. Pass only what the client needs, computed on the server.',
      astroServerEnvInClient:
        '`astro:env/server` is imported in client-side code ({{why}}). Its variables are the server\'s, and Astro refuses to build client code that imports it ("only available server-side"): read them in the frontmatter, an endpoint or an action, and pass the island only what it needs.',
      privateEnvModuleInClient:
        "`{{module}}` is imported in client-side code ({{why}}). Its variables are the server's secrets, and SvelteKit refuses to build a client module that imports it: read them in a `+page.server` / `+layout.server` load, a `+server` endpoint or `$lib/server`, and pass the page only what it needs.",
      dynamicPublicEnvInClient:
        '`{{object}}` is read as a whole or with a computed key in client-side code ({{why}}). {{framework}} puts only {{prefixes}} variables in {{bundle}}, so this gets one of those or undefined: read each variable by name.',
    },
  },
  create(context, [{ allow = [], allNames = false }]) {
    // the file's environment now (a broken settings.keyguard throws here, as before; where the file
    // runs is decided at the first read); what the rule derives from it at the first env read:
    // most files have none
    const environment = fileEnvironment(context);
    let setup: ReturnType<typeof prepare> | undefined;
    const prepare = () => {
      const prefixes = environment.publicEnvPrefixes;
      return {
        words: audienceWords(environment),
        allowed: new Set([...allow, ...environment.builtinEnvNames]),
        prefixes,
        frameworkId: environment.framework?.id,
        prefixList: prefixes.length > 0 ? prefixes.map((prefix) => `${prefix}*`).join(', ') : 'this framework has no public prefix',
      };
    };

    const listeners = envReadListeners(context, (read) => {
      const client = clientVerdictAt(environment, read.node, context.filename);
      if (client === undefined) return;
      setup ??= prepare();
      const { words, allowed, prefixes, frameworkId, prefixList } = setup;
      const why = client.reason;
      if (isInServerOnlyCode(read.node, frameworkId, client.clientBindings)) return;
      if (read.name === undefined) {
        // under a framework that puts only its public variables in the client, no secret can
        // come out of the read: a bug at worst, reported with allNames
        if (environment.wholeEnvReachesClient) {
          context.report({ node: read.node, messageId: 'dynamicEnvInClient', data: { object: read.object, why, bundle: words.bundle } });
        } else if (allNames) {
          const framework = environment.framework?.name ?? 'The framework';
          context.report({ node: read.node, messageId: 'dynamicPublicEnvInClient', data: { object: read.object, why, framework, prefixes: prefixList, bundle: words.bundle } });
        }
        return;
      }
      if (allowed.has(read.name) || publicPrefixOf(read.name, prefixes) !== undefined) return;
      // a key public by design (`SEGMENT_WRITE_KEY`, `JITSU_WRITE_KEY`) is no secret in the bundle; the
      // list names keys without a public prefix (`NEXT_PUBLIC_KEY` in a Vite app is a `KEY`)
      const bare = read.name.slice(publicPrefixOf(read.name, ALL_PUBLIC_ENV_PREFIXES)?.length ?? 0);
      if (!allNames && (!soundsSecret(read.name) || isPublicByDesignName(bare))) return;
      // given to a member that takes only a key public by design (a DocSearch block's apiKey, a writeKey)
      if (!allNames && givenToPublicSink(read.node, read.name, context.filename, context.sourceCode.text)) return;
      // an .astro file's own read runs on the server: what ships is its value (an island prop, define:vars)
      if (!isClient(environment)) {
        context.report({ node: read.node, messageId: 'secretEnvToClient', data: { object: read.object, name: read.name, why } });
        return;
      }
      context.report({
        node: read.node,
        messageId: 'secretEnvInClient',
        data: { object: read.object, name: read.name, why, prefixes: prefixList, runtime: words.runtime, bundle: words.bundle, client: words.client },
      });
    });
    // `$env/…` is SvelteKit's alone, `astro:env/…` Astro's, so the module name is the test; most files never say either
    const text = context.sourceCode.text;
    if (!text.includes('$env/') && !text.includes('astro:env/server')) return listeners;
    return {
      ...listeners,
      ImportDeclaration(node) {
        if (node.importKind === 'type') return;
        if (node.source.value === 'astro:env/server') {
          if (!isClient(environment)) return;
          context.report({ node: node.source, messageId: 'astroServerEnvInClient', data: { why: environment.verdict.reason } });
          return;
        }
        if (!SVELTEKIT_PRIVATE_ENV.has(node.source.value)) return;
        if (!SVELTEKIT_CLIENT_MODULE.test(context.filename.split('\\').join('/')) || !isClient(environment)) return;
        context.report({ node: node.source, messageId: 'privateEnvModuleInClient', data: { module: node.source.value, why: environment.verdict.reason } });
      },
    };
  },
});
