/**
 * A labelled corpus for precision/recall: ~45 key kinds rendered into the common file types,
 * and realistic look-alikes that must stay quiet. Secrets are built at run time from parts.
 */
import { fakeBody, seedOf } from '@keyguard/core/testing';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Bodies from the one generator (`@keyguard/core/testing`), drawn in order: the same corpus every run.
let draws = 0;
export function rnd(alphabet: string, n: number): string {
  return fakeBody(alphabet, n, seedOf('corpus', draws++));
}
const j = (...parts: string[]): string => parts.join('');

export interface Kind {
  ruleId: string;
  /** The name the secret is given to in assignment-style snippets. */
  name: string;
  secret: () => string;
}

/** Kinds whose secret can be dropped into any assignment. */
export const kinds: Kind[] = [
  { ruleId: 'github-pat', name: 'github_token', secret: () => j('gh', 'p_', rnd(ALNUM, 36)) },
  { ruleId: 'github-oauth-token', name: 'gh_oauth', secret: () => j('gh', 'o_', rnd(ALNUM, 36)) },
  { ruleId: 'github-fine-grained-pat', name: 'GH_TOKEN', secret: () => j('github', '_pat_', rnd(ALNUM, 22), '_', rnd(ALNUM, 59)) },
  { ruleId: 'gitlab-pat', name: 'gitlab_token', secret: () => j('gl', 'pat-', rnd(B64URL, 20)) },
  { ruleId: 'aws-access-key-id', name: 'aws_access_key_id', secret: () => j('AK', 'IA', rnd(UPPER, 16)) },
  { ruleId: 'aws-secret-access-key', name: 'aws_secret_access_key', secret: () => rnd(B64, 40) },
  { ruleId: 'stripe-secret-key', name: 'stripe_key', secret: () => j('sk', '_live_', rnd(ALNUM, 34)) },
  { ruleId: 'stripe-restricted-key', name: 'stripe_restricted', secret: () => j('rk', '_live_', rnd(ALNUM, 34)) },
  { ruleId: 'slack-bot-token', name: 'slack_token', secret: () => j('xo', 'xb-', rnd('0123456789', 12), '-', rnd('0123456789', 13), '-', rnd(ALNUM, 24)) },
  { ruleId: 'slack-webhook-url', name: 'slack_webhook', secret: () => j('https://hooks.', 'slack.com/services/T', rnd('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10), '/B', rnd('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10), '/', rnd(ALNUM, 24)) },
  { ruleId: 'openai-project-key', name: 'openai_api_key', secret: () => j('sk-', 'proj-', rnd(B64URL, 120)) },
  { ruleId: 'openai-legacy-key', name: 'OPENAI_KEY', secret: () => j('sk-', rnd(ALNUM, 20), 'T3Blbk', 'FJ', rnd(ALNUM, 20)) },
  { ruleId: 'anthropic-api-key', name: 'anthropic_api_key', secret: () => j('sk-ant-', 'api03-', rnd(B64URL, 93), 'AA') },
  { ruleId: 'google-api-key', name: 'google_maps_key', secret: () => j('AI', 'za', rnd(B64URL, 35)) },
  { ruleId: 'google-oauth-client-secret', name: 'google_client_secret', secret: () => j('GOC', 'SPX-', rnd(B64URL, 28)) },
  { ruleId: 'twilio-auth-token', name: 'twilio_auth_token', secret: () => rnd(HEX, 32) },
  { ruleId: 'sendgrid-api-key', name: 'sendgrid_api_key', secret: () => j('S', 'G.', rnd(B64URL, 22), '.', rnd(B64URL, 43)) },
  { ruleId: 'mailgun-api-key', name: 'mailgun_key', secret: () => j('ke', 'y-', rnd(HEX, 32)) },
  { ruleId: 'npm-access-token', name: 'npm_token', secret: () => j('np', 'm_', rnd(ALNUM, 36)) },
  { ruleId: 'pypi-upload-token', name: 'pypi_token', secret: () => j('pypi-', 'AgEIcHlwaS5vcmc', rnd(B64URL, 80)) },
  { ruleId: 'shopify-access-token', name: 'shopify_token', secret: () => j('shp', 'at_', rnd(HEX, 32)) },
  { ruleId: 'discord-webhook-url', name: 'discord_webhook', secret: () => j('https://discord', '.com/api/webhooks/', rnd('0123456789', 18), '/', rnd(B64URL, 68)) },
  { ruleId: 'telegram-bot-token', name: 'telegram_bot_token', secret: () => j(rnd('123456789', 10), ':A', 'A', rnd(B64URL, 33)) },
  { ruleId: 'digitalocean-pat', name: 'do_token', secret: () => j('dop', '_v1_', rnd(HEX, 64)) },
  { ruleId: 'heroku-api-key', name: 'heroku_key', secret: () => j('HR', 'KU-', rnd(B64URL, 60)) },
  { ruleId: 'doppler-token', name: 'doppler_token', secret: () => j('dp', '.st.', rnd(ALNUM, 43)) },
  { ruleId: 'vault-service-token', name: 'vault_token', secret: () => j('hv', 's.', rnd(B64URL, 95)) },
  { ruleId: 'linear-api-key', name: 'linear_key', secret: () => j('lin', '_api_', rnd(ALNUM, 40)) },
  { ruleId: 'huggingface-token', name: 'hf_token', secret: () => j('h', 'f_', rnd('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)) },
  { ruleId: 'datadog-api-key', name: 'datadog_api_key', secret: () => rnd(HEX, 32) },
  { ruleId: 'sentry-user-token', name: 'sentry_token', secret: () => j('sntr', 'yu_', rnd(HEX, 64)) },
  { ruleId: 'databricks-token', name: 'databricks_token', secret: () => j('da', 'pi', rnd(HEX, 32)) },
  { ruleId: 'figma-pat', name: 'figma_token', secret: () => j('fi', 'gd_', rnd(B64URL, 40)) },
  { ruleId: 'notion-integration-token', name: 'notion_token', secret: () => j('nt', 'n_', rnd(ALNUM, 46)) },
  { ruleId: 'groq-api-key', name: 'groq_key', secret: () => j('gs', 'k_', rnd(ALNUM, 52)) },
  { ruleId: 'supabase-secret-key', name: 'supabase_key', secret: () => j('sb', '_secret_', rnd(B64URL, 32)) },
  { ruleId: 'postgres-url-password', name: 'database_url', secret: () => j('postgres', '://app:', rnd(ALNUM, 16), '@db.prod.internal:5432/app') },
  { ruleId: 'mongodb-url-password', name: 'mongo_uri', secret: () => j('mongodb', '+srv://svc:', rnd(ALNUM, 16), '@cluster0.abcde.mongodb.net/app') },
  { ruleId: 'redis-url-password', name: 'redis_url', secret: () => j('redis', '://default:', rnd(ALNUM, 20), '@cache.internal:6379') },
  { ruleId: 'basic-auth-url', name: 'registry_url', secret: () => j('https', '://deploy:', rnd(ALNUM, 18), '@registry.internal.net/npm/') },
  { ruleId: 'evm-private-key', name: 'private_key', secret: () => j('0x', rnd(HEX, 64)) },
  { ruleId: 'deframe-api-key', name: 'DEFRAME_API_KEY', secret: () => rnd(ALNUM, 40) },
  { ruleId: 'generic-secret', name: 'client_secret', secret: () => rnd(ALNUM, 32) },
  { ruleId: 'generic-secret', name: 'db_password', secret: () => j(rnd(ALNUM, 12), '!7') },
  { ruleId: 'age-secret-key', name: 'age_key', secret: () => j('AGE-SECRET-', 'KEY-1', rnd('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)) },
  { ruleId: 'perplexity-api-key', name: 'pplx_key', secret: () => j('pp', 'lx-', rnd(ALNUM, 48)) },
  { ruleId: 'langsmith-api-key', name: 'langsmith_key', secret: () => j('lsv', '2_pt_', rnd(HEX, 32), '_', rnd(HEX, 10)) },
];

/** File types and how a `name = secret` assignment is written in each. */
export const fileTypes: { file: string; render: (name: string, secret: string) => string }[] = [
  { file: 'src/config.js', render: (n, s) => `// settings\nconst ${camel(n)} = '${s}';\nmodule.exports = { ${camel(n)} };\n` },
  { file: 'src/config.ts', render: (n, s) => `export const config = {\n  ${camel(n)}: "${s}",\n};\n` },
  { file: 'src/client.ts', render: (n, s) => `export class Client {\n  private readonly ${camel(n)}: string = '${s}';\n}\n` },
  { file: 'app/config.py', render: (n, s) => `class Settings(BaseSettings):\n    ${n}: str = "${s}"\n` },
  { file: 'app/src/main/kotlin/Config.kt', render: (n, s) => `object Config {\n    const val ${n.toUpperCase()}: String = "${s}"\n}\n` },
  { file: 'config/settings.json', render: (n, s) => `{\n  "name": "app",\n  "${n}": "${s}"\n}\n` },
  { file: 'config/app.yaml', render: (n, s) => `app:\n  name: demo\n  ${n}: ${s}\n` },
  { file: 'config/app.toml', render: (n, s) => `[service]\n${n} = "${s}"\n` },
  { file: '.env.production', render: (n, s) => `NODE_ENV=production\n${n.toUpperCase()}=${s}\n` },
  { file: 'scripts/deploy.sh', render: (n, s) => `#!/bin/sh\nexport ${n.toUpperCase()}="${s}"\n./deploy\n` },
  { file: 'app/settings.py', render: (n, s) => `import os\n${n.toUpperCase()} = "${s}"\n` },
  { file: 'cmd/main.go', render: (n, s) => `package main\n\nconst ${camel(n)} = "${s}"\n` },
  { file: 'config/initializers/keys.rb', render: (n, s) => `Rails.application.config.${n} = '${s}'\n` },
  { file: 'src/main/java/App.java', render: (n, s) => `class App {\n  private static final String ${n.toUpperCase()} = "${s}";\n}\n` },
  { file: 'src/main/resources/app.xml', render: (n, s) => `<config>\n  <${n}>${s}</${n}>\n</config>\n` },
  { file: 'infra/main.tf', render: (n, s) => `provider "demo" {\n  ${n} = "${s}"\n}\n` },
  { file: 'Dockerfile', render: (n, s) => `FROM node:20\nENV ${n.toUpperCase()}=${s}\n` },
  { file: 'src/main/resources/application.properties', render: (n, s) => `app.name=demo\n${n.replace(/_/g, '.')}=${s}\n` },
  { file: 'docs/setup.md', render: (n, s) => `# Setup\n\n\`\`\`sh\nexport ${n.toUpperCase()}=${s}\n\`\`\`\n` },
  { file: '.github/workflows/ci.yml', render: (n, s) => `jobs:\n  build:\n    env:\n      ${n.toUpperCase()}: ${s}\n` },
];

function camel(name: string): string {
  const parts = name.toLowerCase().split('_');
  return parts[0]! + parts.slice(1).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

export interface Labelled {
  file: string;
  text: string;
  /** The rule that must find it; undefined for text that must stay quiet. */
  ruleId?: string;
}

/** Snippets whose shape is more than an assignment. */
export function special(): Labelled[] {
  const key = rnd(ALNUM, 40);
  const pem = (label: string, nl = '\n'): string =>
    [j('-----BEG', 'IN ', label, '-----'), ...(rnd(B64, 1200).match(/.{1,64}/g) ?? []), j('-----EN', 'D ', label, '-----')].join(nl);
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (payload: unknown): string => j(enc({ alg: 'HS256', typ: 'JWT' }), '.', enc(payload), '.', rnd(B64URL, 43));
  return [
    { file: 'src/api.ts', text: `await fetch(url, { headers: { 'x-api-key': '${key}' } });\n`, ruleId: 'x-api-key-header' },
    { file: 'src/client.js', text: `const h = new Headers();\nh.set('X-API-Key', "${rnd(ALNUM, 40)}");\n`, ruleId: 'x-api-key-header' },
    { file: 'src/axios.ts', text: `axios.create({\n  baseURL: 'https://api.deframe.io',\n  headers: { "x-api-key": "${rnd(ALNUM, 40)}" },\n});\n`, ruleId: 'x-api-key-header' },
    { file: 'scripts/call.sh', text: `curl -s -H "x-api-key: ${rnd(ALNUM, 40)}" https://api.deframe.io/v1/strategies\n`, ruleId: 'x-api-key-header' },
    { file: 'api/requests.http', text: `GET https://api.deframe.io/v1/wallets\nx-api-key: ${rnd(ALNUM, 40)}\n`, ruleId: 'x-api-key-header' },
    { file: 'src/search.js', text: `fetch('https://api.example.net/v1/search?q=shoes&api_key=${rnd(ALNUM, 32)}&page=2');\n`, ruleId: 'generic-secret' },
    { file: 'notebooks/explore.ipynb', text: `{"cells": [{"cell_type": "code", "source": ["client = Client(api_key=\\"${rnd(ALNUM, 32)}\\")\\n"]}]}\n`, ruleId: 'generic-secret' },
    { file: 'notebooks/call.ipynb', text: `{"source": ["headers = {\\"x-api-key\\": \\"${rnd(ALNUM, 40)}\\"}\\n"]}\n`, ruleId: 'x-api-key-header' },
    { file: '.netrc', text: `machine api.heroku.com\n  login dev@example.net\n  password ${rnd(ALNUM, 24)}\n`, ruleId: 'netrc-password' },
    { file: 'scripts/release.sh', text: `#!/bin/sh\nheroku container:login --api-key ${rnd(ALNUM, 36)}\n`, ruleId: 'cli-flag-secret' },
    { file: 'scripts/status.sh', text: `curl -s -u deploy:${rnd(ALNUM, 16)} https://ci.internal.net/api/status\n`, ruleId: 'cli-user-password' },
    { file: 'infra/variables.tf', text: `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${rnd(ALNUM, 18)}"\n}\n`, ruleId: 'terraform-variable-default' },
    { file: 'config/keys.php', text: `<?php\ndefine('API_SECRET', '${rnd(ALNUM, 32)}');\n`, ruleId: 'generic-secret' },
    { file: 'src/deframe.ts', text: `const client = new DeframeClient({\n  apiKey: '${rnd(ALNUM, 40)}',\n});\n`, ruleId: 'deframe-api-key' },
    { file: 'keys/id_rsa', text: `${pem('RSA PRIVATE KEY')}\n`, ruleId: 'private-key' },
    { file: 'keys/id_ed25519', text: `${pem('OPENSSH PRIVATE KEY')}\n`, ruleId: 'openssh-private-key' },
    { file: 'keys/secret.asc', text: `${pem('PGP PRIVATE KEY BLOCK')}\n`, ruleId: 'pgp-private-key' },
    { file: 'src/key.ts', text: `export const signingKey = "${pem('PRIVATE KEY', '\\n')}";\n`, ruleId: 'private-key' },
    {
      file: 'gcp/service-account.json',
      text: `{\n  "type": "service_account",\n  "project_id": "demo-123",\n  "private_key_id": "${rnd(HEX, 40)}",\n  "private_key": "${pem('PRIVATE KEY', '\\n')}\\n",\n  "client_email": "ci@demo-123.iam.gserviceaccount.com"\n}\n`,
      ruleId: 'gcp-service-account-key',
    },
    { file: 'supabase/.env.local', text: `SUPABASE_SERVICE_ROLE_KEY=${jwt({ iss: 'supabase', ref: 'qwmnbvcxzlkjhgfdsapo', role: 'service_role', iat: 1700000000, exp: 2000000000 })}\n`, ruleId: 'supabase-service-role-key' },
    { file: 'src/auth.ts', text: `fetch(u, { headers: { Authorization: 'Bearer ${rnd(B64URL, 48)}' } });\n`, ruleId: 'authorization-bearer-token' },
    {
      file: 'config/storage.cs',
      text: `var conn = "DefaultEndpointsProtocol=https;AccountName=demo;${j('Account', 'Key=')}${rnd(B64, 86)}==;EndpointSuffix=core.windows.net";\n`,
      ruleId: 'azure-storage-connection-string',
    },
  ];
}

/** Realistic look-alikes across file types: none of these is a finding. */
export function negatives(): Labelled[] {
  const n = (file: string, text: string): Labelled => ({ file, text });
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return [
    n('src/config.ts', 'export const apiKey = process.env.DEFRAME_API_KEY;\n'),
    n('src/config.js', "const token = process.env['GITHUB_TOKEN'] ?? '';\n"),
    n('app/settings.py', 'SECRET_KEY = os.environ["SECRET_KEY"]\nAPI_TOKEN = os.getenv("API_TOKEN", "")\n'),
    n('cmd/main.go', 'apiKey := os.Getenv("DEFRAME_API_KEY")\n'),
    n('.github/workflows/ci.yml', 'env:\n  DEFRAME_API_KEY: ${{ secrets.DEFRAME_API_KEY }}\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'),
    n('.env.example', 'DEFRAME_API_KEY=your-deframe-api-key\nDATABASE_URL=postgres://user:password@localhost:5432/app\nSTRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n'),
    n('docker-compose.yml', 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n'),
    n('scripts/call.sh', 'curl -H "x-api-key: $DEFRAME_API_KEY" https://api.deframe.io/v1/strategies\n'),
    n('api/requests.http', 'GET https://api.deframe.io/v1/wallets\nx-api-key: {{apiKey}}\n'),
    n('src/api.ts', "headers.set('x-api-key', apiKey);\nconst h = { 'x-api-key': config.deframe.apiKey };\n"),
    n('docs/aws.md', `aws_access_key_id = ${j('AKIA', 'IOSFODNN7', 'EXAMPLE')}\naws_secret_access_key = ${j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')}\n`),
    n('package-lock.json', `{"integrity": "sha512-${rnd(B64, 86)}=="}\n`),
    n('pnpm-lock.yaml', `  resolution: {integrity: sha512-${rnd(B64, 86)}==}\n`),
    n('src/ids.ts', `export const requestToken = '${rnd(HEX, 8)}-${rnd(HEX, 4)}-4${rnd(HEX, 3)}-a${rnd(HEX, 3)}-${rnd(HEX, 12)}';\n`),
    n('src/git.ts', `const commitSha = '${rnd(HEX, 40)}';\nconst tokenHash = '${rnd(HEX, 64)}';\n`),
    n('src/img.ts', `const icon = 'data:image/png;base64,${rnd(B64, 120)}';\n`),
    n('keys/id_ed25519.pub', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rnd(B64, 43)} dev@laptop\n`),
    n('keys/public.pem', `-----BEGIN PUBLIC KEY-----\n${rnd(B64, 64)}\n${rnd(B64, 64)}\n-----END PUBLIC KEY-----\n`),
    n('src/i18n/en.json', '{\n  "password": "Enter your password",\n  "token_expired": "Your session token has expired, please sign in again"\n}\n'),
    n('src/Button.tsx', 'const secretClass = "px-4 py-2 rounded-md bg-secret-500 hover:bg-secret-600";\n'),
    n('test/auth.test.ts', `const idToken = '${j(enc({ alg: 'RS256', typ: 'JWT' }), '.', enc({ sub: '1234567890', name: 'Test User', iat: 1516239022 }), '.', rnd(B64URL, 43))}';\n`),
    n('src/routes.ts', "const tokenUrl = 'https://oauth2.googleapis.com/token';\nconst authPath = '/api/auth/callback';\n"),
    n('src/form.tsx', '<input type="password" name="password" placeholder="Password" autoComplete="current-password" />\n'),
    n('README.md', 'Set `DEFRAME_API_KEY` in your environment. Never commit it.\n\n```sh\nexport DEFRAME_API_KEY=<your key>\n```\n'),
    n('infra/main.tf', 'variable "api_key" {\n  type      = string\n  sensitive = true\n}\nresource "x" "y" {\n  api_key = var.api_key\n}\n'),
    n('src/main/resources/application.properties', 'spring.datasource.password=${DB_PASSWORD}\napp.api.key=${API_KEY}\n'),
    n('src/main/java/App.java', 'String apiKey = System.getenv("API_KEY");\nString password = props.getProperty("db.password");\n'),
    n('config/app.xml', '<config>\n  <password>${DB_PASSWORD}</password>\n  <apiKey>CHANGEME</apiKey>\n</config>\n'),
    n('Dockerfile', 'FROM node:20\nARG NPM_TOKEN\nENV DEFRAME_API_KEY=""\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n'),
    n('src/keys.ts', "const cacheKey = 'user:profile:v2';\nconst sortKey = 'createdAt';\nconst primaryKey = 'id';\n"),
    n('src/tokenizer.ts', "export const TOKEN_TYPES = ['identifier', 'keyword', 'punctuator'];\nconst tokenizer = new Tokenizer('default-config');\n"),
    n('src/wallet.ts', `const txHash = '0x${rnd(HEX, 64)}';\nconst address = '0x${rnd(HEX, 40)}';\n`),
    n('src/seed.ts', "const phrase = 'the quick brown fox jumps over the lazy dog while the cat sleeps all day long';\n"),
    n('config/stripe.ts', `export const publishableKey = '${j('pk', '_live_', rnd(ALNUM, 34))}';\n`),
    n(
      'src/firebase.ts',
      `const firebaseConfig = {\n  apiKey: "${j('AI', 'za', rnd(B64URL, 35))}",\n  authDomain: "demo.firebaseapp.com",\n  projectId: "demo",\n};\n`,
    ),
    n('src/sentry.ts', `Sentry.init({ dsn: 'https://${rnd(HEX, 32)}@o450481.ingest.sentry.io/4505812' });\n`),
    n('test/fixtures.ts', "const apiKey = 'test-api-key-1234';\nconst password = 'dummy-password';\nconst token = 'fake-token-for-tests';\n"),
    n('src/version.ts', "export const tokenVersion = 'v2.14.3-beta.1';\nexport const secretRotationDate = '2024-05-01T00:00:00Z';\n"),
    n('src/env.ts', 'const key = import.meta.env.VITE_PUBLIC_KEY;\nconst secret = process.env.API_SECRET || "";\n'),
    n('config/app.yaml', 'auth:\n  provider: github\n  token_url: https://github.com/login/oauth/access_token\n  secretName: prod-api-credentials\n'),
  ];
}
