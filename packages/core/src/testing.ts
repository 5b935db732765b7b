/**
 * `@keyguard/core/testing`: the one generator of test keys, for the tests of core, the CLI and
 * the ESLint plugin. Not part of the runtime entry (`@keyguard/core` never imports it).
 *
 * A key is asked for by rule id; its seed is derived from that id (`seedOf`), so no test numbers
 * seeds by hand, and the same id and variant give the same key on every run. Keys are assembled
 * at run time, so the repository holds no live-looking key and passes its own scanner.
 */
import { isPlaceholder } from './placeholder.js';
import { rules } from './rules/index.js';
import { sampleMnemonic } from './rules/crypto.js';
import { ALNUM, BASE64, BASE64URL, HEX, exampleSeeds, fakeBody, join, seedOf } from './rules/define.js';
import { sampleJwt } from './rules/jwt.js';
import { pemBlock } from './rules/private-keys.js';
import type { Rule, RuleExamples, RuleSample } from './types.js';

export { ALNUM, BASE64, BASE64URL, HEX, fakeBody, seedOf };
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** AWS key ids use the base32 alphabet after their prefix. */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A rule's example texts, their random-looking parts seeded from the rule id (`exampleSeeds`). */
export function ruleExamples(rule: Rule): RuleExamples {
  return rule.examples(exampleSeeds(rule.id));
}

export interface TestKey {
  ruleId: string;
  /** A secret the rule finds. */
  secret: string;
  /** A whole file in which the rule finds `secret`. */
  text: string;
  /** A whole file close to `text` that the rule must not report. */
  nearMiss: string;
  /** A whole file with a placeholder where the secret would be; the rule must not report it. */
  placeholder: string;
}

/**
 * A body that looks real to every filter: drawn again (from the next seed) when the engine's
 * placeholder check would drop it, or when it lacks a digit, an upper-case or a lower-case letter
 * its alphabet has (generic rules want letters and digits).
 */
export function realBody(alphabet: string, length: number, seed: number): string {
  for (let k = 0; ; k++) {
    const out = fakeBody(alphabet, length, (seed + Math.imul(k, 0x9e3779b1)) >>> 0);
    const lacks = length >= 8 && [/\d/, /[A-Z]/, /[a-z]/].some((kind) => kind.test(alphabet) && !kind.test(out));
    if (k >= 50 || (!lacks && !isPlaceholder(out, { testMarkers: true }))) return out;
  }
}

/**
 * Deterministic pseudo-random text over `alphabet`, every run of a character allowed (unlike
 * `fakeBody`, which avoids runs a placeholder check would take for padding): for tests of line
 * ends and chunking, where `\r\r\n\n` and long runs are the point.
 */
export function pseudoRandomText(length: number, seed: number, alphabet: string): string {
  let state = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(alphabet[(state >>> 16) % alphabet.length]!);
  }
  return out.join('');
}

/**
 * A source of bodies (`realBody`) for the test named `name`: each call gives a new one, from its
 * own seed; the same calls give the same bodies on every run.
 */
export function bodySource(name: string): (length: number, alphabet?: string) => string {
  let draws = 0;
  return (length, alphabet = ALNUM) => realBody(alphabet, length, seedOf(name, draws++));
}

/** The rules' own samples (provider and context rules), else the ones below. */
function sampleOf(ruleId: string): RuleSample {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`@keyguard/core/testing: no rule "${ruleId}" in the catalog`);
  const sample = rule.sample ?? SAMPLES[ruleId];
  if (!sample) throw new Error(`@keyguard/core/testing: rule "${ruleId}" has no test-key sample (add one to its definition or to testing.ts)`);
  return sample;
}

/** The `variant`-th test key of a rule (variant 0 by default); different variants differ. */
export function testKey(ruleId: string, variant = 0): TestKey {
  const sample = sampleOf(ruleId);
  // a provider shape built from a seed can, rarely, spell a placeholder word: take the next seed
  let seed = seedOf(ruleId, variant);
  let secret = sample.secret(seed);
  for (let k = 1; k < 50 && isPlaceholder(secret, { testMarkers: true }); k++) secret = sample.secret((seed = seedOf(ruleId, variant + k * 1_000_003)));
  return { ruleId, secret, text: sample.text(secret), nearMiss: sample.nearMiss(seed), placeholder: sample.placeholder };
}

/** Shorthand: the secret of `testKey(ruleId, variant)`. */
export function testSecret(ruleId: string, variant = 0): string {
  return testKey(ruleId, variant).secret;
}

/**
 * A counter per rule id: each call returns a new key of that rule (for tests that need several
 * distinct keys of one kind). Deterministic within a process.
 */
export function keySource(ruleId: string, first = 100): () => string {
  let next = first;
  return () => testSecret(ruleId, next++);
}

const line = (before: string, after = '\n') => (secret: string): string => `${before}${secret}${after}`;
const PASSWORD = (seed: number): string => join(realBody(ALNUM, 14, seed), '!', String(seed % 10));
const urlSample = (scheme: string): RuleSample => {
  const text = line(`DATABASE_URL=${scheme}://app_user:`, '@db.internal.example.net:5432/app\n');
  return {
    secret: PASSWORD,
    text,
    // the same password with no host after it is no URL credential
    nearMiss: (seed) => `DATABASE_URL=${scheme}://app_user:${PASSWORD(seed)}\n`,
    placeholder: text('${DB_PASSWORD}'),
  };
};
const pemSample = (label: string): RuleSample => ({
  secret: (seed) => pemBlock(label, realBody(BASE64, 1200, seed)),
  text: line(''),
  // the header alone, as code that looks for keys writes it
  nearMiss: () => `const header = '-----BEGIN ${label}-----';\n`,
  placeholder: `${pemBlock(label, 'x'.repeat(200))}\n`,
});
const uuid = (seed: number): string => [8, 4, 4, 4, 12].map((n, i) => fakeBody(HEX, n, seed + i)).join('-');
const serviceRoleJwt = (role: string, seed: number): string =>
  sampleJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role, iat: 1700000000, exp: 2000000000 }, seed);
/** The jwt.io sample payload: documented everywhere, never a secret. */
const jwtIoSample = (seed: number): string => sampleJwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, seed);
const puttyFile = (seed: number, privateLines: string): string =>
  join('PuTTY-User-Key-', 'File-3: ssh-ed25519\nEncryption: none\nComment: demo\nPublic-Lines: 2\n', lines64(realBody(BASE64, 128, seed)), '\nPrivate-Lines: 10\n', privateLines, '\nPrivate-MAC: ', fakeBody(HEX, 64, seed + 2), '\n');
const docsearch = (key: string): string => `algolia: {\n  appId: 'BH4D9OD16A',\n  apiKey: '${key}',\n  indexName: 'docs',\n},\n`;
const lines64 = (body: string): string => (body.match(/.{1,64}/g) ?? []).join('\n');

/** Samples of the rules whose shape is more than a prefix or a telling name. */
const SAMPLES: Record<string, RuleSample> = {
  'aws-access-key-id': {
    secret: (seed) => join('AK', 'IA', realBody(BASE32, 16, seed)),
    text: line('aws_access_key_id = '),
    nearMiss: (seed) => `aws_access_key_id = ${join('AK', 'IA', realBody(BASE32, 15, seed))}\n`,
    // the id AWS's own documentation uses
    placeholder: `aws_access_key_id = ${join('AKIA', 'IOSFODNN7', 'EXAMPLE')}\n`,
  },
  'gcp-service-account-key': {
    secret: (seed) => pemBlock('PRIVATE KEY', realBody(BASE64, 600, seed), '\\n'),
    text: (secret) => `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key": "${secret}"\n}\n`,
    // a user credential file, not a service account
    nearMiss: (seed) => `{\n  "type": "authorized_user",\n  "private_key": "${pemBlock('PRIVATE KEY', realBody(BASE64, 600, seed), '\\n')}"\n}\n`,
    placeholder: `{\n  "type": "service_account",\n  "private_key": "<your private key>"\n}\n`,
  },
  'azure-storage-connection-string': {
    secret: (seed) => `${realBody(BASE64, 86, seed)}==`,
    text: line('AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=', ';EndpointSuffix=core.windows.net"\n'),
    // a key a third as long as an account key
    nearMiss: (seed) => `conn = "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${realBody(BASE64, 28, seed)}=="\n`,
    placeholder: 'conn = "DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<your-key>"\n',
  },
  'npmrc-auth-token': {
    secret: uuid,
    text: line('//registry.npmjs.org/:_authToken='),
    nearMiss: (seed) => `//registry.npmjs.org/:authToken=${uuid(seed)}\n`,
    placeholder: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  },
  'power-automate-webhook-url': {
    secret: (seed) => realBody(BASE64URL, 43, seed),
    text: line(`FLOW_URL=https://prod-21.westeurope.logic.azure.com:443/workflows/${fakeBody(HEX, 32, 7)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=`),
    // the same URL without its signature is not a credential
    nearMiss: () => `FLOW_URL=https://prod-21.westeurope.logic.azure.com:443/workflows/${fakeBody(HEX, 32, 7)}/triggers/manual/paths/invoke?api-version=2016-06-01\n`,
    placeholder: `FLOW_URL=https://prod-21.westeurope.logic.azure.com:443/workflows/${fakeBody(HEX, 32, 7)}/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<sig>\n`,
  },
  'twitter-bearer-token': {
    secret: (seed) => join('A'.repeat(22), realBody(ALNUM, 30, seed), '%3D', realBody(ALNUM, 50, seed + 1)),
    text: line('TWITTER_BEARER_TOKEN='),
    // too short after the padding
    nearMiss: (seed) => `TWITTER_BEARER_TOKEN=${join('A'.repeat(22), realBody(ALNUM, 40, seed))}\n`,
    placeholder: `const padding = '${'A'.repeat(22)}${'x'.repeat(90)}';\n`,
  },
  'evm-private-key': {
    secret: (seed) => join('0x', realBody(HEX, 64, seed)),
    text: line('PRIVATE_KEY='),
    // 32 bytes of hex named as a transaction hash
    nearMiss: (seed) => `const txHash = '${join('0x', realBody(HEX, 64, seed))}';\n`,
    placeholder: `PRIVATE_KEY=0x${'0'.repeat(64)}\n`,
  },
  'bip39-seed-phrase': {
    secret: (seed) => sampleMnemonic(12, seed),
    text: line('MNEMONIC="', '"\n'),
    // one word that is not in the word list
    nearMiss: (seed) => `MNEMONIC="zzzz ${sampleMnemonic(12, seed).split(' ').slice(1).join(' ')}"\n`,
    placeholder: `MNEMONIC="${'abandon '.repeat(11)}about"\n`,
  },
  'supabase-service-role-key': {
    secret: (seed) => serviceRoleJwt('service_role', seed),
    text: line('SUPABASE_SERVICE_ROLE_KEY='),
    // the anon key is public by design
    nearMiss: (seed) => `SUPABASE_ANON_KEY=${serviceRoleJwt('anon', seed)}\n`,
    placeholder: 'SUPABASE_SERVICE_ROLE_KEY=<service role key>\n',
  },
  'jwt-with-credentials': {
    secret: (seed) => sampleJwt({ sub: 'svc', client_secret: realBody(ALNUM, 12, seed), iat: 1700000000 }, seed),
    text: line('token: '),
    // a token with no credential among its claims
    nearMiss: (seed) => `token: ${sampleJwt({ sub: 'svc', scope: 'read', iat: 1700000000 }, seed)}\n`,
    placeholder: 'token: <jwt>\n',
  },
  'private-key': pemSample('RSA PRIVATE KEY'),
  'openssh-private-key': pemSample('OPENSSH PRIVATE KEY'),
  'pgp-private-key': pemSample('PGP PRIVATE KEY BLOCK'),
  'putty-private-key': {
    secret: (seed) => puttyFile(seed, lines64(realBody(BASE64, 640, seed + 1))),
    text: line(''),
    // a public-only file: no private lines
    nearMiss: (seed) => join('PuTTY-User-Key-', 'File-3: ssh-ed25519\nEncryption: none\nComment: demo\nPublic-Lines: 2\n', lines64(realBody(BASE64, 128, seed)), '\n'),
    placeholder: join('PuTTY-User-Key-', 'File-3: ssh-ed25519\nPrivate-Lines: 1\n', 'x'.repeat(48), '\n'),
  },
  'age-secret-key': {
    secret: (seed) => join('AGE-SECRET-', 'KEY-1', fakeBody('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'.toUpperCase(), 58, seed)),
    text: line('# created: 2024-01-01\n'),
    nearMiss: (seed) => `# created: 2024-01-01\n${join('AGE-SECRET-', 'KEY-1', fakeBody('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 40, seed))}\n`,
    placeholder: `${join('AGE-SECRET-', 'KEY-1')}${'Q'.repeat(58)}\n`,
  },
  'algolia-search-key': {
    secret: (seed) => realBody(HEX, 32, seed),
    text: (key) => `export default { themeConfig: { ${docsearch(key)} } };\n`,
    // the same key in an application's own client, not a DocSearch config
    nearMiss: (seed) => `const client = { appId: 'BH4D9OD16A', apiKey: '${realBody(HEX, 32, seed)}', indexName: 'docs' };\n`,
    placeholder: `export default { themeConfig: { ${docsearch('YOUR_SEARCH_API_KEY')} } };\n`,
  },
  'connection-string-password': {
    secret: PASSWORD,
    text: line('var cs = "Server=tcp:db.example.net,1433;Initial Catalog=app;User ID=svc;Password=', ';Encrypt=True;";\n'),
    // the same value in a field that is no password
    nearMiss: (seed) => `var cs = "Server=tcp:db.example.net,1433;Initial Catalog=app;User ID=svc;Application Name=${PASSWORD(seed)};Encrypt=True;";\n`,
    placeholder: 'var cs = "Server=localhost;Database=app;User ID=sa;Password=password;";\n',
  },
  'netrc-password': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line('machine api.heroku.com\n  login dev@example.net\n  password '),
    // the same token given as the login
    nearMiss: (seed) => `machine api.heroku.com\n  login ${realBody(ALNUM, 32, seed)}\n`,
    placeholder: 'machine example.com login anonymous password guest\n',
  },
  'postgres-url-password': urlSample('postgres'),
  'mysql-url-password': urlSample('mysql'),
  'mongodb-url-password': urlSample('mongodb+srv'),
  'redis-url-password': urlSample('redis'),
  'amqp-url-password': urlSample('amqp'),
  'mssql-url-password': urlSample('mssql'),
  'clickhouse-url-password': urlSample('clickhouse'),
  'mail-url-password': urlSample('smtp'),
  'ftp-url-password': urlSample('sftp'),
  'basic-auth-url': urlSample('https'),
  'sidekiq-gem-server-url': {
    secret: (seed) => join(realBody(HEX, 8, seed), ':', realBody(HEX, 8, seed + 1)),
    text: line('source "https://', '@gems.contribsys.com/" do\n'),
    // the same credentials at another host
    nearMiss: (seed) => `source "https://${realBody(HEX, 8, seed)}:${realBody(HEX, 8, seed + 1)}@gems.example.net/" do\n`,
    placeholder: 'source "https://xxxxxxxx:xxxxxxxx@gems.contribsys.com/" do\n',
  },
  'authorization-bearer-token': {
    secret: (seed) => join(realBody(BASE64URL, 32, seed), '-', realBody(ALNUM, 8, seed + 1)),
    text: line("fetch(url, { headers: { Authorization: 'Bearer ", "' } });\n"),
    // the word Bearer in prose, with the token nowhere near an Authorization header
    nearMiss: (seed) => `// Bearer tokens expire; see ${realBody(BASE64URL, 6, seed)}\n`,
    placeholder: 'headers: { Authorization: `Bearer ${token}` }\n',
  },
  'authorization-bearer-jwt': {
    secret: (seed) => sampleJwt({ sub: 'svc-reports', scope: 'reports:read', iat: 1700000000 }, seed),
    text: line("fetch(url, { headers: { Authorization: 'Bearer ", "' } });\n"),
    // the jwt.io sample
    nearMiss: (seed) => `Authorization: Bearer ${jwtIoSample(seed)}\n`,
    placeholder: 'Authorization: Bearer <jwt>\n',
  },
  'authorization-scheme-token': {
    secret: (seed) => join('00', realBody(BASE64URL, 40, seed)),
    text: line('curl -H "Authorization: SSWS ', '" https://acme.okta.com/api/v1/users\n'),
    // too short to be the token
    nearMiss: (seed) => `curl -H "Authorization: SSWS ${realBody(ALNUM, 5, seed)}" https://acme.okta.com/api/v1/users\n`,
    placeholder: 'headers = {"Authorization": f"Token {token}"}\n',
  },
  'authorization-basic-credentials': {
    secret: (seed) => Buffer.from(`deploy-bot:${PASSWORD(seed)}`).toString('base64'),
    text: line('Authorization: Basic '),
    // a user name with no password
    nearMiss: (seed) => `Authorization: Basic ${Buffer.from(`deploy-bot-${realBody(ALNUM, 6, seed)}`).toString('base64')}\n`,
    placeholder: `Authorization: Basic ${Buffer.from('user:password').toString('base64')}\n`,
  },
  'cli-flag-secret': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line('heroku container:login --api-key '),
    // a flag that names no secret
    nearMiss: (seed) => `heroku container:login --app-name ${realBody(ALNUM, 32, seed)}\n`,
    placeholder: 'docker login -u ci --password "$REGISTRY_PASSWORD" registry.example.net\n',
  },
  'cli-header-secret': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line('curl -H "X-Auth-Token: ', '" https://api.example.net/v2/servers\n'),
    // a header that names no secret
    nearMiss: (seed) => `curl -H "X-Request-Id: ${realBody(ALNUM, 32, seed)}" https://api.example.net/v2/servers\n`,
    placeholder: 'curl -H "X-Auth-Token: $API_TOKEN" https://api.example.net/v2/servers\n',
  },
  'cli-user-password': {
    secret: PASSWORD,
    text: line('curl -u deploy:', ' https://ci.example.net/api/builds\n'),
    // user:password given to a flag that is not --user
    nearMiss: (seed) => `curl -o deploy:${PASSWORD(seed)} https://ci.example.net/api/builds\n`,
    placeholder: 'curl -u "$USER:$PASSWORD" https://ci.example.net\n',
  },
  'docker-config-auth': {
    secret: (seed) => Buffer.from(`ci-bot:${PASSWORD(seed)}`).toString('base64'),
    text: line('{\n  "auths": {\n    "registry.example.net": {\n      "auth": "', '"\n    }\n  }\n}\n'),
    // the same login outside an auths block
    nearMiss: (seed) => `{ "auth": "${Buffer.from(`ci-bot:${PASSWORD(seed)}`).toString('base64')}" }\n`,
    placeholder: '{\n  "auths": {\n    "registry.example.net": {\n      "auth": "dXNlcjpwYXNzd29yZA=="\n    }\n  }\n}\n',
  },
  'cli-short-password': {
    secret: PASSWORD,
    text: line('sshpass -p ', ' ssh deploy@10.0.0.5\n'),
    // -p is a port for ssh
    nearMiss: () => 'ssh -p 2222 deploy@10.0.0.5\n',
    placeholder: 'sshpass -p "$SSH_PASSWORD" ssh deploy@10.0.0.5\n',
  },
  'x-api-key-header': {
    secret: (seed) => realBody(ALNUM, 40, seed),
    text: line("fetch(url, { headers: { 'x-api-key': '", "' } });\n"),
    // another header
    nearMiss: (seed) => `fetch(url, { headers: { 'x-request-id': '${realBody(ALNUM, 40, seed)}' } });\n`,
    placeholder: "fetch(url, { headers: { 'x-api-key': process.env.DEFRAME_API_KEY } });\n",
  },
  'deframe-api-key': {
    secret: (seed) => realBody(ALNUM, 40, seed),
    text: line('DEFRAME_API_KEY='),
    // the Deframe URL, not its key
    nearMiss: () => 'DEFRAME_API_URL=https://api.deframe.io/v1\n',
    placeholder: 'const key = process.env.DEFRAME_API_KEY;\n',
  },
  'terraform-variable-default': {
    secret: PASSWORD,
    text: line('variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "', '"\n}\n'),
    // a variable whose name says nothing secret
    nearMiss: () => 'variable "region" {\n  default = "eu-west-1"\n}\n',
    placeholder: 'variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "changeme"\n}\n',
  },
  'generic-secret-pair': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line('<add key="ApiKey" value="', '" />\n'),
    // a value too short to be a key
    nearMiss: (seed) => `<add key="ApiKey" value="${realBody(ALNUM, 5, seed)}" />\n`,
    placeholder: '<add key="ApiKey" value="your-api-key-here" />\n',
  },
  'generic-secret-comparison': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line("if (apiKey === '", "') {\n"),
    // a value too short to be a key
    nearMiss: (seed) => `if (apiKey === '${realBody(ALNUM, 5, seed)}') {\n`,
    placeholder: "if (apiKey === 'your-api-key-here') {\n",
  },
  'generic-secret-phrase': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line('[DEBUG] Using algolia Key='),
    // a word that names no service before the key word
    nearMiss: (seed) => `[DEBUG] Using cached Key=${realBody(ALNUM, 32, seed)}\n`,
    placeholder: "twilio token - '<your auth token>'\n",
  },
  'generic-secret': {
    secret: (seed) => realBody(ALNUM, 32, seed),
    text: line("const apiKey = '", "';\n"),
    // a value too short to be a key
    nearMiss: (seed) => `const apiKey = '${realBody(ALNUM, 5, seed)}';\n`,
    placeholder: "const apiKey = 'your-api-key-here';\n",
  },
};
