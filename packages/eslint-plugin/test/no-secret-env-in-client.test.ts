import rule from '../src/rules/no-secret-env-in-client.js';
import { createRuleTester, inProject } from './rule-tester.js';

const ruleTester = createRuleTester();

const nextClient = inProject('next-app', 'app/dashboard/widget.tsx');
const viteClient = inProject('vite-react', 'src/App.jsx');

ruleTester.run('no-secret-env-in-client', rule, {
  valid: [
    { name: 'public Next.js name in a client component', filename: nextClient, code: "'use client';\nconst url = process.env.NEXT_PUBLIC_API_URL;" },
    { name: 'NODE_ENV is defined by every bundler', filename: nextClient, code: "'use client';\nif (process.env.NODE_ENV === 'production') {}" },
    { name: 'secret read in a Next.js server component', filename: inProject('next-app', 'app/page.tsx'), code: 'const key = process.env.DEFRAME_API_KEY;' },
    { name: 'secret read in a route handler', filename: inProject('next-app', 'app/api/quote/route.ts'), code: 'export async function GET() { return fetch(u, { headers: { "x-api-key": process.env.DEFRAME_API_KEY } }); }' },
    { name: 'secret read in pages/api', filename: inProject('next-app', 'pages/api/quote.ts'), code: 'const key = process.env.DEFRAME_API_KEY;' },
    { name: 'secret read in getServerSideProps of a page', filename: inProject('next-app', 'pages/index.tsx'), code: 'export async function getServerSideProps() { return { props: { n: await count(process.env.DB_PASSWORD) } }; }\nexport default function Home() { return null; }' },
    { name: "secret read inside a 'use server' function", filename: nextClient, code: "'use client';\nasync function save() { 'use server'; return process.env.DB_PASSWORD; }" },
    { name: 'Vite public name', filename: viteClient, code: 'const url = import.meta.env.VITE_API_URL;' },
    { name: 'Vite builtin MODE', filename: viteClient, code: 'const mode = import.meta.env.MODE;' },
    { name: 'secret read in an Express server (no client marker, no client framework)', filename: inProject('express-api', 'src/server.js'), code: 'const key = process.env.DEFRAME_API_KEY;' },
    { name: 'a local `process` is not the global', filename: viteClient, code: 'const process = { env: {} };\nconst key = process.env.SECRET;' },
    { name: 'allow option', filename: viteClient, code: 'const v = import.meta.env.APP_VERSION;', options: [{ allow: ['APP_VERSION'] }] },
    { name: 'settings.keyguard.publicEnvPrefixes', filename: viteClient, code: 'const v = import.meta.env.APP_URL;', settings: { keyguard: { publicEnvPrefixes: ['APP_'] } } },
    { name: 'settings.keyguard.serverFiles wins over the Vite src/ convention', filename: inProject('vite-react', 'src/server/db.ts'), code: 'const p = process.env.DB_PASSWORD;', settings: { keyguard: { serverFiles: ['src/server/**'] } } },
    { name: 'Next.js puts only NEXT_PUBLIC_ variables in the client: a computed read gets those or undefined', filename: nextClient, code: "'use client';\nconst read = (name) => process.env[name];\nconst all = { ...process.env };" },
    { name: 'Create React App defines only REACT_APP_ variables: process.env[key] leaks nothing', filename: inProject('cra-app', 'src/config.js'), code: 'export const flag = (key) => window._env_[key] || process.env[key];' },
    { name: 'Vite import.meta.env as a whole holds only VITE_ variables', filename: viteClient, code: 'const env = { ...import.meta.env };' },
    { name: 'a Remix loader runs on the server', filename: inProject('remix-app', 'app/routes/_index.tsx'), code: 'export const loader = async () => json({ key: process.env.DEFRAME_API_KEY ? 1 : 0 });' },
  ],
  invalid: [
    {
      name: "process.env.X in a 'use client' component (TSX)",
      filename: nextClient,
      code: "'use client';\nexport function Widget() {\n  const key = process.env.DEFRAME_API_KEY;\n  return <div>{key}</div>;\n}",
      errors: [{ messageId: 'secretEnvInClient', line: 3, column: 15, endColumn: 42 }],
    },
    {
      name: 'destructuring and an alias of process.env (JS)',
      filename: inProject('next-app', 'components/form.js'),
      code: "'use client';\nconst { STRIPE_SECRET, NEXT_PUBLIC_SITE } = process.env;\nconst env = process.env;\nsend(env.DB_PASSWORD);",
      errors: [
        { messageId: 'secretEnvInClient', line: 2, column: 9 },
        { messageId: 'secretEnvInClient', line: 4, column: 6 },
      ],
    },
    {
      name: 'dynamic process.env[name] where no framework limits the client to public variables (clientFiles)',
      filename: inProject('express-api', 'public/app.js'),
      settings: { keyguard: { clientFiles: ['public/**'] } },
      code: 'const read = (name) => process.env[name];',
      errors: [{ messageId: 'dynamicEnvInClient', line: 1, column: 24 }],
    },
    {
      name: "spreading the whole env where the Vite config defines 'process.env' as a whole",
      filename: inProject('vite-define-env', 'src/main.ts'),
      code: 'const all = { ...process.env };',
      errors: [{ messageId: 'dynamicEnvInClient', line: 1, column: 18 }],
    },
    {
      name: 'with allNames, a computed read under Create React App says what it really gets',
      filename: inProject('cra-app', 'src/config.js'),
      code: 'export const flag = (key) => window._env_[key] || process.env[key];',
      options: [{ allNames: true }],
      errors: [{ messageId: 'dynamicPublicEnvInClient', line: 1, column: 51 }],
    },
    {
      name: 'import.meta.env in Vite src/ (JSX), with destructuring',
      filename: viteClient,
      code: 'const { VITE_API_URL, API_SECRET } = import.meta.env;\nconst token = import.meta.env.OPENAI_API_KEY;\nexport const App = () => <p>{token}</p>;',
      errors: [
        { messageId: 'secretEnvInClient', line: 1, column: 23 },
        { messageId: 'secretEnvInClient', line: 2, column: 15 },
      ],
    },
    {
      name: 'import process from node:process',
      filename: viteClient,
      code: "import process from 'node:process';\nconst key = process.env.SECRET_KEY;",
      errors: [{ messageId: 'secretEnvInClient', line: 2, column: 13 }],
    },
    {
      name: "NEXT_PUBLIC_ does not make a name public in Vite",
      filename: inProject('vite-react', 'src/main.ts'),
      code: 'const key = import.meta.env.NEXT_PUBLIC_KEY;',
      errors: [{ messageId: 'secretEnvInClient', line: 1, column: 13 }],
    },
    {
      name: 'a Next.js pages/ component (outside getServerSideProps)',
      filename: inProject('next-app', 'src/pages/index.tsx'),
      code: 'export default function Home() { return <p>{process.env.DB_PASSWORD}</p>; }',
      errors: [{ messageId: 'secretEnvInClient', line: 1, column: 45 }],
    },
    {
      name: 'settings.keyguard.clientFiles marks a file client-side',
      filename: inProject('express-api', 'public/widget.js'),
      code: 'const key = process.env.SECRET_TOKEN;',
      settings: { keyguard: { clientFiles: ['public/**'] } },
      errors: [{ messageId: 'secretEnvInClient', line: 1, column: 13 }],
    },
    {
      name: "import 'client-only' marks a file client-side",
      filename: inProject('express-api', 'lib/browser.ts'),
      code: "import 'client-only';\nconst key = process.env.SECRET_TOKEN;",
      errors: [{ messageId: 'secretEnvInClient', line: 2, column: 13 }],
    },
    {
      name: 'SvelteKit +page.ts is universal',
      filename: inProject('sveltekit-app', 'src/routes/+page.ts'),
      code: 'export const load = () => ({ key: process.env.PRIVATE_TOKEN });',
      errors: [{ messageId: 'secretEnvInClient', line: 1, column: 35 }],
    },
    {
      name: 'Expo app code ships to the device',
      filename: inProject('expo-app', 'app/(tabs)/index.tsx'),
      code: 'const key = process.env.OPENAI_API_KEY;',
      errors: [{ messageId: 'secretEnvInClient', line: 1, column: 13 }],
    },
  ],
});
