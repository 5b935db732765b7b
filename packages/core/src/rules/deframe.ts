import type { Rule } from '../types.js';
import { ALNUM, assignmentRegex, fakeBody, memoName, normaliseName } from './define.js';
import { isCodePath, isNonSecretShape, looksLikeSecret, namesItsKind } from './values.js';

const fix = 'Keep the Deframe API key in a server-side environment variable (DEFRAME_API_KEY) or a secret manager, and rotate it.';
/** The x-api-key header is anyone's: Deframe's wording only in a file that names Deframe. */
const headerFix = 'Keep the API key in a server-side environment variable or a secret manager, send the header from server code, and rotate the key.';

/** Deframe's key format is not published: these rules work from context, entropy and placeholder checks. */
/** Key names that say nothing of whose key it is (normalised: lower case, no separators). */
const GENERIC_KEY_NAMES = new Set([
  'key', 'apikey', 'secret', 'secretkey', 'apisecret', 'token', 'apitoken', 'accesstoken', 'accesskey',
  'authtoken', 'authkey', 'xapikey', 'clientsecret', 'privatekey',
]);

/**
 * What a name says to deframe-api-key: a Deframe key's name (`DEFRAME_API_KEY`, `deframeKey`), a
 * generic key name (`apiKey`, near a mention of Deframe), or neither. Asked of every candidate:
 * memoised by name.
 */
const deframeNameKind = memoName((raw): 'deframe' | 'generic' | 'other' => {
  const name = normaliseName(raw.split('.').pop());
  if (!/key|secret|token/.test(name) || /url|host|endpoint|id$|name|header/.test(name)) return 'other';
  if (normaliseName(raw).includes('deframe')) return 'deframe';
  return GENERIC_KEY_NAMES.has(name) ? 'generic' : 'other';
});

export const deframeRules: Rule[] = [
  {
    id: 'x-api-key-header',
    description: 'API key given to the x-api-key header',
    keywords: ['x-api-key'],
    regex:
      /(?<![A-Za-z0-9_-])x-api-key\\?["'`]?\]?[ \t]{0,8}(?::|=|,|=>)[ \t]{0,8}(?:\\?["'`](?<secret>[^"'`\\\s]{8,300})\\?["'`]|(?<secret2>[^"'`\\\s,;)}\]]{8,300}))/i,
    severity: 'error',
    priority: 3,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix: headerFix,
    contextFix: { mentions: /deframe/i, fix },
    validate: (secret, context) => {
      const before = context.text?.charAt((context.index ?? 0) - 1) ?? '';
      const quoted = before === '"' || before === "'" || before === '`';
      if (!quoted && isCodePath(context.path) && isNonSecretShape(secret)) return false;
      return !namesItsKind(secret) && looksLikeSecret(secret, 16, 3);
    },
    examples: (seed) => {
      const key = fakeBody(ALNUM, 40, seed());
      return {
        positives: [
          `fetch(url, { headers: { 'x-api-key': '${key}' } });\n`,
          `const headers = new Headers({ "X-API-KEY": "${key}" });\n`,
          `headers.set('x-api-key', '${key}');\n`,
          `headers['x-api-key'] = '${key}';\n`,
          `axios.defaults.headers.common["x-api-key"] = "${key}";\n`,
          `const headers = { ['x-api-key']: '${key}' };\n`,
          `curl -H 'x-api-key: ${key}' https://api.deframe.io/v1/strategies\n`,
          `GET https://api.deframe.io/v1/positions\nx-api-key: ${key}\n`,
          `headers:\n  x-api-key: ${key}\n`,
          `{"headers": {"x-api-key": "${key}"}}\n`,
        ],
        negatives: [
          `fetch(url, { headers: { 'x-api-key': process.env.DEFRAME_API_KEY } });\n`,
          `headers.set('x-api-key', apiKey);\n`,
          `curl -H "x-api-key: $DEFRAME_API_KEY" https://api.deframe.io/v1/strategies\n`,
          `x-api-key: {{apiKey}}\n`,
          `headers: { 'x-api-key': '<YOUR_API_KEY>' }\n`,
        ],
      };
    },
  },
  {
    id: 'deframe-api-key',
    description: 'Deframe API key',
    keywords: ['deframe'],
    // name = value in every syntax, plus the Dockerfile form without "=": ENV DEFRAME_API_KEY value
    regex: new RegExp(
      `${assignmentRegex(`[^\\s"'\`,;(){}<>]{12,300}`, '', '').source}|(?:^|\\n)[ \\t]*(?:ENV|ARG)[ \\t]+(?<name3>DEFRAME_[A-Z0-9_]{1,40})[ \\t]+["']?(?<secret3>[^\\s"'\`]{12,300})`,
    ),
    window: { before: 400, after: 600, multiline: true },
    severity: 'error',
    priority: 4,
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => {
      const kind = deframeNameKind(context.name ?? '');
      if (kind === 'other') return false;
      if (kind === 'generic') {
        // a generic key-like name near a mention of Deframe (new Deframe({ apiKey: '…' })); a
        // name that says whose key it is (aws_secret_access_key, stripeKey) belongs to that provider
        const text = context.text ?? '';
        const at = context.index ?? 0;
        if (!/deframe/i.test(text.slice(Math.max(0, at - 300), at + 100))) return false;
      }
      const before = context.text?.charAt((context.index ?? 0) - 1) ?? '';
      const quoted = before === '"' || before === "'" || before === '`';
      if (!quoted && isCodePath(context.path)) return false;
      return looksLikeSecret(secret, 16, 3);
    },
    examples: (seed) => {
      const key = fakeBody(ALNUM, 40, seed());
      return {
        positives: [
          `DEFRAME_API_KEY=${key}\n`,
          `export DEFRAME_API_KEY="${key}"\n`,
          `ENV DEFRAME_API_KEY=${key}\n`,
          `FROM node:20\nENV DEFRAME_API_KEY ${key}\n`,
          `env:\n  DEFRAME_API_KEY: ${key}\n`,
          `const deframeKey = '${key}';\n`,
          `const client = new Deframe({\n  apiKey: '${key}',\n});\n`,
        ],
        negatives: [
          `const key = process.env.DEFRAME_API_KEY;\n`,
          `env:\n  DEFRAME_API_KEY: \${{ secrets.DEFRAME_API_KEY }}\n`,
          `DEFRAME_API_KEY=$DEFRAME_API_KEY\n`,
          `DEFRAME_API_KEY=your-deframe-api-key\n`,
          `DEFRAME_API_URL=https://api.deframe.io\n`,
          `const client = new Deframe({ apiKey: process.env.DEFRAME_API_KEY });\n`,
          // another provider's key that merely sits near the word (a bucket named after Deframe)
          `const storage = {\n  bucket: 'deframe-exports',\n  stripeSecretKey: '${key}',\n};\n`,
        ],
      };
    },
  },
];
