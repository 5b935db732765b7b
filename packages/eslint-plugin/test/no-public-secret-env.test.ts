import rule from '../src/rules/no-public-secret-env.js';
import { createRuleTester, inProject } from './rule-tester.js';

const ruleTester = createRuleTester();

// a block without an index, an admin key in a DocSearch element, a client config no `algolia` word
// opens, in a file that writes to an index: each Algolia key is reported
const algoliaLines = [
  '<UiSearchProvider algolia={{ appId: process.env.NEXT_PUBLIC_ALGOLIA_APP_ID, apiKey: process.env.NEXT_PUBLIC_ALGOLIA_API_KEY }} />;',
  '<DocSearch appId="BH4D9OD16A" indexName="docs" apiKey={process.env.NEXT_PUBLIC_ALGOLIA_ADMIN_KEY} />;',
  'const client = { appId: "x", apiKey: process.env.NEXT_PUBLIC_ALGOLIA_API_KEY, indexName: "docs" };',
  'index.saveObjects(records);',
];
const renameOnLine = (lines: string[], line: number, serverName: string) =>
  lines.map((text, i) => (i === line - 1 ? text.replace(`NEXT_PUBLIC_${serverName}`, serverName) : text)).join('\n');

ruleTester.run('no-public-secret-env', rule, {
  valid: [
    { name: 'public values in next.config env', filename: inProject('next-app', 'next.config.js'), code: 'module.exports = { env: { BUILD_ID: process.env.BUILD_ID } };' },
    { name: 'env outside a bundler config is just an object', filename: inProject('next-app', 'lib/x.ts'), code: 'const o = { env: { STRIPE_SECRET_KEY: 1 } };' },
    { name: 'a publishable key in define', filename: inProject('vite-react', 'vite.config.ts'), code: "export default { define: { 'import.meta.env.STRIPE_PUBLISHABLE_KEY': '\"x\"' } };" },
    { name: 'a public URL', filename: inProject('next-app', 'lib/config.ts'), code: 'const url = process.env.NEXT_PUBLIC_API_URL;' },
    { name: 'a Stripe publishable key', filename: inProject('next-app', 'lib/stripe.ts'), code: 'const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;' },
    { name: 'a Supabase anon key', filename: inProject('vite-react', 'src/db.ts'), code: 'const anon = import.meta.env.VITE_SUPABASE_ANON_KEY;' },
    { name: 'Firebase web config is public by design', filename: inProject('next-app', 'lib/firebase.js'), code: 'const c = { apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY };' },
    { name: 'a secret without a public prefix', filename: inProject('next-app', 'app/api/route.ts'), code: 'const key = process.env.DEFRAME_API_KEY;' },
    { name: "another framework's prefix is not public here", filename: inProject('next-app', 'lib/x.ts'), code: 'const key = process.env.VITE_SECRET_KEY;' },
    {
      name: "a DocSearch element's apiKey (Auth.js's docs site)",
      filename: inProject('next-app', 'components/DocSearch/wrapper.tsx'),
      code: '<DocSearch appId={process.env.NEXT_PUBLIC_ALGOLIA_APP_ID!} indexName="next-auth" apiKey={process.env.NEXT_PUBLIC_ALGOLIA_KEY!} />;',
    },
    {
      name: "the apiKey of an algolia block with a main index (Medusa's docs sites)",
      filename: inProject('next-app', 'providers/search.tsx'),
      code: '<UiSearchProvider algolia={{ appId: process.env.NEXT_PUBLIC_ALGOLIA_APP_ID || "temp", apiKey: process.env.NEXT_PUBLIC_ALGOLIA_API_KEY || "temp", mainIndexName: "docs" }} />;',
    },
    {
      name: "a Segment source's key given to writeKey (Medusa's docs sites)",
      filename: inProject('next-app', 'providers/index.tsx'),
      code: '<AnalyticsProvider writeKey={process.env.NEXT_PUBLIC_SEGMENT_API_KEY}>{children}</AnalyticsProvider>;',
    },
    {
      name: "Inkeep's web integration key, as Inkeep's Next.js guide names it",
      filename: inProject('next-app', 'utils/useInkeepSettings.ts'),
      code: 'const baseSettings = { apiKey: process.env.NEXT_PUBLIC_INKEEP_API_KEY!, integrationId: process.env.NEXT_PUBLIC_INKEEP_INTEGRATION_ID! };',
    },
    { name: 'the allow option', filename: inProject('next-app', 'lib/x.ts'), code: 'const k = process.env.NEXT_PUBLIC_WIDGET_KEY;', options: [{ allow: ['^WIDGET_KEY$'] }] },
    {
      name: 'flags and descriptions beside a secret word (seen in documenso)',
      filename: inProject('next-app', 'lib/constants.ts'),
      code: [
        'const a = process.env.NEXT_PUBLIC_DISABLE_EMAIL_PASSWORD_SIGNUP;',
        'const b = process.env.NEXT_PUBLIC_SIGNING_TRANSPORT_IS_CSC;',
        'const c = process.env.NEXT_PUBLIC_SIGNING_CONTACT_INFO;',
        'const d = process.env.NEXT_PUBLIC_OAUTH_TOKEN_URL;',
        "const e = { email: 'NEXT_PUBLIC_DISABLE_EMAIL_PASSWORD_SIGNIN' };",
      ].join('\n'),
    },
    {
      name: 'an env typing declares names; the reads are what ship',
      filename: inProject('next-app', 'types/process-env.d.ts'),
      code: "declare namespace NodeJS {\n  interface ProcessEnv {\n    NEXT_PUBLIC_STRIPE_SECRET_KEY?: string;\n    'NEXT_PUBLIC_API_TOKEN'?: string;\n  }\n}",
    },
    { name: 'a Mixpanel project token is public by design', filename: inProject('vite-react', 'src/analytics.ts'), code: 'const key = import.meta.env.VITE_MIXPANEL_KEY;' },
  ],
  invalid: [
    {
      name: 'a secret in the env option of next.config (JS)',
      filename: inProject('next-app', 'next.config.mjs'),
      code: 'export default {\n  env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, SITE_URL: process.env.SITE_URL },\n};',
      errors: [{ messageId: 'inlinedSecretEnv', line: 2, column: 10, endColumn: 27 }],
    },
    {
      name: "a secret in Vite's define (TS)",
      filename: inProject('vite-react', 'vite.config.ts'),
      code: "export default defineConfig({\n  define: { 'process.env.OPENAI_API_KEY': JSON.stringify(process.env.OPENAI_API_KEY), __VERSION__: '\"1\"' },\n});",
      errors: [{ messageId: 'inlinedSecretEnv', line: 2, column: 13 }],
    },
    {
      name: "a secret in webpack's DefinePlugin",
      filename: inProject('express-api', 'webpack.config.cjs'),
      code: "module.exports = { plugins: [new webpack.DefinePlugin({ __DB_PASSWORD__: JSON.stringify(process.env.DB_PASSWORD) })] };",
      errors: [{ messageId: 'inlinedSecretEnv', line: 1, column: 57 }],
    },
    {
      name: 'the same Algolia key in a block that names no index, or in a file that writes to an index, is reported',
      filename: inProject('next-app', 'providers/search.tsx'),
      code: algoliaLines.join('\n'),
      errors: [
        ['ALGOLIA_API_KEY', 1],
        ['ALGOLIA_ADMIN_KEY', 2],
        ['ALGOLIA_API_KEY', 3],
      ].map(([serverName, line]) => ({
        messageId: 'publicSecretEnv' as const,
        line: line as number,
        suggestions: [{ messageId: 'renameWithoutPrefix' as const, output: renameOnLine(algoliaLines, line as number, serverName as string) }],
      })),
    },
    {
      name: 'a key given to writeKey without an analytics source in either name is reported',
      filename: inProject('next-app', 'providers/index.tsx'),
      code: '<Provider writeKey={process.env.NEXT_PUBLIC_CMS_API_KEY}>{children}</Provider>;',
      errors: [
        {
          messageId: 'publicSecretEnv',
          line: 1,
          suggestions: [{ messageId: 'renameWithoutPrefix', output: '<Provider writeKey={process.env.CMS_API_KEY}>{children}</Provider>;' }],
        },
      ],
    },
    {
      name: 'a database URL behind a public prefix',
      filename: inProject('next-app', 'lib/db.ts'),
      code: 'const url = process.env.NEXT_PUBLIC_DATABASE_URL;',
      errors: [{ messageId: 'publicSecretEnv', line: 1, column: 25, suggestions: [{ messageId: 'renameWithoutPrefix', output: 'const url = process.env.DATABASE_URL;' }] }],
    },
    {
      name: 'NEXT_PUBLIC_DEFRAME_API_KEY (TS)',
      filename: inProject('next-app', 'app/api/quote/route.ts'),
      code: 'const key = process.env.NEXT_PUBLIC_DEFRAME_API_KEY;',
      errors: [
        {
          messageId: 'publicSecretEnv',
          line: 1,
          column: 25,
          endColumn: 52,
          suggestions: [{ messageId: 'renameWithoutPrefix', output: 'const key = process.env.DEFRAME_API_KEY;' }],
        },
      ],
    },
    {
      name: 'VITE_*_SECRET through import.meta.env (JS)',
      filename: inProject('vite-react', 'src/pay.js'),
      code: "const s = import.meta.env['VITE_STRIPE_SECRET'];",
      errors: [
        {
          messageId: 'publicSecretEnv',
          line: 1,
          column: 27,
          suggestions: [{ messageId: 'renameWithoutPrefix', output: "const s = import.meta.env['STRIPE_SECRET'];" }],
        },
      ],
    },
    {
      name: 'REACT_APP_*_TOKEN destructured (JSX): reported once, no rename of a binding',
      filename: inProject('cra-app', 'src/App.jsx'),
      code: 'const { REACT_APP_GITHUB_TOKEN } = process.env;\nexport const App = () => <p />;',
      errors: [{ messageId: 'publicSecretEnv', line: 1, column: 9, suggestions: [] }],
    },
    {
      name: 'EXPO_PUBLIC_ name in an env schema key (TSX)',
      filename: inProject('expo-app', 'src/env.tsx'),
      code: 'export const schema = { EXPO_PUBLIC_OPENAI_API_KEY: z.string() };',
      errors: [{ messageId: 'publicSecretEnv', line: 1, column: 25, suggestions: [] }],
    },
    {
      name: 'with no framework known, every public prefix counts',
      filename: 'src/settings.ts',
      code: "const names = ['GATSBY_ADMIN_PASSWORD', 'VUE_APP_PRIVATE_KEY', 'NUXT_PUBLIC_SECRET', 'PUBLIC_DB_PASSWORD'];",
      errors: [
        { messageId: 'publicSecretEnv', line: 1, column: 16, suggestions: [{ messageId: 'renameWithoutPrefix', output: "const names = ['ADMIN_PASSWORD', 'VUE_APP_PRIVATE_KEY', 'NUXT_PUBLIC_SECRET', 'PUBLIC_DB_PASSWORD'];" }] },
        { messageId: 'publicSecretEnv', line: 1, column: 41, suggestions: [{ messageId: 'renameWithoutPrefix', output: "const names = ['GATSBY_ADMIN_PASSWORD', 'PRIVATE_KEY', 'NUXT_PUBLIC_SECRET', 'PUBLIC_DB_PASSWORD'];" }] },
        { messageId: 'publicSecretEnv', line: 1, column: 64, suggestions: [{ messageId: 'renameWithoutPrefix', output: "const names = ['GATSBY_ADMIN_PASSWORD', 'VUE_APP_PRIVATE_KEY', 'SECRET', 'PUBLIC_DB_PASSWORD'];" }] },
        { messageId: 'publicSecretEnv', line: 1, column: 86, suggestions: [{ messageId: 'renameWithoutPrefix', output: "const names = ['GATSBY_ADMIN_PASSWORD', 'VUE_APP_PRIVATE_KEY', 'NUXT_PUBLIC_SECRET', 'DB_PASSWORD'];" }] },
      ],
    },
    {
      name: 'builtinAllowlist: false reports publishable names too',
      filename: inProject('next-app', 'lib/stripe.ts'),
      code: 'const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;',
      options: [{ builtinAllowlist: false }],
      errors: [{ messageId: 'publicSecretEnv', line: 1, column: 24, suggestions: [{ messageId: 'renameWithoutPrefix', output: 'const pk = process.env.STRIPE_PUBLISHABLE_KEY;' }] }],
    },
  ],
});
