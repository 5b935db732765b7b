import rule from '../src/rules/no-hardcoded-api-key.js';
import { fakeKey, randomBody } from '../../../test/helpers/secrets.js';
import { createRuleTester, inProject } from './rule-tester.js';

const ruleTester = createRuleTester();

// Built at run time from parts: the repository itself holds no live-looking key.
const github = fakeKey.githubPat();
const stripe = fakeKey.stripeSecret();
const deframe = fakeKey.deframe();
const generic = randomBody(32);
const aws = fakeKey.awsAccessKeyId();
const half = Math.floor(stripe.length / 2);

const server = inProject('express-api', 'src/server.ts');
// configured-app/keyguard.config.json disables stripe-secret-key, allows values starting
// with ghp_0000 and the generated/ folder, and turns inline ignores off.
const configured = (file: string) => inProject('configured-app', file);
const allowedGithub = ['gh', 'p_'].join('') + '0000' + randomBody(32);

ruleTester.run('no-hardcoded-api-key', rule, {
  valid: [
    { name: 'env var read', filename: server, code: "fetch(u, { headers: { 'x-api-key': process.env.DEFRAME_API_KEY } });" },
    { name: 'a placeholder', filename: server, code: "const apiKey = 'your-api-key-here';" },
    { name: 'a random string with no key-like name', filename: server, code: `const id = '${generic}';` },
    { name: 'the documented AWS example key', filename: server, code: "const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';" },
    { name: 'short strings', filename: server, code: "const token = 'abc';" },
    { name: 'module names and types are code, not values', filename: server, code: "import x from 'some-long-module-name';\ntype T = 'another-long-literal-type';" },
    { name: 'a keyguard-ignore-next-line directive', filename: server, code: `// keyguard-ignore-next-line generic-secret -- test fixture\nconst apiKey = '${generic}';` },
    { name: 'a rule disabled in keyguard.config.json', filename: configured('src/pay.ts'), code: `const stripe = '${stripe}';` },
    { name: 'a value allowed in keyguard.config.json', filename: configured('src/gh.ts'), code: `const client = new Octokit({ auth: '${allowedGithub}' });` },
    { name: 'a path allowed in keyguard.config.json', filename: configured('generated/keys.ts'), code: `const client = new Octokit({ auth: '${github}' });` },
    { name: 'allow option', filename: server, code: `const apiKey = '${generic}';`, options: [{ allow: [`^${generic.slice(0, 6)}`] }] },
  ],
  invalid: [
    {
      name: 'keyguard-ignore comments do not count when keyguard.config.json turns inlineIgnores off',
      filename: configured('src/ci.ts'),
      code: `// keyguard-ignore-next-line\nconst client = new Octokit({ auth: '${github}' });`,
      errors: [{ messageId: 'hardcodedKey', line: 2, column: 36, suggestions: [{ messageId: 'useEnvVar', output: "// keyguard-ignore-next-line\nconst client = new Octokit({ auth: process.env.AUTH ?? '' });" }] }],
    },
    {
      name: 'a GitHub token anywhere (TS)',
      filename: server,
      code: `const client = new Octokit({ auth: '${github}' });`,
      errors: [
        {
          messageId: 'hardcodedKey',
          line: 1,
          column: 36,
          endColumn: 36 + github.length + 2,
          suggestions: [{ messageId: 'useEnvVar', data: { envName: 'AUTH' }, output: "const client = new Octokit({ auth: process.env.AUTH ?? '' });" }],
        },
      ],
    },
    {
      name: 'a real-looking value given to a key-like name (JS)',
      filename: inProject('express-api', 'src/config.js'),
      code: `export const stripeSecretKey = '${generic}';`,
      errors: [
        {
          messageId: 'hardcodedKey',
          line: 1,
          column: 32,
          suggestions: [{ messageId: 'useEnvVar', output: 'export const stripeSecretKey = process.env.STRIPE_SECRET_KEY;' }],
        },
      ],
    },
    {
      name: 'the x-api-key header with a Deframe URL: DEFRAME_API_KEY',
      filename: server,
      code: `await fetch('https://api.deframe.io/v1/strategies', {\n  headers: { 'x-api-key': '${deframe}' },\n});`,
      errors: [
        {
          messageId: 'hardcodedKey',
          line: 2,
          column: 27,
          suggestions: [
            {
              messageId: 'useEnvVar',
              output: "await fetch('https://api.deframe.io/v1/strategies', {\n  headers: { 'x-api-key': process.env.DEFRAME_API_KEY ?? '' },\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'headers.set with no Deframe context: API_KEY',
      filename: server,
      code: `headers.set('x-api-key', '${generic}');`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 26, suggestions: [{ messageId: 'useEnvVar', output: "headers.set('x-api-key', process.env.API_KEY ?? '');" }] }],
    },
    {
      name: 'an x-api-key property with no Deframe context: API_KEY',
      filename: server,
      code: `got(u, { headers: { 'X-API-Key': '${generic}' } });`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 34, suggestions: [{ messageId: 'useEnvVar', output: "got(u, { headers: { 'X-API-Key': process.env.API_KEY ?? '' } });" }] }],
    },
    {
      name: 'a key-like option of a Deframe client: DEFRAME_API_KEY',
      filename: server,
      code: `const client = new DeframeClient({ apiKey: '${deframe}' });`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 44, suggestions: [{ messageId: 'useEnvVar', output: "const client = new DeframeClient({ apiKey: process.env.DEFRAME_API_KEY ?? '' });" }] }],
    },
    {
      name: 'a deframe-named variable',
      filename: server,
      code: `const deframeKey = '${deframe}';`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 20, suggestions: [{ messageId: 'useEnvVar', output: 'const deframeKey = process.env.DEFRAME_API_KEY;' }] }],
    },
    {
      name: 'a concatenation of literals, reported once',
      filename: server,
      code: `const key = '${stripe.slice(0, half)}' + '${stripe.slice(half)}';`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 13, suggestions: [{ messageId: 'useEnvVar', output: 'const key = process.env.STRIPE_SECRET_KEY;' }] }],
    },
    {
      name: 'a template literal in a default parameter (TS)',
      filename: server,
      code: `function connect(apiToken = \`${generic}\`) {}`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 29, suggestions: [{ messageId: 'useEnvVar', output: 'function connect(apiToken = process.env.API_TOKEN) {}' }] }],
    },
    {
      name: 'a class field',
      filename: server,
      code: `class Client {\n  private secret = '${generic}';\n}`,
      errors: [{ messageId: 'hardcodedKey', line: 2, column: 20, suggestions: [{ messageId: 'useEnvVar', output: "class Client {\n  private secret = process.env.SECRET ?? '';\n}" }] }],
    },
    {
      name: 'a fallback after ?? (JS)',
      filename: inProject('express-api', 'src/aws.js'),
      code: `const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? '${aws}';`,
      errors: [
        {
          messageId: 'hardcodedKey',
          line: 1,
          column: 54,
          suggestions: [{ messageId: 'useEnvVar', output: 'const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? process.env.ACCESS_KEY_ID;' }],
        },
      ],
    },
    {
      name: 'Authorization: Bearer keeps its scheme',
      filename: server,
      code: `axios.create({ headers: { Authorization: 'Bearer ${github}' } });`,
      errors: [
        {
          messageId: 'hardcodedKey',
          line: 1,
          column: 42,
          suggestions: [{ messageId: 'useEnvVar', output: 'axios.create({ headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });' }],
        },
      ],
    },
    {
      name: 'a JSX attribute (JSX)',
      filename: inProject('express-api', 'views/Map.jsx'),
      code: `export const M = () => <Widget apiKey="${generic}" />;`,
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 39, suggestions: [{ messageId: 'useEnvVar', output: 'export const M = () => <Widget apiKey={process.env.API_KEY} />;' }] }],
    },
    {
      name: 'in client code: move the call to the server, no env var suggestion (it would ship too)',
      filename: inProject('vite-react', 'src/Map.tsx'),
      code: `export const M = () => <Widget apiKey="${generic}" />;`,
      errors: [{ messageId: 'hardcodedKeyInClient', line: 1, column: 39, suggestions: [] }],
    },
    {
      name: 'in a typed position of a TS file the suggestion stays a string',
      filename: server,
      code: `const stripe = new Stripe('${stripe}');\nconst apiKey: string = '${generic}';`,
      errors: [
        { messageId: 'hardcodedKey', line: 1, suggestions: [{ messageId: 'useEnvVar', output: `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');\nconst apiKey: string = '${generic}';` }] },
        { messageId: 'hardcodedKey', line: 2, suggestions: [{ messageId: 'useEnvVar', output: `const stripe = new Stripe('${stripe}');\nconst apiKey: string = process.env.API_KEY ?? '';` }] },
      ],
    },
    {
      name: 'a key inside a template with interpolations (TSX): no suggestion',
      filename: inProject('vite-react', 'src/Repo.tsx'),
      code: `const url = \`https://\${host}/repos?auth=${github}&page=\${page}\`;\nexport const R = () => <a href={url} />;`,
      // reported on the template part that holds it, from the `}` that opens the part
      errors: [{ messageId: 'hardcodedKey', line: 1, column: 28, suggestions: [] }],
    },
  ],
});
