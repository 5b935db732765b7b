/**
 * Astro components, linted the way Astro sites lint them: eslint-plugin-astro's flat config
 * (astro-eslint-parser for `.astro` files, its processor handing each `<script>` tag to ESLint as a
 * virtual `X.astro/<n>.ts` file), then `keyguard.configs.recommended`, through the real ESLint CLI
 * on a small Astro project. In an `.astro` file the frontmatter and the template run on the server;
 * `<script>` tags, islands (`client:*`) with what they import, and the values handed to them ship
 * to the browser.
 */
import { describe, expect, it } from 'vitest';
import { testSecret } from '@keyguard/core/testing';
import { lintProject, parserFor, workspaceImport, type LintRun } from './eslint-cli.js';

const SECRET_ENV = '@keyguard/no-secret-env-in-client';
const PUBLIC_ENV = '@keyguard/no-public-secret-env';
const HARDCODED = '@keyguard/no-hardcoded-api-key';
const HEADER = '@keyguard/no-api-key-header-in-client';
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ name: 'site', private: true, type: 'module', ...fields });

/**
 * keyguard's findings only (eslint-plugin-astro's own rules are not under test), and parsing errors,
 * by line: the processor puts a `<script>` tag's messages after the file's own.
 */
function keyguardFindings(run: LintRun): Array<[string, string | null, number]> {
  return run.findings
    .filter((finding) => finding.ruleId?.startsWith('@keyguard/') === true || finding.ruleId === null)
    .map((finding): [string, string | null, number] => [finding.file, finding.ruleId, finding.line])
    .sort((a, b) => (a[0] === b[0] ? a[2] - b[2] : a[0] < b[0] ? -1 : 1));
}

const astroConfig = {
  imports: `${workspaceImport('astro', 'eslint-plugin-astro')}\n`,
  // the plugin's recommended flat config, as Astro's docs give it (TypeScript in <script> through
  // typescript-eslint's parser, which the project has); `flat/recommended` is the same array under
  // the CommonJS entry that workspaceImport resolves, where `recommended` is the legacy config
  configs: "...astro.configs['flat/recommended'],",
};

const stripe = testSecret('stripe-secret-key');

const site = {
  'package.json': manifest({ dependencies: { astro: '^5.0.0', '@astrojs/react': '^4.0.0', react: '^19.0.0' } }),
  'astro.config.mjs': [
    "import { defineConfig, envField } from 'astro/config';",
    'export default defineConfig({',
    '  env: {',
    '    schema: {',
    "      STRIPE_SECRET_KEY: envField.string({ context: 'server', access: 'secret' }),",
    "      PUBLIC_SITE_URL: envField.string({ context: 'client', access: 'public' }),",
    "      PAYMENTS_API_SECRET: envField.string({ context: 'client', access: 'public' }),",
    '    },',
    '  },',
    '});',
    '',
  ].join('\n'),
  'src/pages/index.astro': [
    '---',
    "import { STRIPE_SECRET_KEY } from 'astro:env/server';",
    "import Checkout from '../components/Checkout.tsx';",
    "import { Footer } from '../components/Footer.tsx';",
    "import Layout from '../layouts/Layout.astro';",
    'const prices = await fetch(\'https://api.example.com/prices\', { headers: { \'x-api-key\': import.meta.env.PRICES_API_KEY } });',
    `const stripe = '${stripe}';`,
    'const fromServerModule = STRIPE_SECRET_KEY;',
    '---',
    '<Layout>',
    '  <Checkout client:load secretKey={import.meta.env.STRIPE_SECRET_KEY} siteUrl={import.meta.env.PUBLIC_SITE_URL} />',
    '  <Footer apiKey={import.meta.env.STRIPE_SECRET_KEY} />',
    '  <p>{prices.status}</p>',
    '</Layout>',
    '<script>',
    "  import '../scripts/analytics.ts';",
    '  const token = import.meta.env.STRIPE_SECRET_KEY;',
    '  const site = import.meta.env.PUBLIC_SITE_URL;',
    '  console.log(token, site);',
    '</script>',
    '<script define:vars={{ adminToken: import.meta.env.ADMIN_TOKEN, site: import.meta.env.PUBLIC_SITE_URL }}>',
    '  console.log(adminToken, site);',
    '</script>',
    '',
  ].join('\n'),
  'src/layouts/Layout.astro': [
    '---',
    "import { Live } from '../components/Live.tsx';",
    'const { title } = Astro.props;',
    '---',
    '<html><head><title>{title}</title></head>',
    '<body><slot /><Live client:visible /></body></html>',
    '<script>',
    `  const key = '${stripe}';`,
    '  document.body.dataset.key = key;',
    '</script>',
    '',
  ].join('\n'),
  // an island: hydrated with client:load, so it and what it imports ship; it reads a client
  // variable of astro:env whose name sounds secret (public: declared with context 'client')
  'src/components/Checkout.tsx': [
    "import { PAYMENTS_API_SECRET, PUBLIC_SITE_URL } from 'astro:env/client';",
    "import { pay } from '../lib/pay';",
    'export default function Checkout(props: { secretKey: string; siteUrl: string }) {',
    "  return <button onClick={() => pay(props.siteUrl ?? PUBLIC_SITE_URL, PAYMENTS_API_SECRET)}>Pay</button>;",
    '}',
    '',
  ].join('\n'),
  'src/lib/pay.ts': [
    'export function pay(url: string, _token?: string) {',
    "  return fetch(url, { method: 'POST', headers: { 'x-api-key': import.meta.env.PUBLIC_PAYMENTS_ID } });",
    '}',
    'export const secret = import.meta.env.PAYMENTS_SECRET;',
    '',
  ].join('\n'),
  // rendered without a directive: server-rendered HTML, no code ships
  'src/components/Footer.tsx': 'export function Footer(props: { apiKey: string }) {\n  const key = import.meta.env.STRIPE_SECRET_KEY;\n  return <footer>{key.length}</footer>;\n}\n',
  // an island of the layout (a named import, client:visible) that imports the server env module
  'src/components/Live.tsx': "import { STRIPE_SECRET_KEY } from 'astro:env/server';\nexport function Live() {\n  return <p>{STRIPE_SECRET_KEY.length}</p>;\n}\n",
  // imported by a <script> tag
  'src/scripts/analytics.ts': "fetch('https://analytics.example.com', { headers: { 'x-api-key': import.meta.env.ANALYTICS_SECRET } });\n",
  // an endpoint: server code
  'src/pages/api/prices.ts': "export const GET = () => fetch('https://api.example.com', { headers: { 'x-api-key': import.meta.env.PRICES_API_KEY } });\n",
};

describe('an Astro site', () => {
  let astroParser: string | undefined;
  const run = lintProject(site, {
    frameworkConfig: astroConfig,
    inspect: (root) => {
      astroParser = parserFor(root, 'src/pages/index.astro');
    },
  });

  it('lints frontmatter, template, <script> tags and islands with no parsing error', () => {
    expect(run.stderr).toBe('');
    expect(keyguardFindings(run)).toEqual([
      ['astro.config.mjs', PUBLIC_ENV, 7],
      ['src/components/Checkout.tsx', PUBLIC_ENV, 1],
      ['src/components/Live.tsx', SECRET_ENV, 1],
      ['src/layouts/Layout.astro', HARDCODED, 8],
      ['src/lib/pay.ts', HEADER, 2],
      ['src/lib/pay.ts', SECRET_ENV, 4],
      ['src/pages/index.astro', HARDCODED, 7],
      ['src/pages/index.astro', SECRET_ENV, 11],
      ['src/pages/index.astro', SECRET_ENV, 17],
      ['src/pages/index.astro', SECRET_ENV, 21],
      ['src/scripts/analytics.ts', HEADER, 1],
      ['src/scripts/analytics.ts', SECRET_ENV, 1],
    ]);
  });

  it('says where the code runs: a <script> tag, an island prop, define:vars, what an island or a script imports', () => {
    const message = (file: string, line: number) => run.findings.find((finding) => finding.file === file && finding.line === line)?.message ?? '';
    expect(message('src/pages/index.astro', 11)).toMatch(/read on the server and handed to the browser \(it is a prop of <Checkout client:load>/);
    expect(message('src/pages/index.astro', 17)).toMatch(/an Astro <script> tag ships to the browser/);
    expect(message('src/pages/index.astro', 21)).toMatch(/ADMIN_TOKEN.*define:vars writes it into the page/);
    expect(message('src/lib/pay.ts', 4)).toMatch(/src\/pages\/index\.astro hydrates it in the browser with client:load \(through src\/components\/Checkout\.tsx\)/);
    expect(message('src/components/Live.tsx', 1)).toMatch(/astro:env\/server.*src\/layouts\/Layout\.astro hydrates it in the browser with client:visible/);
    expect(message('src/scripts/analytics.ts', 1)).toMatch(/a <script> tag in src\/pages\/index\.astro bundles it/);
    // a key in a <script> tag is a key in the browser; in the frontmatter, a key in the repository
    expect(message('src/layouts/Layout.astro', 8)).toMatch(/browser/);
    expect(message('src/pages/index.astro', 7)).toMatch(/hardcoded/);
    expect(message('astro.config.mjs', 7)).toMatch(/PAYMENTS_API_SECRET.*envField.*context: 'client'/);
    expect(message('src/components/Checkout.tsx', 1)).toMatch(/PAYMENTS_API_SECRET.*astro:env\/client/);
    expect(JSON.stringify(run.findings)).not.toContain(stripe);
  });

  it("leaves .astro files to astro-eslint-parser: keyguard sets no parser on them", () => {
    expect(astroParser).toMatch(/astro-eslint-parser/);
  });
});

describe('an Astro site, keyguard before eslint-plugin-astro', () => {
  it('gives the same findings whatever the order', () => {
    const after = lintProject(site, { frameworkConfig: astroConfig });
    const before = lintProject(site, {
      frameworkConfig: { imports: astroConfig.imports, configs: '' },
      extraConfig: astroConfig.configs,
    });
    expect(before.stderr).toBe('');
    expect(keyguardFindings(before)).toEqual(keyguardFindings(after));
  });
});
