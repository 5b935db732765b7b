/**
 * Client or server, decided the way the framework decides, on small projects laid out the
 * way users lay them out, through the real ESLint CLI with `configs.recommended`. Each
 * project holds the false alarms seen on real open-source apps (which must stay quiet) next
 * to a real leak of the same shape (which must be reported).
 */
import { describe, expect, it } from 'vitest';
import { testSecret } from '@keyguard/core/testing';
import { lintProject, where } from './eslint-cli.js';

const SECRET_ENV = '@keyguard/no-secret-env-in-client';
const PUBLIC_ENV = '@keyguard/no-public-secret-env';
const HARDCODED = '@keyguard/no-hardcoded-api-key';
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ name: 'app', private: true, ...fields });

describe('Expo Router', () => {
  const run = lintProject({
    'package.json': manifest({ main: 'expo-router/entry', dependencies: { expo: '^53.0.0', 'expo-router': '^5.0.0', 'react-native': '0.79.0' } }),
    'app/_layout.tsx': "import { Platform } from 'react-native';\nexport const isWeb = process.env.EXPO_OS === 'web';\nexport default function Layout() { return null; }\n",
    'app/(tabs)/index.tsx': "import { Checkout } from '../../components/Checkout';\nexport default function Home() { return Checkout(); }\n",
    'components/Checkout.tsx': 'export function Checkout() { return fetch(`https://api.example.com?k=${process.env.STRIPE_SECRET_KEY}`); }\n',
    'app/api/chat+api.ts': "import { openai } from '../../utils/openai-server';\nexport async function POST() { return Response.json(await openai(process.env.OPENAI_API_KEY)); }\n",
    'utils/openai-server.ts': 'export async function openai(key = process.env.OPENAI_API_KEY) { return key; }\n',
    'app/+middleware.ts': 'export default function middleware() { return process.env.CLERK_SECRET_KEY; }\n',
    'plugins/with-cache.js': 'module.exports = () => ({ token: process.env.GITHUB_TOKEN });\n',
  });

  it('is quiet about bundler built-ins, +api routes, +middleware, their helpers and config plugins', () => {
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['components/Checkout.tsx', SECRET_ENV]]);
  });

  it('reports a secret read by a component a screen imports, in words about the app bundle and the device', () => {
    const message = run.findings[0]?.message ?? '';
    expect(message).toMatch(/reached from app\/\(tabs\)\/index\.tsx/);
    expect(message).toMatch(/undefined on the device or, once inlined, a secret in the app bundle/);
    expect(message).not.toMatch(/browser/);
  });
});

describe('Remix', () => {
  it('reports env reads that render in the browser, not loaders, .server modules or helpers only loaders use', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { '@remix-run/react': '^2.0.0', '@remix-run/node': '^2.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'app/root.tsx': 'export default function App() { return null; }\n',
      'app/routes/_index.tsx': [
        "import { db } from '~/utils/db';",
        "import { Widget } from '~/components/Widget';",
        'export async function loader() { return db(process.env.SESSION_SECRET); }',
        'export default function Index() { return Widget({ key: process.env.STRIPE_SECRET_KEY }); }',
      ].join('\n'),
      'app/utils/db.ts': 'export function db(secret?: string) { return [process.env.DATABASE_URL, secret]; }\n',
      'app/components/Widget.tsx': 'export function Widget(props: { key?: string }) { return [props.key, process.env.API_SECRET]; }\n',
      'app/session.server.ts': 'export const secret = process.env.SESSION_SECRET;\n',
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./app/*'] } } }),
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([
      ['app/components/Widget.tsx', SECRET_ENV],
      ['app/routes/_index.tsx', SECRET_ENV],
    ]);
  });
});

describe('tsconfig paths', () => {
  it('follows `extends` to the base config that holds the paths (read by get-tsconfig)', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^15.0.0', react: '^19.0.0' } }),
      'app/page.tsx': "'use client';\nimport { key } from '@/lib/keys';\nexport default function Page() { return key(); }\n",
      'lib/keys.ts': 'export function key() { return process.env.API_SECRET; }\n',
      'lib/db.ts': 'export function db() { return process.env.DATABASE_SECRET; }\n',
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['app', 'lib'] }),
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['lib/keys.ts', SECRET_ENV]]);
  });
});

describe('Next.js', () => {
  it('t3-env runtimeEnv and typeof-window guards are server code even in a module client components import', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^15.0.0', '@t3-oss/env-nextjs': '^0.11.0' } }),
      'src/env.js': [
        "import { createEnv } from '@t3-oss/env-nextjs';",
        'export const env = createEnv({',
        '  server: {},',
        '  runtimeEnv: { DATABASE_URL: process.env.DATABASE_URL, NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL },',
        '});',
      ].join('\n'),
      'src/lib/config.ts': [
        'export function serverKey() {',
        "  if (typeof window !== 'undefined') throw new Error('server only');",
        '  return process.env.OPENAI_API_KEY;',
        '}',
        "export const admin = typeof window === 'undefined' ? process.env.ADMIN_TOKEN : undefined;",
        'export const leaked = process.env.STRIPE_SECRET_KEY;',
      ].join('\n'),
      'src/app/widget.tsx': "'use client';\nimport { env } from '../env.js';\nimport { leaked } from '../lib/config';\nexport default function W() { return [env, leaked]; }\n",
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([['src/lib/config.ts', SECRET_ENV, 6]]);
  });

  it("papermark's shapes: a write-only analytics key read on import, and a read behind a const holding a typeof-window guard, are quiet; their twins are not", () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^15.0.0' } }),
      'lib/analytics.ts': [
        "import { jitsuAnalytics } from '@jitsu/js';",
        '// For server-side tracking',
        'const analytics = process.env.JITSU_HOST && process.env.JITSU_WRITE_KEY',
        '  ? jitsuAnalytics({ host: process.env.JITSU_HOST, writeKey: process.env.JITSU_WRITE_KEY })',
        '  : undefined;',
        'export const trackAnalytics = (event: string) => analytics?.track(event);',
        'export const mailer = process.env.RESEND_API_KEY;',
      ].join('\n'),
      'lib/get-file.ts': [
        'export async function getFile(key: string) {',
        "  const isServer = typeof window === 'undefined' && !!process.env.INTERNAL_API_KEY;",
        '  if (isServer) return fetch(`/api/get?key=${key}`, { headers: { Authorization: `Bearer ${process.env.INTERNAL_API_KEY}` } });',
        "  const isBrowser = typeof window !== 'undefined';",
        '  if (isBrowser) return fetch(`/api/proxy?token=${process.env.INTERNAL_API_KEY}`);',
        '  return fetch(`/api/proxy?key=${key}`);',
        '}',
      ].join('\n'),
      'app/nav.tsx': "'use client';\nimport { trackAnalytics, mailer } from '../lib/analytics';\nimport { getFile } from '../lib/get-file';\nexport default function Nav() { trackAnalytics('open'); return [getFile('a'), mailer]; }\n",
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ['lib/analytics.ts', SECRET_ENV, 7],
      ['lib/get-file.ts', SECRET_ENV, 5],
    ]);
  });

  it('pages router: components a page renders are client code; helpers only getServerSideProps uses are not', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^14.0.0' } }),
      'pages/index.tsx': [
        "import { Checkout } from '../components/Checkout';",
        "import { query } from '../lib/db';",
        'export async function getServerSideProps() { return { props: { rows: await query() } }; }',
        'export default function Home() { return Checkout(); }',
      ].join('\n'),
      'components/Checkout.tsx': "import { price } from '../lib/price';\nexport function Checkout() { return price(); }\n",
      'lib/price.ts': 'export function price() { return process.env.STRIPE_SECRET_KEY; }\n',
      'lib/db.ts': 'export async function query() { return process.env.DATABASE_URL; }\n',
      'pages/api/pay.ts': 'export default function handler() { return process.env.STRIPE_SECRET_KEY; }\n',
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['lib/price.ts', SECRET_ENV]]);
    expect(run.findings[0]?.message).toMatch(/a pages-router page, pages\/index\.tsx, renders it in the browser/);
  });

  it('keys public by design behind NEXT_PUBLIC_ are fine, a secret behind it is not', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^14.0.0' } }),
      'pages/_app.tsx': [
        'export const keys = [',
        '  process.env.NEXT_PUBLIC_POSTHOG_PROJECT_API_KEY,',
        '  process.env.NEXT_PUBLIC_STATSIG_CLIENT_KEY,',
        '  process.env.NEXT_PUBLIC_HYPERTUNE_TOKEN,',
        '  process.env.NEXT_PUBLIC_DATADOME_CLIENT_SIDE_KEY,',
        '  process.env.NEXT_PUBLIC_CONFIGCAT_SDK_KEY,',
        '  process.env.NEXT_PUBLIC_OPENAI_API_KEY,',
        '];',
      ].join('\n'),
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.ruleId, f.line])).toEqual([[PUBLIC_ENV, 7]]);
  });

  it('what client code takes from a shared module: functions it neither imports nor calls, and type-only imports (app and pages router), stay on the server', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { next: '^15.0.0' } }),
      'lib/domains.ts': [
        'export const validDomainRegex = /^[a-z0-9.-]+$/;',
        'export function getSubdomain(name: string) { return name.split(".")[0]; }',
        'export const addDomainToVercel = async (domain: string) =>',
        '  fetch(`https://api.vercel.com/v10/projects/domains`, { method: "POST", headers: { Authorization: `Bearer ${process.env.AUTH_BEARER_TOKEN}` }, body: domain });',
        'function sign(value: string) { return value + process.env.SIGNING_SECRET; }',
        'export function signedSubdomain(name: string) { return sign(getSubdomain(name)); }',
        'export function chargeKey() { return process.env.STRIPE_SECRET_KEY; }',
      ].join('\n'),
      'lib/redis.ts': 'export const redis = { token: process.env.UPSTASH_REDIS_REST_TOKEN };\n',
      'lib/job-store.ts': "import { redis } from './redis';\nexport interface DownloadJob { id: string }\nexport const store = { redis };\n",
      'lib/cache.ts': 'export const cache = { token: process.env.CACHE_TOKEN };\n',
      'lib/cache-store.ts': "import { cache } from './cache';\nexport interface Entry { id: string }\nexport const cacheStore = { cache };\n",
      'pages/jobs.tsx': "import { JobCard } from '../components/job-card';\nexport default function Jobs() { return JobCard; }\n",
      'components/job-card.tsx': "import { DownloadJob } from '../lib/job-store';\nexport function JobCard({ job }: { job: DownloadJob }) { return job.id; }\n",
      'app/domains/form.tsx': [
        "'use client';",
        "import { getSubdomain, validDomainRegex, signedSubdomain, chargeKey } from '../../lib/domains';",
        "import { DownloadJob } from '../../lib/job-store';",
        "import { cacheStore } from '../../lib/cache-store';",
        'export default function Form({ job }: { job: DownloadJob }) { return [getSubdomain(job.id), validDomainRegex, signedSubdomain("a"), chargeKey(), cacheStore]; }',
      ].join('\n'),
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ['lib/cache.ts', SECRET_ENV, 1],
      ['lib/domains.ts', SECRET_ENV, 5],
      ['lib/domains.ts', SECRET_ENV, 7],
    ]);
  });

  it('a monorepo app whose framework is hoisted to the workspace root is still a Next.js app', () => {
    const run = lintProject({
      'package.json': manifest({ workspaces: ['apps/*'], devDependencies: { next: '^15.0.0' } }),
      'apps/web/package.json': manifest({ name: 'web' }),
      'apps/web/next.config.js': 'module.exports = {};\n',
      'apps/web/app/widget.tsx': "'use client';\nimport { key } from '../lib/keys';\nexport default function W() { return key; }\n",
      'apps/web/lib/keys.ts': 'export const key = process.env.STRIPE_SECRET_KEY;\n',
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['apps/web/lib/keys.ts', SECRET_ENV]]);
  });
});

describe('Vite', () => {
  it('a library that only builds and tests with Vite is not browser code: its CLI, plugin, config and tests are quiet', () => {
    const run = lintProject({
      'package.json': manifest({ bin: { tool: './bin/tool.js' }, devDependencies: { vite: '^6.0.0', vitest: '^3.0.0' } }),
      'bin/tool.js': "#!/usr/bin/env node\nimport('../src/cli.js');\n",
      'src/cli.ts': 'export const token = process.env.GITHUB_TOKEN;\n',
      'src/vite-plugin.ts': 'export default function plugin() { return { name: "x", config: () => ({ key: process.env.API_SECRET }) }; }\n',
      'src/index.test.ts': 'export const key = process.env.TEST_API_KEY;\n',
      'vite.config.ts': 'export default { test: { env: { KEY: process.env.SECRET_KEY } } };\n',
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([]);
  });

  it('an app without src/: what index.html loads is client code, bundler defines are not env reads, the server is not', () => {
    const allNames = `{ rules: { '${SECRET_ENV}': ['error', { allNames: true }] } },`;
    const run = lintProject({
      'package.json': manifest({ devDependencies: { vite: '^6.0.0' } }),
      'index.html': '<!doctype html><html><body><script type="module" src="/main.ts"></script></body></html>\n',
      'vite.config.ts': "export default { define: { 'process.env.APP_VERSION': JSON.stringify('1.0.0') } };\n",
      'main.ts': "import { call } from './api';\nconsole.log(process.env.APP_VERSION, process.env.CI, call());\n",
      'api.ts': 'export function call() { return fetch("/x", { headers: { "x-api-key": process.env.API_SECRET ?? "" } }); }\n',
      'server.ts': 'export const db = process.env.DB_PASSWORD;\n',
    }, { extraConfig: allNames });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([
      ['api.ts', '@keyguard/no-api-key-header-in-client'],
      ['api.ts', SECRET_ENV],
      ['main.ts', SECRET_ENV],
    ]);
    expect(run.findings[2]?.message).toMatch(/process\.env\.CI/);
  });

  it('a session recorder’s project key and a plain Stripe key behind VITE_ are public by design; a secret beside them is not', () => {
    const run = lintProject({
      'package.json': manifest({ devDependencies: { vite: '^6.0.0' } }),
      'index.html': '<!doctype html><html><body><script type="module" src="/src/main.ts"></script></body></html>\n',
      'src/main.ts': [
        'export const recorder = import.meta.env.VITE_SESSION_RECORDER_KEY;',
        'export const clarity = import.meta.env.VITE_CLARITY_PROJECT_ID;',
        'export const stripe = import.meta.env.VITE_STRIPE_KEY;',
        'export const secret = import.meta.env.VITE_SESSION_RECORDER_SECRET;',
      ].join('\n'),
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.ruleId, f.line])).toEqual([[PUBLIC_ENV, 4]]);
  });
});

describe('the value verdict is keyguard scan’s', () => {
  it('a Firebase web config and translated labels are not keys; a token is', () => {
    const run = lintProject({
      'package.json': manifest({ dependencies: { expo: '^53.0.0' } }),
      'App.js': [
        'const firebaseConfig = {',
        `  apiKey: "${testSecret('firebase-web-api-key')}",`,
        '  authDomain: "demo-36ff6.firebaseapp.com",',
        '  projectId: "demo-36ff6",',
        '};',
        "const labels = { Password: 'Contraseña', password: 'Mot de passe oublié', token: 'Jeton d’accès' };",
        `const github = '${testSecret('github-pat', 2)}';`,
        'export default [firebaseConfig, labels, github];',
      ].join('\n'),
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.ruleId, f.line])).toEqual([[HARDCODED, 7]]);
  });

  it('an Algolia DocSearch block in a docs-site config is public by design; an admin key beside it is not', () => {
    const hex = (variant: number) => testSecret('algolia-search-key', variant);
    const run = lintProject({
      'package.json': manifest({ dependencies: { '@docusaurus/core': '^3.0.0' } }),
      'docusaurus.config.js': [
        'export default {',
        '  themeConfig: {',
        `    algolia: { appId: "8FEAOD28DI", apiKey: "${hex(1)}", indexName: "docs", contextualSearch: true },`,
        '  },',
        '};',
      ].join('\n'),
      'scripts/reindex.js': `export const algolia = { appId: "8FEAOD28DI", apiKey: "${hex(2)}", indexName: "docs" };\n`,
    });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([['scripts/reindex.js', HARDCODED, 1]]);
  });
});
