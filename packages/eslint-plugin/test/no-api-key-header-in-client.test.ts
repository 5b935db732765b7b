import rule from '../src/rules/no-api-key-header-in-client.js';
import { createRuleTester, inProject } from './rule-tester.js';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_HEADER_WORDS, CREDENTIAL_HEADERS } from '../src/http/headers.js';

const ruleTester = createRuleTester();

const viteApp = inProject('vite-react', 'src/api/quotes.ts');
const viteJsx = inProject('vite-react', 'src/Quote.jsx');
const nextClient = inProject('next-app', 'components/QuoteButton.tsx');

ruleTester.run('no-api-key-header-in-client', rule, {
  valid: [
    {
      name: 'x-api-key set in a Next.js route handler (server)',
      filename: inProject('next-app', 'app/api/quote/route.ts'),
      code: "export async function GET() {\n  return fetch('https://api.deframe.io/v1/quotes', { headers: { 'x-api-key': process.env.DEFRAME_API_KEY! } });\n}",
    },
    {
      name: 'x-api-key set in an Express server',
      filename: inProject('express-api', 'src/server.js'),
      code: "app.get('/quote', async (req, res) => res.json(await (await fetch(u, { headers: { 'x-api-key': process.env.DEFRAME_API_KEY } })).json()));",
    },
    {
      name: "the signed-in user's session token in Authorization",
      filename: viteApp,
      code: "const res = await fetch('/api/me', { headers: { Authorization: `Bearer ${session.accessToken}` } });",
    },
    {
      name: 'an Authorization key outside any headers object',
      filename: viteApp,
      code: "const labels = { Authorization: 'The Authorization header' };",
    },
    {
      name: "a user's token in x-access-token",
      filename: viteApp,
      code: "fetch('/api/me', { headers: { 'x-access-token': auth.token } });",
    },
    {
      name: "authorization: 'never'",
      filename: viteApp,
      code: "axios.defaults.headers.common['Authorization'] = 'Bearer ' + import.meta.env.VITE_TOKEN;",
      options: [{ authorization: 'never' }],
    },
    {
      name: 'unrelated headers in client code',
      filename: viteApp,
      code: "fetch('/api/quote', { headers: { 'content-type': 'application/json' } });\nheaders.set('accept', 'application/json');",
    },
    {
      name: "an 'api-key' slug outside any headers object: an auth type's label, not a header (hoppscotch's Authorization.vue)",
      filename: viteApp,
      code: "const AUTH_KEY_NAME = { basic: 'Basic Auth', bearer: 'Bearer', 'api-key': 'API key', none: 'None' };",
    },
    {
      name: 'a file whose side is unknown',
      filename: inProject('express-api', 'lib/client.ts'),
      code: "fetch(u, { headers: { 'x-api-key': key } });",
    },
  ],
  invalid: [
    {
      name: "api-key (Azure OpenAI's header) in a headers object",
      filename: viteApp,
      code: "fetch(azureUrl, { headers: { 'api-key': azureKey } });",
      errors: [{ messageId: 'apiKeyHeaderInClient', line: 1, column: 30 }],
    },
    {
      name: 'fetch init in a Vite app (TS), whatever the value',
      filename: viteApp,
      code: "export const quotes = () =>\n  fetch('https://api.deframe.io/v1/quotes', { headers: { 'x-api-key': apiKey } });",
      errors: [{ messageId: 'apiKeyHeaderInClient', line: 2, column: 58, endColumn: 69 }],
    },
    {
      name: "new Headers, headers.set and append in a 'use client' component (TSX)",
      filename: nextClient,
      code: "'use client';\nconst h = new Headers({ 'X-API-Key': key });\nh.set('x-api-key', key);\nh.append('X-Api-Key', key);\nexport const B = () => <button />;",
      errors: [
        { messageId: 'apiKeyHeaderInClient', line: 2, column: 25 },
        { messageId: 'apiKeyHeaderInClient', line: 3, column: 7 },
        { messageId: 'apiKeyHeaderInClient', line: 4, column: 10 },
      ],
    },
    {
      name: 'Headers from entries and XMLHttpRequest (JSX)',
      filename: viteJsx,
      code: "const h = new Headers([['x-api-key', key]]);\nxhr.setRequestHeader('x-api-key', key);\nexport const Q = () => <p />;",
      errors: [
        { messageId: 'apiKeyHeaderInClient', line: 1, column: 25 },
        { messageId: 'apiKeyHeaderInClient', line: 2, column: 22 },
      ],
    },
    {
      name: 'axios create and defaults (JS)',
      filename: inProject('vite-react', 'src/http.js'),
      code: "const api = axios.create({ baseURL: 'https://api.deframe.io', headers: { common: { 'x-api-key': key } } });\naxios.defaults.headers.common['x-api-key'] = key;",
      errors: [
        { messageId: 'apiKeyHeaderInClient', line: 1, column: 84 },
        { messageId: 'apiKeyHeaderInClient', line: 2, column: 31 },
      ],
    },
    {
      name: 'ky and got options',
      filename: viteApp,
      code: "ky.get(u, { headers: { 'x-api-key': key } });\ngot(u, { headers: { 'x-api-key': key } });",
      errors: [
        { messageId: 'apiKeyHeaderInClient', line: 1, column: 24 },
        { messageId: 'apiKeyHeaderInClient', line: 2, column: 21 },
      ],
    },
    {
      name: 'Authorization carrying an env var or a literal key',
      filename: viteApp,
      code: "fetch(u, { headers: { Authorization: `Bearer ${import.meta.env.VITE_OPENAI_KEY}` } });\nconfig.headers.Authorization = 'Bearer ' + apiKey;",
      errors: [
        { messageId: 'authorizationInClient', line: 1, column: 23 },
        { messageId: 'authorizationInClient', line: 2, column: 16 },
      ],
    },
    {
      name: 'x-auth-token carrying an env var',
      filename: viteApp,
      code: "headers.set('x-auth-token', import.meta.env.VITE_SERVICE_TOKEN);",
      errors: [{ messageId: 'authorizationInClient', line: 1, column: 13 }],
    },
    {
      name: "authorization: 'always' flags a session token too",
      filename: viteApp,
      code: 'fetch(u, { headers: { Authorization: `Bearer ${session.accessToken}` } });',
      options: [{ authorization: 'always' }],
      errors: [{ messageId: 'authorizationInClient', line: 1, column: 23 }],
    },
  ],
});

describe('the pre-check that skips files', () => {
  it('every credential header name holds one of the words a file must contain to be checked', () => {
    expect([...CREDENTIAL_HEADERS].filter((name) => !CREDENTIAL_HEADER_WORDS.test(name))).toEqual([]);
  });
});
