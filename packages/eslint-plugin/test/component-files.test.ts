/**
 * Vue single-file components and Svelte components, linted the way their users lint them: the
 * framework's own flat config (eslint-plugin-vue with vue-eslint-parser, eslint-plugin-svelte with
 * svelte-eslint-parser, TypeScript inside through typescript-eslint's parser), then
 * `keyguard.configs.recommended`, through the real ESLint CLI, on small projects laid out as a Vite
 * + Vue app, a SvelteKit app and a Nuxt app lay them out.
 */
import { describe, expect, it } from 'vitest';
import { testSecret } from '@keyguard/core/testing';
import { lintProject, parserFor, workspaceImport, type LintRun } from './eslint-cli.js';

const SECRET_ENV = '@keyguard/no-secret-env-in-client';
const PUBLIC_ENV = '@keyguard/no-public-secret-env';
const HARDCODED = '@keyguard/no-hardcoded-api-key';
const HEADER = '@keyguard/no-api-key-header-in-client';
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ name: 'app', private: true, type: 'module', ...fields });

/** keyguard's findings only (the framework configs' own rules are not under test). */
function keyguardFindings(run: LintRun): Array<[string, string | null, number]> {
  return run.findings.filter((finding) => finding.ruleId?.startsWith('@keyguard/') === true || finding.ruleId === null).map((finding) => [finding.file, finding.ruleId, finding.line]);
}

const vueConfig = {
  imports: `${workspaceImport('pluginVue', 'eslint-plugin-vue')}\n`,
  // what create-vue scaffolds for a TypeScript app: the plugin's flat config, TypeScript in <script>
  configs: "...pluginVue.configs['flat/base'], { files: ['**/*.vue'], languageOptions: { parserOptions: { parser } } },",
};
const svelteConfig = {
  imports: `${workspaceImport('svelte', 'eslint-plugin-svelte')}\n`,
  // what `sv create` scaffolds: the plugin's config, TypeScript in <script> and in rune modules
  configs: "...svelte.configs.base, { files: ['**/*.svelte', '**/*.svelte.ts'], languageOptions: { parserOptions: { parser } } },",
};

describe('a Vite + Vue app', () => {
  const stripe = testSecret('stripe-secret-key');
  const run = lintProject(
    {
      'package.json': manifest({ dependencies: { vue: '^3.5.0' }, devDependencies: { vite: '^6.0.0', '@vitejs/plugin-vue': '^5.0.0' } }),
      'index.html': '<!doctype html>\n<div id="app"></div>\n<script type="module" src="/src/main.ts"></script>\n',
      'src/main.ts': "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n",
      'src/App.vue': [
        '<script setup lang="ts">',
        "import { ref } from 'vue';",
        "import Checkout from './components/Checkout.vue';",
        `const stripe = '${stripe}';`,
        'const apiUrl = import.meta.env.VITE_API_URL;',
        'const count = ref(0);',
        '</script>',
        '<template>',
        '  <Checkout :url="apiUrl" :count="count" :stripe="stripe" />',
        `  <StripeElements publishable-key="pk_test_example" secret-key="${stripe}" />`,
        `  <p :title="'${stripe}'">{{ count }}</p>`,
        '</template>',
        '',
      ].join('\n'),
      'src/components/Checkout.vue': [
        '<script lang="ts">',
        "import { pay } from '../api/payments';",
        'export default { props: { url: String, count: Number }, methods: { pay } };',
        '</script>',
        '<template><button @click="pay">Pay</button></template>',
        '',
      ].join('\n'),
      // imported by a component only: reached from index.html through App.vue and Checkout.vue
      'src/api/payments.ts': [
        'export function pay() {',
        "  return fetch('/pay', { headers: { 'x-api-key': import.meta.env.VITE_PAYMENTS_KEY } });",
        '}',
        'export const secret = import.meta.env.STRIPE_SECRET_KEY;',
        '',
      ].join('\n'),
      // the app's own API server, never imported by the app
      'server/index.ts': 'export const key = process.env.STRIPE_SECRET_KEY;\n',
    },
    { frameworkConfig: vueConfig },
  );

  it('lints <script setup>, the template and the modules components import, with no parsing error', () => {
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([
      ['src/App.vue', HARDCODED, 4],
      ['src/App.vue', HARDCODED, 10],
      ['src/App.vue', HARDCODED, 11],
      ['src/api/payments.ts', HEADER, 2],
      ['src/api/payments.ts', PUBLIC_ENV, 2],
      ['src/api/payments.ts', SECRET_ENV, 4],
    ]);
  });

  it('says the component ships to the browser, and what reaches a module through components', () => {
    const byLine = (file: string, line: number) => run.findings.find((finding) => finding.file === file && finding.line === line)?.message ?? '';
    expect(byLine('src/App.vue', 4)).toMatch(/hardcoded in client-side code \(a Vue single-file component ships to the browser\)/);
    expect(byLine('src/api/payments.ts', 4)).toMatch(/index\.html loads it \(through src\/main\.ts\)/);
  });

  it('offers no env-var replacement in client code or in markup, and never prints the key', () => {
    const inComponent = run.findings.filter((f) => f.file === 'src/App.vue');
    expect(inComponent).toHaveLength(3);
    for (const finding of inComponent) expect(finding.suggestions).toEqual([]);
    expect(JSON.stringify(run.findings)).not.toContain(stripe);
  });
});

describe('a SvelteKit app', () => {
  const stripe = testSecret('stripe-secret-key', 1);
  let svelteModuleParser: string | undefined;
  const run = lintProject(
    {
      'package.json': manifest({ devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^5.0.0', vite: '^6.0.0' } }),
      'svelte.config.js': 'export default { kit: {} };\n',
      'src/routes/+page.svelte': [
        '<script module lang="ts">',
        '  export const title = "Shop";',
        '</script>',
        '<script lang="ts">',
        "  import { STRIPE_SECRET_KEY } from '$env/static/private';",
        "  import { PUBLIC_API_URL } from '$env/static/public';",
        "  import Map from '$lib/components/Map.svelte';",
        '  let { data } = $props();',
        '  let count = $state(0);',
        '  const doubled = $derived(count * 2);',
        '</script>',
        '<svelte:head><title>{title}</title></svelte:head>',
        `<button onclick={() => count++} data-key={'${stripe}'}>{doubled} {data.name} {PUBLIC_API_URL} {STRIPE_SECRET_KEY}</button>`,
        '<Map />',
        '{#if count > 2}<p>{count}</p>{/if}',
        '',
      ].join('\n'),
      'src/lib/components/Map.svelte': [
        '<script lang="ts">',
        "  import { env } from '$env/dynamic/public';",
        '</script>',
        `<GoogleMap apiKey="${stripe}" region={env.PUBLIC_REGION} />`,
        '',
      ].join('\n'),
      'src/routes/+page.server.ts': "import { STRIPE_SECRET_KEY } from '$env/static/private';\nexport const load = () => ({ name: STRIPE_SECRET_KEY.slice(0, 0) });\n",
      'src/routes/checkout/+page.ts': "import { env } from '$env/dynamic/private';\nexport const load = () => ({ key: env.STRIPE_SECRET_KEY });\n",
      'src/routes/api/pay/+server.ts': `export const POST = () => fetch('https://api.stripe.com', { headers: { Authorization: 'Bearer ${stripe}' } });\n`,
      'src/lib/server/db.ts': "import { env } from '$env/dynamic/private';\nexport const url = env.DATABASE_URL;\n",
      // SvelteKit decides at build whether a src/lib module reaches the client: not keyguard's call
      'src/lib/stripe.ts': "import { STRIPE_SECRET_KEY } from '$env/static/private';\nexport const key = STRIPE_SECRET_KEY;\n",
      'src/lib/counter.svelte.ts': 'export function counter() {\n  let count = $state(0);\n  return { get count() { return count; }, increment: () => count++ };\n}\n',
    },
    {
      frameworkConfig: svelteConfig,
      inspect: (root) => {
        svelteModuleParser = parserFor(root, 'src/lib/counter.svelte.ts');
      },
    },
  );

  it('lints components and rune modules with no parsing error: $env/*/private in a component or universal load, a key in markup', () => {
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([
      ['src/lib/components/Map.svelte', HARDCODED, 4],
      ['src/routes/+page.svelte', SECRET_ENV, 5],
      ['src/routes/+page.svelte', HARDCODED, 13],
      ['src/routes/api/pay/+server.ts', HARDCODED, 1],
      ['src/routes/checkout/+page.ts', SECRET_ENV, 1],
    ]);
  });

  it('says why: SvelteKit refuses private env in client code, and a component ships to the browser', () => {
    const message = run.findings.find((finding) => finding.file === 'src/routes/+page.svelte' && finding.line === 5)?.message ?? '';
    expect(message).toMatch(/`\$env\/static\/private` is imported in client-side code \(a Svelte component ships to the browser\)/);
    expect(message).toMatch(/SvelteKit refuses to build/);
    const server = run.findings.find((finding) => finding.file === 'src/routes/api/pay/+server.ts')?.message ?? '';
    expect(server).not.toMatch(/client-side|browser bundle/);
  });

  it("leaves a rune module (*.svelte.ts) to svelte-eslint-parser: keyguard's TypeScript parser block does not replace it", () => {
    expect(svelteModuleParser).toMatch(/^svelte-eslint-parser@/);
  });
});

describe('a Nuxt app', () => {
  const stripe = testSecret('stripe-secret-key', 2);
  it('pages and components are client code, server/ and server components are not', () => {
    const run = lintProject(
      {
        'package.json': manifest({ dependencies: { nuxt: '^3.15.0', vue: '^3.5.0' } }),
        'nuxt.config.ts': 'export default defineNuxtConfig({ runtimeConfig: { stripeSecret: "", public: { apiBase: "" } } });\n',
        'app.vue': '<template><NuxtPage /></template>\n',
        'pages/index.vue': [
          '<script setup lang="ts">',
          `const key = '${stripe}';`,
          'const { public: config } = useRuntimeConfig();',
          'const secret = process.env.NUXT_STRIPE_SECRET;',
          'const publicSecret = process.env.NUXT_PUBLIC_STRIPE_SECRET;',
          '</script>',
          '<template><Checkout :k="key" :s="secret" :p="publicSecret" :base="config.apiBase" /></template>',
          '',
        ].join('\n'),
        'components/islands/Invoice.vue': `<script setup lang="ts">\nconst key = '${stripe}';\n</script>\n<template><p>{{ key.length }}</p></template>\n`,
        'components/Receipt.server.vue': '<script setup lang="ts">\nconst secret = process.env.STRIPE_SECRET_KEY;\n</script>\n<template><p>{{ secret?.length }}</p></template>\n',
        'server/api/pay.ts': 'export default defineEventHandler(() => process.env.STRIPE_SECRET_KEY);\n',
      },
      { frameworkConfig: vueConfig },
    );
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([
      ['components/islands/Invoice.vue', HARDCODED, 2],
      ['pages/index.vue', HARDCODED, 2],
      ['pages/index.vue', SECRET_ENV, 4],
      ['pages/index.vue', PUBLIC_ENV, 5],
    ]);
    const island = run.findings.find((finding) => finding.file === 'components/islands/Invoice.vue')?.message ?? '';
    expect(island).not.toMatch(/client-side/);
  });
});

describe('a Vite + Svelte app and an Astro site', () => {
  it('a module only a Svelte component imports is reached from index.html', () => {
    const run = lintProject(
      {
        'package.json': manifest({ devDependencies: { svelte: '^5.0.0', vite: '^6.0.0', '@sveltejs/vite-plugin-svelte': '^5.0.0' } }),
        'index.html': '<div id="app"></div>\n<script type="module" src="/src/main.ts"></script>\n',
        'src/main.ts': "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.body });\n",
        'src/App.svelte': "<script lang=\"ts\">\n  import { dogs } from './lib/dogs';\n</script>\n<button onclick={dogs}>Dogs</button>\n",
        'src/lib/dogs.ts': "export const dogs = () => fetch('https://api.thedogapi.com/v1/images/search', { headers: { 'x-api-key': DOG_KEY } });\ndeclare const DOG_KEY: string;\n",
      },
      { frameworkConfig: svelteConfig },
    );
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([['src/lib/dogs.ts', HEADER, 1]]);
  });

  it('in Astro a component ships only with a client: directive, so it is not client code by itself', () => {
    const run = lintProject(
      {
        'package.json': manifest({ dependencies: { astro: '^5.0.0', '@astrojs/vue': '^5.0.0', vue: '^3.5.0' } }),
        'src/components/Prices.vue': "<script setup lang=\"ts\">\nconst rows = await fetch('https://api.example.com', { headers: { 'x-api-key': import.meta.env.PRICES_API_KEY } });\n</script>\n<template><p>{{ rows }}</p></template>\n",
      },
      { frameworkConfig: vueConfig },
    );
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([]);
  });
});

describe('without the framework parser', () => {
  it('a .vue file is a parsing error, never a component skipped in silence', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { vue: '^3.5.0' } }),
      'src/App.vue': `<script setup>\nconst key = '${testSecret('stripe-secret-key', 3)}';\n</script>\n<template><p /></template>\n`,
    });
    expect(keyguardFindings(run)).toEqual([['src/App.vue', null, 1]]);
    expect(run.findings[0]?.message).toMatch(/Parsing error/);
  });
});
