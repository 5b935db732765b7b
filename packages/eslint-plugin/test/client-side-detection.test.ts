import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { fileEnvironment } from '../src/client/environment.js';
import { inProject } from './rule-tester.js';

/** Lints `code` as `filename` with a probe rule that reports what the layers decided. */
function decide(filename: string, code = 'export {};', settings: Record<string, unknown> = {}): string {
  const linter = new Linter({ cwd: '/' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,svelte,vue}'],
        languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        settings,
        plugins: {
          probe: {
            rules: {
              side: {
                create(context) {
                  const { verdict } = fileEnvironment(context as never);
                  return {
                    Program(node) {
                      context.report({ node, message: verdict === undefined ? 'unknown' : `${verdict.side}: ${verdict.reason}` });
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'probe/side': 'error' },
      },
    ],
    filename,
  );
  const message = messages[0];
  if (message === undefined || message.ruleId !== 'probe/side') throw new Error(`probe did not run: ${JSON.stringify(messages)}`);
  return message.message;
}

const side = (filename: string, code?: string, settings?: Record<string, unknown>) => decide(filename, code, settings).split(':')[0];

describe('layer 1: the file’s own markers win over everything', () => {
  it("'use client' makes a Next.js app/ file client-side", () => {
    expect(decide(inProject('next-app', 'app/page.tsx'), "'use client';\nexport default function P() {}")).toBe("client: the file starts with 'use client'");
  });
  it("'use server' makes a Vite src/ file server-side", () => {
    expect(side(inProject('vite-react', 'src/actions.ts'), "'use server';\nexport async function save() {}")).toBe('server');
  });
  it("import 'server-only' beats a clientFiles glob", () => {
    expect(decide(inProject('express-api', 'web/db.ts'), "import 'server-only';", { keyguard: { clientFiles: ['**/web/**'] } })).toBe("server: the file imports 'server-only'");
  });
  it("import 'client-only' marks a file with no framework", () => {
    expect(side(inProject('express-api', 'lib/x.ts'), "import 'client-only';")).toBe('client');
  });
  it("a 'use client' string after other statements is not a directive", () => {
    expect(side(inProject('express-api', 'lib/x.ts'), "const a = 1;\n'use client';")).toBe('unknown');
  });
});

describe('layer 2: settings.keyguard globs', () => {
  it('clientFiles marks files client-side, relative to the nearest package.json', () => {
    expect(decide(inProject('express-api', 'public/app.js'), undefined, { keyguard: { clientFiles: ['public/**'] } })).toBe('client: it matches settings.keyguard.clientFiles');
  });
  it('serverFiles wins over clientFiles', () => {
    expect(side(inProject('express-api', 'src/server/db.ts'), undefined, { keyguard: { clientFiles: ['src/**'], serverFiles: ['src/server/**'] } })).toBe('server');
  });
  it('serverFiles wins over the framework convention', () => {
    expect(side(inProject('vite-react', 'src/api/db.ts'), undefined, { keyguard: { serverFiles: ['src/api/**'] } })).toBe('server');
  });
  it('settings.keyguard.framework replaces package.json detection', () => {
    expect(side(inProject('express-api', 'src/App.tsx'), undefined, { keyguard: { framework: 'vite' } })).toBe('client');
  });
  it('rejects a malformed settings.keyguard with a message naming the key', () => {
    expect(() => decide(inProject('express-api', 'a.ts'), undefined, { keyguard: { clientFiles: 'src/**' } })).toThrow(/settings\.keyguard\.clientFiles must be an array of strings/);
    expect(() => decide(inProject('express-api', 'a.ts'), undefined, { keyguard: { clientFile: [] } })).toThrow(/unknown key settings\.keyguard\.clientFile/);
    expect(() => decide(inProject('express-api', 'a.ts'), undefined, { keyguard: { framework: 'rails' } })).toThrow(/settings\.keyguard\.framework must be one of/);
  });
});

describe('layer 3: names that mean the same in every framework', () => {
  it.each([
    ['remix-app', 'app/utils/db.server.ts', 'server'],
    ['vite-react', 'src/session.server.ts', 'server'],
    ['vite-react', 'src/analytics.client.ts', 'client'],
    ['next-app', 'next.config.mjs', 'server'],
    ['vite-react', 'vite.config.ts', 'server'],
    ['sveltekit-app', 'src/lib/server/db.ts', 'server'],
  ])('%s/%s is %s', (project, file, expected) => {
    expect(side(inProject(project, file))).toBe(expected);
  });
});

describe("layer 4: the Next.js client boundary — modules a 'use client' file imports", () => {
  it('a component imported through the @/ alias of a JSONC tsconfig is client-side', () => {
    expect(decide(inProject('next-app', 'components/Chart.js'))).toBe("client: a 'use client' file, app/dashboard/page.js, imports it");
  });
  it('the boundary is transitive (Chart imports ../lib/series.js)', () => {
    expect(side(inProject('next-app', 'lib/series.js'))).toBe('client');
  });
  it("a 'use server' module imported by client code stays on the server", () => {
    // the boundary does not mark it client (whatever the linted text says) …
    expect(side(inProject('next-app', 'lib/actions.js'))).toBe('unknown');
    // … and its own directive makes it server-side
    expect(side(inProject('next-app', 'lib/actions.js'), "'use server';\nexport async function save() {}")).toBe('server');
  });
  it('a module only server components import is not client-side', () => {
    expect(side(inProject('next-app', 'lib/db.js'))).toBe('unknown');
    expect(side(inProject('next-app', 'app/settings/page.js'))).toBe('server');
  });
});

describe('layer 5: framework path conventions (framework read from the nearest package.json)', () => {
  it.each([
    // Next.js app router: server components unless 'use client'
    ['next-app', 'app/page.tsx', 'server'],
    ['next-app', 'src/app/dashboard/layout.tsx', 'server'],
    ['next-app', 'app/api/quote/route.ts', 'server'],
    ['next-app', 'middleware.ts', 'server'],
    ['next-app', 'src/proxy.ts', 'server'],
    ['next-app', 'instrumentation.ts', 'server'],
    // Next.js pages router
    ['next-app', 'pages/index.tsx', 'client'],
    ['next-app', 'src/pages/blog/[slug].jsx', 'client'],
    ['next-app', 'pages/api/quote.ts', 'server'],
    ['next-app', 'pages/_document.tsx', 'server'],
    ['next-app', 'components/Button.tsx', 'unknown'],
    // Remix / React Router
    ['remix-app', 'app/routes/_index.tsx', 'client'],
    ['remix-app', 'app/entry.client.tsx', 'client'],
    ['remix-app', 'app/entry.server.tsx', 'server'],
    // SvelteKit
    ['sveltekit-app', 'src/routes/+page.ts', 'client'],
    ['sveltekit-app', 'src/routes/+page.svelte', 'client'],
    ['sveltekit-app', 'src/routes/+page.server.ts', 'server'],
    ['sveltekit-app', 'src/routes/api/+server.ts', 'server'],
    ['sveltekit-app', 'src/hooks.server.ts', 'server'],
    ['sveltekit-app', 'src/lib/api.ts', 'client'],
    // Nuxt
    ['nuxt-app', 'server/api/quote.ts', 'server'],
    ['nuxt-app', 'components/Quote.vue', 'client'],
    // Astro
    ['astro-site', 'src/pages/api/quote.ts', 'server'],
    ['astro-site', 'src/middleware.ts', 'server'],
    ['astro-site', 'src/components/Quote.tsx', 'unknown'],
    // Gatsby
    ['gatsby-site', 'gatsby-node.js', 'server'],
    ['gatsby-site', 'gatsby-browser.js', 'client'],
    ['gatsby-site', 'src/api/quote.ts', 'server'],
    ['gatsby-site', 'src/pages/index.tsx', 'client'],
    // Expo / React Native
    ['expo-app', 'app/index.tsx', 'client'],
    ['expo-app', 'components/Quote.tsx', 'client'],
    ['expo-app', 'app/api/quote+api.ts', 'server'],
    // Angular
    ['angular-app', 'src/environments/environment.prod.ts', 'client'],
    ['angular-app', 'src/app/quote.service.ts', 'client'],
    ['angular-app', 'src/main.server.ts', 'server'],
    ['angular-app', 'server.ts', 'server'],
    // bundlers that ship src/
    ['cra-app', 'src/App.js', 'client'],
    ['vite-react', 'src/App.tsx', 'client'],
    ['vite-react', 'scripts/seed.ts', 'unknown'],
    // no client framework
    ['express-api', 'src/server.js', 'unknown'],
  ])('%s/%s is %s', (project, file, expected) => {
    expect(side(inProject(project, file))).toBe(expected);
  });

  it('explains the decision in words the message can carry', () => {
    expect(decide(inProject('next-app', 'app/page.tsx'))).toBe("server: Next.js app/ files are server components unless they say 'use client'");
    expect(decide(inProject('vite-react', 'src/App.tsx'))).toBe('client: Vite bundles src/ for the browser');
  });
});
