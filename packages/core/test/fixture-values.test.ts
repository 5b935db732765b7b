/**
 * Values that say they are not secrets, seen in real apps' tests (held-out round 2 of issue 12):
 * values that name their own kind, a JWT header alone, published test vectors, enum members,
 * tests that write the environment, a comment that says "dummy". Each case has a twin that is
 * still reported, so the test fails if a rule stops reporting altogether. Values are assembled
 * at run time.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HEX, random, reported, rulesOf, scanner } from './sampling.js';

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

describe('values that name their own kind', () => {
  const header = (value: string) => `const request = new Request(url, { headers: { "x-api-key": "${value}" } });\n`;
  const bearer = (value: string) => `const request = new Request(url, { headers: { authorization: "Bearer ${value}" } });\n`;
  const key = reported(header, () => `fbk_${random(24)}`, 'src/auth.test.ts');

  it('a random key in the x-api-key header of a test is still reported', () => {
    expect(rulesOf(header(key), 'src/auth.test.ts')).toEqual(['x-api-key-header']);
    expect(rulesOf(bearer(reported(bearer, () => `fbk_${random(24)}`, 'src/auth.test.ts')), 'src/auth.test.ts')).toEqual(['authorization-bearer-token']);
  });

  it.each([
    ['x-api-key', ['fbk_', 'validApiKey', 'Secret123'].join(''), header],
    ['x-api-key', ['fbk_', 'orgLevelApiKey', '456'].join(''), header],
    ['Bearer', ['fbk_', 'validBearerKey', '123'].join(''), bearer],
    ['Bearer', ['oauth2_', 'access_token', '_123'].join(''), bearer],
  ])('a %s value that spells its kind is a fixture: %s', (_, value, line) => {
    expect(rulesOf(line(value), 'src/auth.test.ts')).toEqual([]);
  });

  it('a connection URL whose password says "secret" is a fixture; a random one is reported', () => {
    const url = (password: string) => `const secretUrl = "mysql://admin:${password}@database/app";\n`;
    expect(rulesOf(url(['super', 'secret'].join('-')), 'src/db.test.ts')).toEqual([]);
    expect(rulesOf(url(reported(url, () => `${random(10)}-${random(4)}`, 'src/db.test.ts')), 'src/db.test.ts')).toEqual(['mysql-url-password']);
  });

  it('words and small numbers joined by separators are a label, not a token', () => {
    const line = (value: string) => `const authInfo = { token: "${value}", clientId: "client_1" };\n`;
    expect(rulesOf(line(['oauth', 'user_1', 'client_1'].join(':')))).toEqual([]);
    expect(rulesOf(line(reported(line, () => random(24))))).toEqual(['generic-secret']);
  });

  it('abc123 is a placeholder wherever it stands', () => {
    const line = (value: string) => `const token = "${value}";\n`;
    expect(rulesOf(line(['abc123', 'session', 'cuid2'].join('')), 'src/session-cookie.test.ts')).toEqual([]);
    expect(rulesOf(line(reported(line, () => random(18), 'src/session-cookie.test.ts')), 'src/session-cookie.test.ts')).toEqual(['generic-secret']);
  });

  it('a camelCase identifier with leading underscores is a name, not a key', () => {
    const line = (value: string) => `export const SENTRY_CLIENT_RUNTIME_CONFIG_KEY = "${value}";\n`;
    expect(rulesOf(line(['__formbricks', 'Sentry', 'Client', 'Config'].join('')))).toEqual([]);
    expect(rulesOf(line(reported(line, () => random(28))))).toEqual(['generic-secret']);
  });

  it('typed counting, interleaved (a1B2c3D4…), is a fixture', () => {
    const counted = Array.from({ length: 10 }, (_, i) => `${String.fromCharCode(97 + i)}${(i + 1) % 10}`).join('');
    const line = (value: string) => `expect(parsed).toEqual({ secret: "${value}" });\n`;
    expect(rulesOf(line(counted))).toEqual([]);
    expect(rulesOf(line(reported(line, () => random(20))))).toEqual(['generic-secret']);
  });
});

describe('a JWT header alone after Bearer', () => {
  const line = (value: string) => `expect(headers[0].value).toBe("Bearer ${value}");\n`;
  const jwtHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

  it('names an algorithm and grants nothing', () => {
    expect(rulesOf(line(jwtHeader), 'src/bearer.spec.ts')).toEqual([]);
  });

  it('but base64url JSON with other fields is judged as a token', () => {
    const other = reported(line, () => Buffer.from(JSON.stringify({ alg: 'HS256', key: random(30) })).toString('base64url'), 'src/bearer.spec.ts');
    expect(rulesOf(line(other), 'src/bearer.spec.ts')).toEqual(['authorization-bearer-token']);
  });
});

describe('published test vectors, recognised by what they encode', () => {
  const line = (value: string) => `const secret = "${value}";\n`;
  const rfc4226 = Buffer.from(Array.from({ length: 20 }, (_, i) => String((i + 1) % 10)).join(''));

  it.each([
    ['the RFC 4226 secret in base32', base32(rfc4226)],
    ['the RFC 4226 secret in hex', rfc4226.toString('hex')],
    ['the RFC 4226 secret in base64', rfc4226.toString('base64')],
    ["Google Authenticator's example secret (Hello! + 0xDEADBEEF)", base32(Buffer.concat([Buffer.from('Hello!'), Buffer.from('deadbeef', 'hex')]))],
  ])('%s is not reported', (_, value) => {
    expect(rulesOf(line(value), 'src/totp.ts')).toEqual([]);
  });

  it('a random base32 TOTP secret is reported', () => {
    expect(rulesOf(line(reported(line, () => base32(randomBytes(20)), 'src/totp.ts')), 'src/totp.ts')).toEqual(['generic-secret']);
  });
});

describe('enum members name a kind or a product', () => {
  const uuid = () => [8, 4, 4, 4, 12].map((n) => random(n, HEX)).join('-');

  it('a UUID enum member is an identifier (AAGUIDs of password managers)', () => {
    const text = `export enum Authenticator {\n  Dashlane = "${uuid()}",\n  OnePassword = "${uuid()}",\n}\n`;
    expect(rulesOf(text, 'shared/utils/passkeys.ts')).toEqual([]);
  });

  it('the same UUID given to a password variable is reported', () => {
    const line = (value: string) => `const onePassword = "${value}";\n`;
    expect(rulesOf(line(reported(line, uuid, 'shared/utils/passkeys.ts')), 'shared/utils/passkeys.ts')).toEqual(['generic-secret']);
  });
});

describe('tests that write the environment', () => {
  const text = (value: string) => `try {\n  env.SECRET_KEY =\n    "${value}";\n  process.env.API_TOKEN = "${value}";\n} finally {}\n`;
  const hex = reported((value) => `const SECRET_KEY = "${value}";\n`, () => random(64, HEX));

  it('set up the code under test with fixtures', () => {
    expect(rulesOf(text(hex), 'server/models/decorators/Encrypted.test.ts')).toEqual([]);
  });

  it('application code that writes a key into the environment is reported', () => {
    expect(rulesOf(text(hex), 'server/boot.ts')).toEqual(['generic-secret', 'generic-secret']);
  });
});

describe('a comment that says the value is not real', () => {
  const line = (value: string, comment: string) => `const webhook = {\n  secret: "${['whsec', value].join('_')}", ${comment}\n};\n`;
  const key = reported((value) => line(value, ''), () => random(32, HEX), 'tests/webhooks/index.test.ts');

  it.each(['// dummy secret', '// fake, for the test', '/* placeholder */', '# not a real key'])('%s', (comment) => {
    expect(rulesOf(line(key, comment), 'tests/webhooks/index.test.ts')).toEqual([]);
  });

  it('a keyguard-ignore directive that says "fixture" suppresses it instead, so audits still list it', () => {
    const result = scanner.scan(line(key, '// keyguard-ignore -- dummy secret'), 'tests/webhooks/index.test.ts');
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((finding) => finding.ruleId)).toEqual(['stripe-webhook-secret']);
  });

  it('any other comment does not clear it', () => {
    expect(rulesOf(line(key, '// the signing secret'), 'tests/webhooks/index.test.ts')).toEqual(['stripe-webhook-secret']);
  });
});

describe('held-out round 3 (issue 12): values a person wrote', () => {
  it('a value that spells "api-key" with a hyphen names its kind (a test of an LLM key form)', () => {
    const line = (value: string) => `it("creates a key", async () => {\n  const secret = "${value}";\n});\n`;
    expect(rulesOf(line(['bedrock', 'api', 'key', '1234'].join('-')), 'web/src/__tests__/server/llm-api-key.servertest.ts')).toEqual([]);
    expect(rulesOf(line(reported(line, () => `bedrock-${random(16)}`, 'web/src/__tests__/server/llm-api-key.servertest.ts')), 'web/src/__tests__/server/llm-api-key.servertest.ts')).toEqual(['generic-secret']);
  });

  it.each([
    ['a versioned storage key', ['app-in-app-agent-activity', 'v1', '__pending__'].join(':')],
    ['a cache key with a version', ['app', 'environment', 'options', 'cache', 'v1'].join('-')],
    ['a cache key with a size', ['font', 'mono', 'char', 'width', '0.7rem'].join('-')],
  ])('%s is a label: %s', (_, value) => {
    expect(rulesOf(`const PENDING_ACTIVITY_STORAGE_KEY =\n  "${value}";\n`)).toEqual([]);
  });

  it('a generated value of the same shape is still a key: mixed case or long digit runs', () => {
    const line = (value: string) => `const ACCOUNT_STORAGE_KEY =\n  "${value}";\n`;
    expect(rulesOf(line(reported(line, () => `app-${random(20, 'abcdefghijklmnopqrstuvwxyz0123456789')}-v1`)))).toEqual(['generic-secret']);
    expect(rulesOf(line(reported(line, () => `app-${random(28)}`)))).toEqual(['generic-secret']);
  });

  it('a pk_ value is the publishable half of a pk_/sk_ pair (logo.dev in an img URL); sk_ is reported', () => {
    const url = (value: string) => `return \`https://img.logo.dev/\${website}?token=${value}&size=180\`;\n`;
    expect(rulesOf(url(`pk_${random(22)}`), 'apps/dashboard/src/utils/logos.ts')).toEqual([]);
    expect(rulesOf(url(reported(url, () => `sk_${random(22)}`)), 'apps/dashboard/src/utils/logos.ts')).toEqual(['generic-secret']);
  });

  it('the famous joke password in a URL is a fixture; a random one is reported', () => {
    const url = (password: string) => `redactUrlCredentials("http://exporter:${password}@169.254.169.254/");\n`;
    expect(rulesOf(url(['hunter', '2'].join('')), 'src/outbound-url/fetch.test.ts')).toEqual([]);
    expect(rulesOf(url(reported(url, () => `${random(10)}-${random(4)}`, 'src/outbound-url/fetch.test.ts')), 'src/outbound-url/fetch.test.ts')).toEqual(['basic-auth-url']);
  });
});

describe("a value given to an input's placeholder", () => {
  const body = () => random(64, HEX);
  const field = (value: string) => `<Input\n  id="client_secret"\n  placeholder="${['gloas', value].join('-')}"\n/>\n`;
  const used = (value: string) => `const client = new Gitlab({\n  clientSecret: "${['gloas', value].join('-')}",\n});\n`;

  it.each([
    ['a JSX attribute', field],
    ['an object property', (value: string) => `const fields = [{ name: "client_secret", placeholder: '${['gloas', value].join('-')}' }];\n`],
    ['a JSON key', (value: string) => `{ "label": "Client secret", "placeholder": "${['gloas', value].join('-')}" }\n`],
  ])('%s is a sample of the format, not a key', (_kind, line) => {
    expect(rulesOf(line(body()), 'apps/admin/gitlab/form.tsx')).toEqual([]);
  });

  it('the same value given to the client is reported', () => {
    expect(rulesOf(used(reported(used, body, 'apps/admin/gitlab/client.ts')), 'apps/admin/gitlab/client.ts')).toEqual(['gitlab-oauth-secret']);
  });
});

describe('held-out round 3 (issue 12): a React Native wallet and an API-key parser', () => {
  // Hardhat's and Anvil's funded accounts #0 and #1, printed by `npx hardhat node` for everyone,
  // assembled here from parts
  const devKeys = [
    ['0xac0974bec39a17e36ba4a6b4', 'd238ff944bacb478cbed5efcae784d7bf4f2ff80'].join(''),
    ['0x59c6995e998f97a5a0044966', 'f0945389dc9e86dae88c7a8412f4603b6b78690d'].join(''),
  ];
  const wallet = (key: string) => `const wallet = new Wallet('${key}', provider);\n`;

  it.each(devKeys)('a local dev chain’s published account key is not a secret: %#', (key) => {
    expect(rulesOf(wallet(key), 'src/helpers/RainbowContext.tsx')).toEqual([]);
    expect(rulesOf(`const privateKey = "${key.slice(2)}";\n`, 'src/execution.test.ts')).toEqual([]);
  });

  it('any other wallet key is reported', () => {
    expect(rulesOf(wallet(reported(wallet, () => `0x${random(64, HEX)}`)))).toEqual(['evm-private-key']);
  });

  it('a token address is an address, a token is a token', () => {
    const value = `0x${random(40, HEX)}`;
    expect(rulesOf(`export const RNBW_TOKEN_ADDRESS: Address = '${value}';\n`)).toEqual([]);
    const line = (v: string) => `export const RNBW_TOKEN: string = '${v}';\n`;
    expect(rulesOf(line(reported(line, () => `0x${random(40, HEX)}`)))).toEqual(['generic-secret']);
  });

  it('typed counting after a key prefix is a fixture; a random body after the same prefix is reported', () => {
    const line = (value: string) => `const apiKey = "${value}";\n`;
    const path = 'apps/web/src/features/api-keys/utils.test.ts';
    expect(rulesOf(line(['sk_a_b-c_d5_', 'def456ghi789', 'jkl012mno345pqr678'].join('')), path)).toEqual([]);
    expect(rulesOf(line(reported(line, () => `sk_a_b-c_d5_${random(30)}`, path)), path)).toEqual(['generic-secret']);
  });
});

describe('real apps round 4 (issue 12): examples published in docs and RFCs', () => {
  // bruno's OAuth 1.0 signer tests and trigger.dev's Slack webhook samples, split so this file holds no key
  const published = [
    ['kAcSOqF21Fu85e7zjz7ZN2U4ZR', 'hfV3WpwPAoE3Z7kBw'],
    ['LswwdoUaIvS8ltyTt5jkRh4', 'J50vUPVVHtR2YPi5kE'],
    ['pfkkdhi9', 'sl3r4s00'],
    ['kd94hf93', 'k423kf44'],
  ].map((parts) => parts.join(''));
  const slack = ['Jhj5dZrV', 'aK7ZwHHjRyZWjbDl'].join('');

  it("X/Twitter's and RFC 5849's example OAuth secrets and Slack's example verification token are samples", () => {
    for (const secret of published) expect(rulesOf(`const consumer = { key: 'xvz1evFS4wEEPTGEFPHBog', secret: '${secret}' };\n`, 'src/auth/oauth1.spec.ts')).toEqual([]);
    expect(rulesOf(`export const sample = { body: { token: "${slack}", team_id: "T024BE7LD" } };\n`, 'src/handAuthored/slack.ts')).toEqual([]);
  });

  it('a generated secret of the same shapes is still reported', () => {
    const line = (value: string) => `const consumer = { key: 'xvz1evFS4wEEPTGEFPHBog', secret: '${value}' };\n`;
    expect(rulesOf(line(reported(line, () => random(43), 'src/auth/oauth1.spec.ts')), 'src/auth/oauth1.spec.ts')).toEqual(['generic-secret']);
    const slackLine = (value: string) => `export const sample = { body: { token: "${value}", team_id: "T024BE7LD" } };\n`;
    expect(rulesOf(slackLine(reported(slackLine, () => random(24), 'src/handAuthored/slack.ts')), 'src/handAuthored/slack.ts')).toEqual(['generic-secret']);
  });

  it("Square's version_token is a concurrency token, like a page or sync token; an access token of the same shape is reported", () => {
    const line = (name: string, value: string) => `    delayed_until: "2026-07-08T21:16:51.086Z",\n    ${name}: "${value}",\n`;
    const value = reported((v) => line('access_token', v), () => random(45), 'src/handAuthored/square.ts');
    expect(rulesOf(line('version_token', value), 'src/handAuthored/square.ts')).toEqual([]);
    expect(rulesOf(line('access_token', value), 'src/handAuthored/square.ts')).toEqual(['generic-secret']);
  });
});

describe('real apps round 5 (issue 12): the wrong findings left by round 4', () => {
  const lower = 'abcdefghijkmnopqrstuvwxyz23456789';
  const edgegrid = (token: string, secret: string) => `const EXPECTED = {\n  accessToken: '${token}',\n  clientSecret: '${secret}',\n};\n`;
  const path = 'tests/import/postman/import-edgegrid-collection.spec.ts';

  it("a kind word spelled in leetspeak names the value's kind (Akamai's sample EdgeGrid credentials, and any value like them)", () => {
    // the sample of Akamai's docs, split so this file holds no credential
    expect(rulesOf(edgegrid(['akab-acc35t0k3n', 'odujqunph3w7hzp7-gtm6ij'].join(''), ['C113nt53KR3T', 'N6N90yVuAgICxIRwsObLi0E67/N8eRN='].join('')), path)).toEqual([]);
    const line = (value: string) => `const config = { apiToken: '${value}' };\n`;
    for (const word of ['t0k3n', 's3cr3t', '53KR3T', 'c113nt', 'acc355', 'p4ssw0rd']) {
      expect(rulesOf(line(`${random(10)}${word}${random(20)}`)), word).toEqual([]);
    }
  });

  it('a generated value of the same shape is reported, and a leetspeak password too (people choose those)', () => {
    const token = reported((v) => edgegrid(v, 'x'), () => `akab-${random(16, lower)}-${random(16, lower)}`, path);
    expect(rulesOf(edgegrid(token, 'x'), path)).toEqual(['generic-secret']);
    const line = (value: string) => `const config = { apiToken: '${value}' };\n`;
    expect(rulesOf(line(reported(line, () => random(36))))).toEqual(['generic-secret']);
    const password = (value: string) => `const db = { password: '${value}' };\n`;
    expect(rulesOf(password(['s3cr3tP4ss', '!Kq9'].join('')), 'src/db.ts')).toEqual(['generic-secret']);
  });

  it("a prefixed key whose base64 body is text is a sample (whsec_ + base64 of 'secret-key-bytes'); random bytes are reported", () => {
    const line = (value: string) => `const secret = "${value}";\n`;
    const testPath = 'src/engine/verification/verify.test.ts';
    expect(rulesOf(line(`whsec_${Buffer.from('secret-key-bytes').toString('base64')}`), testPath)).toEqual([]);
    expect(rulesOf(line(`whsec_${Buffer.from('my-webhook-signing').toString('base64')}`), testPath)).toEqual([]);
    // random bytes: reported (by Stripe's webhook-secret rule, which reads whsec_ first)
    const twin = reported(line, () => `whsec_${randomBytes(24).toString('base64')}`, testPath);
    expect(rulesOf(line(twin), testPath)).toEqual(['stripe-webhook-secret']);
    const other = reported(line, () => `skey_${randomBytes(18).toString('base64')}`, testPath);
    expect(rulesOf(line(other), testPath)).toEqual(['generic-secret']);
  });

  it("a value also given to an id next to it is that id (Typeform's response token); a token of its own is reported", () => {
    const payload = (token: string, id: string) =>
      `      form_response: {\n        form_id: "A1b2C3",\n        token: "${token}",\n        response_id: "${id}",\n        response_url: "https://admin.typeform.com/form/A1b2C3/results?responseId=${id}",\n      },\n`;
    const path = 'src/handAuthored/typeform.ts';
    const value = reported((v) => payload(v, random(32, HEX)), () => random(32, HEX), path);
    expect(rulesOf(payload(value, value), path)).toEqual([]);
    // the id before the token, camelCase, or only in a URL's query
    expect(rulesOf(`const r = {\n  responseId: '${value}',\n  token: '${value}',\n};\n`, path)).toEqual([]);
    expect(rulesOf(`const r = { token: '${value}', url: 'https://x.test/r?responseId=${value}' };\n`, path)).toEqual([]);
    expect(rulesOf(payload(value, random(32, HEX)), path)).toEqual(['generic-secret']);
    // a name that only ends in "id" letters is no id (`paid`, `valid`)
    expect(rulesOf(`const r = {\n  paid: '${value}',\n  token: '${value}',\n};\n`, path)).toEqual(['generic-secret']);
  });
});

describe('real apps round 5 (issue 12): UI text in a script written without spaces', () => {
  // memos' and mattermost-mobile's Japanese locale files; a Chinese and a Thai label of the same kind
  const texts = [
    'パスワードによるサインインが無効になっています。IDプロバイダーを削除する際はご注意ください',
    'サインインを完了するには、モバイル端末のAuthenticatorアプリのコードを入力してください。',
    '「CONFIRM」と入力してください（自己責任）',
    '请输入您的访问令牌以继续SSO登录',
    'กรุณาใส่รหัสผ่านของคุณเพื่อดำเนินการต่อ',
  ];

  it.each(texts)('is a label, in a locale file or in code: %s', (text) => {
    expect(rulesOf(`{\n  "disable-password-login-warning": "${text}",\n  "login_mfa.enterToken": "${text}"\n}\n`, 'web/src/locales/ja.json')).toEqual([]);
    expect(rulesOf(`export const messages = { secretKeyHint: '${text}', passwordHelp: '${text}' };\n`, 'src/i18n/ja.ts')).toEqual([]);
  });

  it('a generated value under the same names is reported', () => {
    const line = (value: string) => `{\n  "login_mfa.enterToken": "${value}"\n}\n`;
    expect(rulesOf(line(reported(line, () => random(40), 'config/settings.json')), 'config/settings.json')).toEqual(['generic-secret']);
  });
});
