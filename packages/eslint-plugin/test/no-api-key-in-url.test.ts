import rule from '../src/rules/no-api-key-in-url.js';
import { createRuleTester } from './rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-api-key-in-url', rule, {
  valid: [
    { name: 'the key in the header', filename: 'server/quotes.ts', code: "fetch('https://api.deframe.io/v1/quotes?limit=10', { headers: { 'x-api-key': key } });" },
    { name: 'other query parameters', filename: 'server/search.js', code: 'const url = `https://example.com/search?q=${q}&page=2`;' },
    { name: 'a parameter that only ends in key', filename: 'server/sort.ts', code: "const u = '/items?sort_key=name';" },
    { name: 'searchParams.set of an unrelated name', filename: 'server/u.ts', code: "url.searchParams.set('limit', '10');" },
  ],
  invalid: [
    {
      name: 'a literal URL with ?api_key= (TS)',
      filename: 'server/quotes.ts',
      code: "const res = await fetch('https://api.example.com/v1/quotes?api_key=' + key);",
      errors: [{ messageId: 'keyInQueryString', line: 1, column: 60, endColumn: 67 }],
    },
    {
      name: 'a template with &apikey= (JS)',
      filename: 'server/weather.js',
      code: 'const u = `https://api.example.com/w?city=${city}&apikey=${process.env.WEATHER_KEY}`;',
      errors: [{ messageId: 'keyInQueryString', line: 1, column: 51 }],
    },
    {
      name: 'searchParams.set and URLSearchParams (TSX)',
      filename: 'src/Map.tsx',
      code: "url.searchParams.set('api_key', key);\nconst q = new URLSearchParams({ client_secret: s });\nexport const M = () => <div />;",
      errors: [
        { messageId: 'keyInQueryString', line: 1, column: 22 },
        { messageId: 'keyInQueryString', line: 2, column: 33 },
      ],
    },
    {
      name: 'axios params (JSX)',
      filename: 'src/Quotes.jsx',
      code: "axios.get(u, { params: { 'x-api-key': key } });\nexport const Q = () => <p />;",
      errors: [{ messageId: 'keyInQueryString', line: 1, column: 26 }],
    },
    {
      name: 'the parameters option',
      filename: 'server/legacy.ts',
      code: "const u = base + '?token=' + t;",
      options: [{ parameters: ['token'] }],
      errors: [{ messageId: 'keyInQueryString', line: 1, column: 20 }],
    },
  ],
});
