import type { Rule } from '../types.js';
import { loginOf, realPassword } from './urls.js';
import { nameWords } from './names.js';
import { looksLikePassword } from './values.js';
import { ALNUM, BASE64, BASE64URL, HEX, LOWER_ALNUM, UPPER_ALNUM, contextRule, fakeBody, join, prefixed, providerRule, digits, uuid } from './define.js';

/**
 * Key kinds of services that gitleaks' default rules or trufflehog's detectors know and the
 * other files did not: each shape from the provider's published format (docs/coverage.md).
 */

const fix = 'Revoke the credential in the provider dashboard and load it from the environment or a secret manager.';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LOWER_HEX_H = 'abcdefgh0123456789';
const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A Docker config's `auth` value (base64 of `user:password`) that logs in: a real password, or a
 * `_json_key` login (Google's registries) whose password is a service account key. Shared with
 * kubernetes-secret-manifest, which finds the same config base64-encoded in `.dockerconfigjson`.
 */
export function isDockerLogin(auth: string): boolean {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const login = /[^\x20-\x7e\r\n\t]/.test(decoded) ? undefined : loginOf(decoded);
  if (login === undefined) return false;
  if (/^_json_key(?:_base64)?$/.test(login.user)) return /private_key|cHJpdmF0ZV9rZXk/.test(login.password);
  return realPassword(login.password, login.user) && looksLikePassword(login.password);
}

export const serviceRules: Rule[] = [
  // Microsoft Azure and Entra ID
  providerRule({
    id: 'azure-devops-pat',
    description: 'Azure DevOps personal access token',
    prefix: '',
    // 84 characters with the fixed AZDO signature at 76-79 (the format since 2024)
    body: '[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}',
    keywords: ['azdo'],
    fix,
    sample: (s) => join(fakeBody(ALNUM, 76, s), 'AZ', 'DO', fakeBody(ALNUM, 4, s + 1)),
  }),
  contextRule({
    id: 'azure-devops-pat-legacy',
    description: 'Azure DevOps personal access token (52 characters)',
    keywords: ['devops', 'vsts', 'azdo'],
    name: /(?:devops|vsts|azdo).*(?:pat|token|key|password)/,
    value: '[a-z2-7]{52}',
    fix,
    exampleName: 'azureDevopsPat',
    sample: (s) => fakeBody(BASE32_LOWER, 52, s),
  }),
  providerRule({
    id: 'azure-identifiable-key',
    description: 'Azure service key (Storage, Cosmos DB, APIM, Batch, ML, Service Bus, Event Hubs, Relay, IoT, Cache, Functions, Cognitive Search)',
    prefix: '',
    // The identifiable keys Azure issues carry a service signature at a fixed offset, as
    // microsoft/security-utilities (MIT, IdentifiableMetadata.cs and the Azure*IdentifiableKeys
    // patterns) defines them:
    //   64-byte keys (88 chars): 76 base64, APIM|ACDb|+ABa|+AMC|+ASt, 5 base64, [AQgw]==
    //   32-byte keys (44 chars): 33 base64, AIoT|+ASb|+AEh|+ARm (and AzCa, Cache for Redis), [A-P], 5 base64, =
    //   Functions (56 chars, URL-safe): 44 chars, AzFu, 5 chars, [AQgw]==
    //   Cognitive Search (52 chars, base62): 42 chars, AzSe, [A-D], 5 chars
    body: [
      '[A-Za-z0-9+/]{76}(?:APIM|ACDb|\\+ABa|\\+AMC|\\+ASt)[A-Za-z0-9+/]{5}[AQgw]==',
      '[A-Za-z0-9+/]{33}(?:AIoT|\\+ASb|\\+AEh|\\+ARm|AzCa)[A-P][A-Za-z0-9+/]{5}=',
      '[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==',
      '[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}',
    ].map((b) => `(?:${b})`).join('|'),
    keywords: ['azfu', 'azse', 'acdb', '+ast', '+asb', '+aeh', '+arm', '+aba', '+amc', 'aiot', 'azca', 'apim'],
    edge: 'A-Za-z0-9+/_-',
    minEntropy: 4,
    fix,
    sample: (s) => join(fakeBody(ALNUM, 76, s), '+A', 'St', fakeBody(ALNUM, 5, s + 1), 'Q=='),
    positives: (seed) => [
      `AzureWebJobsStorage__accountKey=${join(fakeBody(ALNUM, 33, seed()), '+A', 'Sb', 'K', fakeBody(ALNUM, 5, seed()), '=')}\n`,
      `const functionKey = '${join(fakeBody(BASE64URL, 44, seed()), 'Az', 'Fu', fakeBody(BASE64URL, 5, seed()), 'g==')}';\n`,
      `SEARCH_ADMIN_KEY=${join(fakeBody(ALNUM, 42, seed()), 'Az', 'SeB', fakeBody(ALNUM, 5, seed()))}\n`,
      `REDIS_KEY=${join(fakeBody(ALNUM, 33, seed()), 'Az', 'CaC', fakeBody(ALNUM, 5, seed()), '=')}\n`,
    ],
    negatives: (seed) => [
      // the signature at the wrong offset is some other base64 text
      `const blob = '${join(fakeBody(ALNUM, 60, seed()), 'Az', 'Se', fakeBody(ALNUM, 30, seed()))}';\n`,
    ],
  }),
  providerRule({
    id: 'azure-entra-refresh-token',
    description: 'Microsoft Entra ID refresh token',
    prefix: '',
    body: '[01]\\.A[A-Za-z0-9_-]{50,400}\\.Ag[A-Za-z0-9_-]{250,4000}(?:\\.A[A-Za-z0-9_-]{200,4000})?',
    keywords: ['0.a', '1.a'],
    // the body encodes a binary header (`AgABAAAAAAD…`): its runs of `A` are zero bytes, not filler
    placeholderMarkersOnly: true,
    // 500 to 8,000 characters long: the default window (512 after the keyword) cut them off
    window: { before: 8, after: 8500, multiline: false },
    fix: 'Revoke the user\'s sessions in Entra ID (revokeSignInSessions) and never store refresh tokens in code.',
    sample: (s) => join('0.', 'A', fakeBody(BASE64URL, 60, s), '.A', 'g', fakeBody(BASE64URL, 300, s + 1)),
    positives: (seed) => [`"refresh_token": "${join('1.', 'A', fakeBody(BASE64URL, 52, seed()), '.Ag', 'ABAwEAAAD', fakeBody(BASE64URL, 400, seed()))}"\n`],
  }),
  // AWS
  providerRule({
    id: 'aws-bedrock-api-key',
    description: 'Amazon Bedrock API key (long-lived)',
    prefix: 'ABSK',
    body: '[A-Za-z0-9+/]{109,269}={0,2}',
    edge: 'A-Za-z0-9+/',
    minEntropy: 4,
    fix: 'Delete the Bedrock API key in IAM and use short-lived credentials from the environment.',
    sample: (s) => join('AB', 'SK', fakeBody(BASE64, 112, s)),
  }),
  providerRule({
    id: 'aws-bedrock-short-term-key',
    description: 'Amazon Bedrock API key (short-term)',
    // "bedrock.amazonaws.com" in base64, then the presigned request
    prefix: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t',
    body: '[A-Za-z0-9+/%=]{40,4000}',
    edge: 'A-Za-z0-9+/%',
    fix: 'Let the key expire and generate short-term keys at run time from the SDK.',
    sample: (s) => join('bedrock-api-key-', 'YmVkcm9jay5hbWF6b25hd3MuY29t', fakeBody(BASE64, 120, s)),
  }),
  // Cloudflare
  providerRule({
    id: 'cloudflare-origin-ca-key',
    description: 'Cloudflare Origin CA key',
    prefix: 'v1.0-',
    // hex in the keys Cloudflare issues; letters too in some published examples
    body: '[A-Za-z0-9]{24}-[A-Za-z0-9]{146}',
    fix,
    sample: (s) => join('v1', '.0-', fakeBody(HEX, 24, s), '-', fakeBody(HEX, 146, s + 1)),
  }),
  providerRule({
    id: 'cloudflare-scoped-token',
    description: 'Cloudflare account API token or API key (cfat_, cfk_)',
    prefix: 'cf',
    // developers.cloudflare.com/fundamentals/api/get-started/token-formats: prefix, 40 characters and
    // a checksum (a CRC32, per Cloudflare's DLP changelog; written as 8 lowercase hex, as trufflehog
    // reads it). User tokens (cfut_) are cloudflare-user-token.
    prefixKeyword: false,
    body: '(?:at|k)_[A-Za-z0-9]{40}[a-f0-9]{8}',
    keywords: ['cfat_', 'cfk_'],
    fix,
    sample: (s) => join('cf', 'at_', fakeBody(ALNUM, 40, s), fakeBody(HEX, 8, s + 1)),
  }),
  // Developer platforms
  prefixed('tailscale-key', 'Tailscale auth, API or OAuth client key', 'tskey-', 'ALNUM', [30, 120], fix, {
    body: '[a-z]{3,10}-[A-Za-z0-9_]{6,40}-[A-Za-z0-9_]{16,80}',
    sample: (s) => join('ts', 'key-', 'auth-k', fakeBody(ALNUM, 11, s), '-', fakeBody(ALNUM, 33, s + 1)),
  }),
  providerRule({
    id: 'vercel-token-v2',
    description: 'Vercel access token (vci_, vca_, vcr_, vck_)',
    prefix: 'vc',
    prefixKeyword: false,
    // vercel.com/changelog/new-token-formats-and-secret-scanning: vcp personal access tokens, vci
    // integration tokens, vca/vcr app access/refresh tokens, vck API keys; the body is not published.
    // vcp_ is the rule vercel-token.
    body: '[iark]_[A-Za-z0-9]{24,100}',
    keywords: ['vci_', 'vca_', 'vcr_', 'vck_'],
    minEntropy: 3.5,
    fix,
    sample: (s) => join('vc', 'i_', fakeBody(ALNUM, 56, s)),
  }),
  providerRule({
    id: 'dockerhub-token',
    description: 'Docker Hub personal or organisation access token',
    prefix: 'dckr_',
    body: '(?:pat_[A-Za-z0-9_-]{27}|oat_[A-Za-z0-9_-]{32})',
    fix: 'Revoke the token in Docker Hub and log in from CI with a secret variable.',
    sample: (s) => join('dckr', '_pat_', fakeBody(BASE64URL, 27, s)),
  }),
  {
    id: 'docker-config-auth',
    description: 'Registry login in a Docker config (auths: base64 user:password)',
    // ~/.docker/config.json, DOCKER_AUTH_CONFIG in CI variables and .dockerconfigjson keep each
    // registry's login as `"auth": "<base64 of user:password>"` under `"auths"` (Docker's CLI
    // reference, "docker login": credentials store). Read only below an `auths` key; the password is
    // judged decoded, and `_json_key` (Google's registries) holds a service account's private key.
    keywords: ['"auth"', '"auth\\"'],
    regex: /"auth\\?"[ \t]{0,8}:[ \t]{0,8}\\?"(?<secret>[A-Za-z0-9+/]{8,12000}={0,2})\\?"/,
    severity: 'error',
    anchor: 'keyword',
    fix: 'Log in with a credential helper (credsStore) or a CI secret, not a committed auths entry; change the password.',
    validate: (secret, context) => {
      const text = context.text ?? context.line;
      const at = context.index ?? 0;
      // `auths` starting at most 2000 characters back, searched there only: a search of the whole text
      // before each value (none holds `auths`) made `"auth": "A1b2c3d4e5"` repeated cost 4.8 s per MB
      const from = Math.max(0, at - 2000);
      return text.slice(from, at + 5).lastIndexOf('auths', at - from) !== -1 && isDockerLogin(secret);
    },
    examples: (seed) => {
      const login = Buffer.from(join('ci-bot:', fakeBody(ALNUM, 16, seed()), '#7')).toString('base64');
      return {
        positives: [
          `{\n  "auths": {\n    "registry.example.net": {\n      "auth": "${login}"\n    }\n  }\n}\n`,
          `variables:\n  DOCKER_AUTH_CONFIG: '{"auths":{"registry.example.net:5000":{"auth":"${login}"}}}'\n`,
          `environment = ["DOCKER_AUTH_CONFIG={\\"auths\\":{\\"registry.example.net\\":{\\"auth\\":\\"${login}\\"}}}"]\n`,
        ],
        negatives: [
          `{\n  "auths": {\n    "registry.example.net": {\n      "auth": "${Buffer.from('user:password').toString('base64')}"\n    }\n  }\n}\n`,
          // not a Docker config: a field called auth elsewhere
          `{ "auth": "${login}" }\n`,
          `{ "auths": { "registry.example.net": {} }, "credsStore": "desktop" }\n`,
        ],
      };
    },
  },
  contextRule({
    id: 'github-oauth-client-secret',
    description: 'GitHub OAuth or GitHub App client secret',
    keywords: ['github', 'gh_'],
    name: /(?:github|^gh).*(?:clientsecret|secret)/,
    value: '[a-f0-9]{40}',
    fix: 'Generate a new client secret in the app settings on GitHub and load it from the environment.',
    exampleName: 'githubClientSecret',
    sample: (s) => fakeBody(HEX, 40, s),
  }),
  prefixed('gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-', 'ALNUM', 20, fix, {
    body: '[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}',
    sample: (s) => join('gl', 'cbt-', '6', '_', fakeBody(ALNUM, 20, s)),
  }),
  prefixed('gitlab-session-cookie', 'GitLab session cookie', '_gitlab_session=', 'LOWER_ALNUM', 32, fix, {
    body: '[0-9a-z]{32}',
    edge: 'A-Za-z0-9',
    sample: (s) => join('_gitlab', '_session=', fakeBody(LOWER_ALNUM, 32, s)),
  }),
  prefixed('circleci-pat', 'CircleCI personal API token', 'CCIPAT_', 'ALNUM', 22, fix, {
    body: '[A-Za-z0-9]{22}_[a-f0-9]{40}',
    sample: (s) => join('CCI', 'PAT_', fakeBody(ALNUM, 22, s), '_', fakeBody(HEX, 40, s + 1)),
  }),
  contextRule({
    id: 'circleci-project-token',
    description: 'CircleCI API token',
    keywords: ['circle'],
    name: /circle.*(?:token|key)/,
    value: '[a-fA-F0-9]{40}',
    fix,
    exampleName: 'circleciToken',
    sample: (s) => fakeBody(HEX, 40, s),
  }),
  prefixed('artifactory-api-key', 'JFrog Artifactory API key', 'AKCp', 'ALNUM', 69, fix),
  prefixed('artifactory-reference-token', 'JFrog Artifactory reference token', 'cmVmd', 'ALNUM', 59, fix),
  prefixed('clojars-api-token', 'Clojars deploy token', 'CLOJARS_', 'LOWER_ALNUM', 60, fix),
  prefixed('rubygems-api-token', 'RubyGems API key', 'rubygems_', 'HEX', 48, fix),
  prefixed('prefect-api-key', 'Prefect Cloud API key', 'pnu_', 'ALNUM', 36, fix),
  prefixed('readme-api-key', 'ReadMe API key', 'rdme_', 'LOWER_ALNUM', 70, fix),
  // not after a dot or a slash: `video_box.ico-<hash>` is a file name
  prefixed('infracost-api-key', 'Infracost API key', 'ico-', 'ALNUM', 32, fix, {
    edge: 'A-Za-z0-9_./',
    negatives: (seed) => [`<img src="/assets/video_box.ico-${fakeBody(HEX, 32, seed())}">\n`],
  }),
  prefixed('scalingo-api-token', 'Scalingo API token', 'tk-us-', 'BASE64URL', 48, fix),
  prefixed('frameio-api-token', 'Frame.io developer token', 'fio-u-', 'BASE64URL', 64, fix),
  prefixed('openshift-user-token', 'OpenShift user token', 'sha256~', 'BASE64URL', 43, fix, { edge: 'A-Za-z0-9_~-' }),
  prefixed('sourcegraph-access-token', 'Sourcegraph access token', 'sgp_', 'HEX', 40, fix, {
    body: '(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}',
  }),
  prefixed('sonarqube-token', 'SonarQube or SonarCloud token', 'sq', 'HEX', 40, fix, {
    prefixKeyword: false,
    body: '[upa]_[a-f0-9]{40}',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    sample: (s) => join('sq', 'p_', fakeBody(HEX, 40, s)),
  }),
  providerRule({
    id: 'harness-api-key',
    description: 'Harness personal or service account token',
    prefix: '',
    body: '(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}',
    keywords: ['pat.', 'sat.'],
    fix,
    sample: (s) => join('pa', 't.', fakeBody(BASE64URL, 22, s), '.', fakeBody(ALNUM, 24, s + 1), '.', fakeBody(ALNUM, 20, s + 2)),
  }),
  prefixed('defined-networking-api-token', 'Defined Networking (Nebula) API token', 'dnkey-', 'BASE64URL', 26, fix, {
    body: '[A-Za-z0-9_=-]{26}-[A-Za-z0-9_=-]{52}',
    sample: (s) => join('dn', 'key-', fakeBody(ALNUM, 26, s), '-', fakeBody(ALNUM, 52, s + 1)),
  }),
  prefixed('dynatrace-api-token', 'Dynatrace API token', 'dt0c01.', 'UPPER_ALNUM', 24, fix, {
    body: '[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}',
    sample: (s) => join('dt0c', '01.', fakeBody(UPPER_ALNUM, 24, s), '.', fakeBody(UPPER_ALNUM, 64, s + 1)),
  }),
  prefixed('intra42-client-secret', '42 intranet client secret', 's-s4t2', 'HEX', 64, fix, {
    body: '(?:ud|af)-[a-f0-9]{64}',
    sample: (s) => join('s-s4', 't2ud-', fakeBody(HEX, 64, s)),
  }),
  providerRule({
    id: 'clickhouse-cloud-api-secret',
    description: 'ClickHouse Cloud API secret key',
    prefix: '4b1d',
    body: '[A-Za-z0-9]{38}',
    minEntropy: 3.5,
    fix,
    sample: (s) => join('4b', '1d', fakeBody(ALNUM, 38, s)),
  }),
  providerRule({
    id: 'authress-access-key',
    description: 'Authress service client access key',
    prefix: '',
    body: '(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}',
    keywords: ['.acc_', '.acc-'],
    fix,
    sample: (s) => join('sc_', fakeBody(ALNUM, 10, s), '.', fakeBody(ALNUM, 5, s + 1), '.ac', 'c_', fakeBody(ALNUM, 20, s + 2), '.', fakeBody(BASE64URL, 40, s + 3)),
  }),
  providerRule({
    id: 'maxmind-license-key',
    description: 'MaxMind license key',
    prefix: '',
    body: '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk',
    keywords: ['_mmk'],
    fix,
    sample: (s) => join(fakeBody(ALNUM, 6, s), '_', fakeBody(ALNUM, 29, s + 1), '_m', 'mk'),
  }),
  providerRule({
    id: 'octopus-deploy-api-key',
    description: 'Octopus Deploy API key',
    prefix: 'API-',
    body: '[A-Z0-9]{26}',
    fix,
    // capitals only: a run of words (API-DOCUMENTATIONREFERENCE) has no digit
    validate: (secret) => /\d.*\d/.test(secret.slice(4)),
    sample: (s) => join('AP', 'I-', fakeBody(UPPER_ALNUM, 26, s)),
  }),
  // Payments and commerce
  providerRule({
    id: 'flutterwave-secret-key',
    description: 'Flutterwave secret key',
    prefix: 'FLWSECK',
    body: '(?:_TEST)?-[a-h0-9]{32}-X',
    edge: 'A-Za-z0-9_-',
    fix,
    sample: (s) => join('FLW', 'SECK-', fakeBody(LOWER_HEX_H, 32, s), '-X'),
  }),
  providerRule({
    id: 'flutterwave-encryption-key',
    description: 'Flutterwave encryption key',
    prefix: 'FLWSECK',
    // the dashboard's test encryption key is FLWSECK_TEST and 12 hex (the first 12 of the secret
    // key, as Flutterwave's getKey() derives it); written with a hyphen after the prefix too, as the
    // secret key is
    body: '(?:_TEST)?-?[a-h0-9]{12}',
    fix,
    sample: (s) => join('FLW', 'SECK_TEST', fakeBody(LOWER_HEX_H, 12, s)),
    positives: (seed) => [`FLUTTERWAVE_ENCRYPTION_KEY=${join('FLW', 'SECK_TEST-', fakeBody(LOWER_HEX_H, 12, seed()))}\n`],
    negatives: (seed) => [
      // the secret key (32 hex and -X) is flutterwave-secret-key's, not a 12-hex encryption key
      `const key = '${join('FLW', 'SECK_TEST-', fakeBody(LOWER_HEX_H, 32, seed()), '-X')}';\n`,
      // 13 hex: not the encryption key's length
      `const key = '${join('FLW', 'SECK_TEST-', fakeBody(LOWER_HEX_H, 13, seed()))}';\n`,
    ],
  }),
  contextRule({
    id: 'lob-api-key',
    description: 'Lob API key (live or test)',
    // `lob` inside a longer name (global, blob) is not Lob: the keywords need a separator or a key word after it
    keywords: ['lob_', 'lob-', 'lob.', 'lobapi', 'lobkey', 'lobtoken', 'lobsecret'],
    name: /lob.*(?:key|token|secret)/,
    // Lob's secret API keys: live_ or test_ and 35 hex (publishable keys are live_pub_/test_pub_ and 31 hex)
    value: '(?:live|test)_[a-f0-9]{35}',
    fix,
    exampleName: 'lobApiKey',
    // a test_ key reads and writes the account's test data: a credential like Stripe's sk_test_
    strictPlaceholders: false,
    validate: (_secret, context) => nameWords(context.name ?? '').includes('lob'),
    sample: (s) => join('te', 'st_', fakeBody(HEX, 35, s)),
    positives: (seed) => {
      const key = (): string => join('li', 've_', fakeBody(HEX, 35, seed()));
      // the assignment syntaxes every by-name rule reads (assignmentRegex): Makefile, PHP, Go, XML on three lines
      return [
        `LOB_API_KEY=${key()}\n`,
        `LOB_API_KEY ?= ${key()}\n`,
        `LOB_API_KEY ::= ${key()}\n`,
        `$lobApiKey .= '${key()}';\n`,
        `var lobApiKey string = "${key()}"\n`,
        `<lobApiKey>\n    ${key()}\n</lobApiKey>\n`,
      ];
    },
    negatives: (seed) => [
      // glob and blob are not Lob
      `const blobKey = '${join('te', 'st_', fakeBody(HEX, 35, seed()))}';\n`,
      // a publishable key is made for browsers
      `const lobApiKey = '${join('te', 'st_pub_', fakeBody(HEX, 31, seed()))}';\n`,
    ],
  }),
  contextRule({
    id: 'dropbox-app-secret',
    description: 'Dropbox app secret',
    keywords: ['dropbox'],
    // the app key is the app's public id; its secret (and a token named after Dropbox) is the secret
    name: /dropbox.*(?:secret|token)/,
    // an app secret is 15 lower-case letters and digits, like the app key
    value: '[a-z0-9]{15}',
    fix,
    exampleName: 'dropboxAppSecret',
    // letters and digits both: a lower-case word of 15 letters is not a random secret
    validate: (secret) => /\d/.test(secret) && /[a-z]/.test(secret),
    sample: (s) => join(fakeBody(LOWER_ALNUM, 7, s), '4', fakeBody(LOWER_ALNUM, 7, s + 1)),
    negatives: (seed) => [
      `const dropboxAppKey = '${join(fakeBody(LOWER_ALNUM, 7, seed()), '4', fakeBody(LOWER_ALNUM, 7, seed()))}';\n`,
      `const dropboxAppSecret = 'thisisnotsecret';\n`,
    ],
  }),
  contextRule({
    id: 'discord-client-secret',
    description: 'Discord OAuth2 client secret',
    keywords: ['discord'],
    name: /discord.*(?:secret|token)/,
    // 32 URL-safe characters, shown once in the developer portal's OAuth2 page
    value: '[A-Za-z0-9_-]{32}',
    fix,
    exampleName: 'discordClientSecret',
    sample: (s) => fakeBody(BASE64URL, 32, s),
    positives: (seed) => [`DISCORD_CLIENT_SECRET=${digits(32, seed())}\n`],
    negatives: (seed) => [
      // a client id is a snowflake (17 to 20 digits), public in the app's invite link
      `DISCORD_CLIENT_ID=${digits(18, seed())}\n`,
      `const discordClientSecret = '${fakeBody(BASE64URL, 31, seed())}';\n`,
    ],
  }),
  contextRule({
    id: 'razorpay-key-secret',
    description: 'Razorpay key secret',
    keywords: ['razorpay', 'rzp'],
    name: /(?:razorpay|rzp).*secret/,
    value: '[A-Za-z0-9]{24}',
    fix,
    exampleName: 'razorpayKeySecret',
    sample: (s) => fakeBody(ALNUM, 24, s),
  }),
  providerRule({
    id: 'braintree-access-token',
    description: 'Braintree (PayPal) access token',
    prefix: 'access_token$',
    body: '(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}',
    fix,
    sample: (s) => join('access_token', '$production$', fakeBody(LOWER_ALNUM, 16, s), '$', fakeBody(HEX, 32, s + 1)),
  }),
  contextRule({
    id: 'paypal-client-secret',
    description: 'PayPal REST client secret',
    keywords: ['paypal'],
    name: /paypal.*(?:secret|key)/,
    value: '[A-Za-z0-9_-]{60,90}',
    fix,
    exampleName: 'paypalClientSecret',
    sample: (s) => fakeBody(BASE64URL, 80, s),
  }),
  providerRule({
    id: 'checkout-secret-key',
    description: 'Checkout.com sandbox secret key',
    prefix: 'sk_sbox_',
    body: '[a-z0-9]{26,30}',
    fix,
    sample: (s) => join('sk', '_sbox_', fakeBody(LOWER_ALNUM, 27, s)),
  }),
  // Checkout.com's earlier (ABC) accounts: a sandbox secret key is `sk_test_` and a UUID; the live
  // one, `sk_` and a UUID, has no keyword of its own and is found by name (generic-secret)
  providerRule({
    id: 'checkout-secret-key-legacy',
    description: 'Checkout.com sandbox secret key (UUID format)',
    prefix: 'sk_test_',
    body: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    severity: 'warning',
    fix,
    sample: (s) => join('sk', '_test_', uuid(s)),
  }),
  providerRule({
    id: 'plaid-access-token',
    description: 'Plaid access token',
    prefix: 'access-',
    prefixKeyword: false,
    body: `(?:sandbox|development|production)-${UUID}`,
    keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
    fix,
    sample: (s) => join('access-', 'production-', uuid(s)),
  }),
  prefixed('duffel-api-token', 'Duffel API token', 'duffel_', 'BASE64URL', 43, fix, {
    body: '(?:test|live)_[A-Za-z0-9_=-]{43}',
    sample: (s) => join('duffel', '_live_', fakeBody(BASE64URL, 43, s)),
  }),
  prefixed('easypost-api-key', 'EasyPost API key', 'EZ', 'ALNUM', 54, fix, {
    prefixKeyword: false,
    body: '(?:AK|TK)[A-Za-z0-9]{54}',
    keywords: ['ezak', 'eztk'],
    sample: (s) => join('EZ', 'AK', fakeBody(ALNUM, 54, s)),
  }),
  prefixed('shippo-api-token', 'Shippo API token', 'shippo_', 'HEX', 40, fix, {
    body: '(?:live|test)_[a-fA-F0-9]{40}',
    sample: (s) => join('shippo', '_live_', fakeBody(HEX, 40, s)),
  }),
  // Airtable personal access tokens: `pat`, a 14-character token id, `.` and 64 hex (Airtable's
  // developer docs). `pat` is too common a keyword (`path`, `pattern`), so the token is looked for
  // around a mention of Airtable; elsewhere it is found by name (`AIRTABLE_TOKEN`, generic-secret)
  providerRule({
    id: 'airtable-pat',
    description: 'Airtable personal access token',
    prefix: 'pat',
    prefixKeyword: false,
    body: '[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
    keywords: ['airtable'],
    window: { before: 300, after: 600, multiline: true },
    fix,
    sample: (s) => join('pa', 't', fakeBody(ALNUM, 14, s), '.', fakeBody(HEX, 64, s + 1)),
    sampleText: (secret) => `# Airtable\nconst token = '${secret}';\n`,
    ownExamplesOnly: true,
    positives: (seed) => [
      `AIRTABLE_TOKEN=${join('pa', 't', fakeBody(ALNUM, 14, seed()), '.', fakeBody(HEX, 64, seed()))}\n`,
      `// the Airtable base for the CMS\nconst base = new Base({ apiKey: '${join('pa', 't', fakeBody(ALNUM, 14, seed()), '.', fakeBody(HEX, 64, seed()))}' });\n`,
    ],
    negatives: (seed) => [
      // one hex digit short, and a token id of 13
      `airtable: ${join('pa', 't', fakeBody(ALNUM, 14, seed()), '.', fakeBody(HEX, 63, seed()))}\n`,
      `airtable: ${join('pa', 't', fakeBody(ALNUM, 13, seed()), '.', fakeBody(HEX, 64, seed()))}\n`,
    ],
  }),
  // Rootly API keys: `rootly_` and 64 lower-case hex (Rootly's API docs)
  prefixed('rootly-api-key', 'Rootly API key', 'rootly_', 'HEX', 64, fix, {
    body: '[a-f0-9]{64}',
    sample: (s) => join('root', 'ly_', fakeBody(HEX, 64, s)),
    nearMiss: (s) => join('root', 'ly_', fakeBody(HEX, 63, s)),
  }),
  // Spectral (SpectralOps) personal user tokens: `spu-` and 32 lower-case letters and digits
  prefixed('spectral-user-token', 'Spectral personal user token', 'spu-', 'LOWER_ALNUM', 32, fix),
  // Apify API tokens: `apify_api_` and 36 letters and digits (Apify console, Integrations)
  prefixed('apify-api-token', 'Apify API token', 'apify_api_', 'ALNUM', 36, fix),
  // Alchemy access keys (`alcht_`), apart from the app API keys that have no prefix
  prefixed('alchemy-access-key', 'Alchemy access key', 'alcht_', 'ALNUM', 30, fix),
  prefixed('typeform-pat', 'Typeform personal access token', 'tfp_', 'BASE64URL', 59, fix, {
    body: '[A-Za-z0-9_.=-]{59}',
  }),
  prefixed('sendinblue-api-key', 'Brevo (Sendinblue) API key', 'xkeysib-', 'HEX', 64, fix, {
    body: '[a-f0-9]{64}-[A-Za-z0-9]{16}',
    sample: (s) => join('xkey', 'sib-', fakeBody(HEX, 64, s), '-', fakeBody(ALNUM, 16, s + 1)),
  }),
  prefixed('settlemint-token', 'SettleMint access token', 'sm_', 'ALNUM', 16, fix, {
    prefixKeyword: false,
    body: '[aps]at_[A-Za-z0-9]{16}',
    keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
    sample: (s) => join('sm', '_pat_', fakeBody(ALNUM, 16, s)),
  }),
  prefixed('adobe-client-secret', 'Adobe client secret', 'p8e-', 'ALNUM', 32, fix),
  // AI and data
  providerRule({
    id: 'langfuse-secret-key',
    description: 'Langfuse secret key',
    prefix: 'sk-lf-',
    body: UUID,
    fix,
    sample: (s) => join('sk', '-lf-', uuid(s)),
  }),
  contextRule({
    id: 'lemonsqueezy-api-key',
    description: 'Lemon Squeezy API key',
    keywords: ['lemon'],
    name: /lemon.*(?:key|token)/,
    value: 'eyJ[A-Za-z0-9_-]{20,80}\\.eyJ[A-Za-z0-9_-]{100,2000}\\.[A-Za-z0-9_-]{100,2000}',
    fix,
    exampleName: 'lemonSqueezyApiKey',
    sample: (s) => join('ey', 'J', fakeBody(BASE64URL, 33, s), '.ey', 'J', fakeBody(BASE64URL, 300, s + 1), '.', fakeBody(BASE64URL, 342, s + 2)),
  }),
  // Messaging
  providerRule({
    id: 'slack-refresh-token',
    description: 'Slack refresh token',
    prefix: 'xoxe-',
    body: '[0-9]-[A-Za-z0-9]{140,150}',
    fix: 'Revoke the token in the Slack app settings and read it from the environment.',
    sample: (s) => join('xo', 'xe-1-', fakeBody(UPPER_ALNUM, 146, s)),
  }),
  providerRule({
    id: 'slack-user-token-legacy',
    description: 'Slack user token (legacy format)',
    prefix: 'xoxp-',
    body: '[0-9]{1,13}-[0-9]{1,13}-[0-9]{1,13}-[A-Za-z0-9]{16,64}',
    fix: 'Revoke the token in the Slack app settings and read it from the environment.',
    sample: (s) => join('xo', 'xp-', digits(9, s), '-', digits(9, s + 1), '-', digits(10, s + 2), '-', fakeBody(HEX, 24, s + 3)),
  }),
  providerRule({
    id: 'slack-workspace-token',
    description: 'Slack workspace access or refresh token (xoxa-, xoxr-)',
    prefix: 'xox',
    prefixKeyword: false,
    body: '[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}',
    keywords: ['xoxa-', 'xoxr-'],
    // a real token mixes digits into its letters (`xoxa-faketoken` does not)
    validate: (secret) => /\d/.test(secret.slice(5)) && /[A-Za-z]/.test(secret.slice(5)),
    negatives: () => ['const token = "xoxa-faketoken";\n'],
    fix: 'Revoke the token in the Slack app settings and read it from the environment.',
    sample: (s) => join('xo', 'xa-2-', fakeBody(ALNUM, 40, s)),
  }),
  providerRule({
    id: 'microsoft-teams-webhook-url',
    description: 'Microsoft Teams incoming webhook URL',
    prefix: 'webhook.office.com/webhookb2/',
    body: '[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[a-f0-9]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,80})?',
    fix: 'Remove the connector in Teams to invalidate the URL, and keep webhook URLs in the environment.',
    sample: (s) => join('webhook.office.com', '/webhookb2/', uuid(s), '@', uuid(s + 5), '/IncomingWebhook/', fakeBody(HEX, 32, s + 15), '/', uuid(s + 10)),
    positives: (seed) => [
      `TEAMS_WEBHOOK=https://acme.${join('webhook.office.com', '/webhookb2/', uuid(seed()), '@', uuid(seed()), '/IncomingWebhook/', fakeBody(HEX, 32, seed()), '/', uuid(seed()))}\n`,
    ],
  }),
  {
    id: 'power-automate-webhook-url',
    description: 'Power Automate or Logic Apps HTTP trigger URL with its signature',
    keywords: ['/paths/invoke'],
    regex: /\/workflows\/[a-f0-9]{32}\/triggers\/manual\/paths\/invoke\?(?:[^\s"'`<>]{0,300}?&)?sig=([A-Za-z0-9_%-]{30,100})/,
    severity: 'error',
    priority: 5,
    window: { before: 300, after: 600 },
    fix: 'Regenerate the trigger\'s signature (or the flow) and keep the URL in the environment.',
    examples: (seed) => ({
      positives: [
        `FLOW_URL=https://prod-21.westeurope.logic.azure.com:443/workflows/${fakeBody(HEX, 32, seed())}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&${join('si', 'g=')}${fakeBody(BASE64URL, 43, seed())}\n`,
        `const flow = 'https://prod-21.westeurope.logic.azure.com/workflows/${fakeBody(HEX, 32, seed())}/triggers/manual/paths/invoke?${join('si', 'g=')}${fakeBody(BASE64URL, 43, seed())}&api-version=1';\n`,
      ],
      negatives: [`FLOW_URL=https://prod-21.westeurope.logic.azure.com:443/workflows/${fakeBody(HEX, 32, seed())}/triggers/manual/paths/invoke?api-version=2016-06-01\n`],
    }),
  },
  {
    id: 'twitter-bearer-token',
    description: 'Twitter/X API bearer token',
    keywords: ['aaaaaaaaaaaaaaaaaaaaa'],
    // 22 A's (a zero-padded app id) then the token: the secret is the part after the padding
    regex: /(?<![A-Za-z0-9%])A{22}([A-Za-z0-9%]{80,120})(?![A-Za-z0-9%])/,
    severity: 'error',
    minEntropy: 4,
    fix: 'Regenerate the bearer token in the X developer portal and read it from the environment.',
    examples: (seed) => ({
      positives: [`TWITTER_BEARER_TOKEN=${'A'.repeat(22)}${fakeBody(ALNUM, 30, seed())}%3D${fakeBody(ALNUM, 50, seed())}\n`],
      negatives: [`const padding = '${'A'.repeat(22)}${'x'.repeat(90)}';\n`],
    }),
  },
  providerRule({
    id: 'firebase-cloud-messaging-server-key',
    description: 'Firebase Cloud Messaging legacy server key',
    prefix: '',
    body: 'AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,140}',
    keywords: [':apa91b'],
    fix: 'Delete the legacy server key in the Firebase console and move to the HTTP v1 API with a service account.',
    sample: (s) => join('AA', 'AA', fakeBody(BASE64URL, 7, s), ':APA', '91b', fakeBody(BASE64URL, 134, s + 1)),
  }),
  contextRule({
    id: 'sidekiq-enterprise-credentials',
    description: 'Sidekiq Pro/Enterprise gem server credentials',
    keywords: ['contribsys'],
    name: /contribsys/,
    value: '[a-f0-9]{8}:[a-f0-9]{8}',
    fix: 'Ask Contributed Systems to rotate the credentials and set BUNDLE_ENTERPRISE__CONTRIBSYS__COM in CI only.',
    exampleName: 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM',
    // a strict format (8 hex, a colon, 8 hex): a random one has little entropy to show, so only
    // placeholder signals rule a value out, not a low count (minEntropy 3 dropped 1 real value in 20)
    minEntropy: 0,
    sample: (s) => join(fakeBody(HEX, 8, s), ':', fakeBody(HEX, 8, s + 1)),
  }),
  {
    id: 'sidekiq-gem-server-url',
    description: 'Sidekiq Pro/Enterprise gem server URL with credentials',
    // the source line of a Gemfile (`source "https://<8 hex>:<8 hex>@gems.contribsys.com/"`), the
    // form Contributed Systems' purchase e-mail gives; the host names the provider, the shape is strict
    keywords: ['contribsys.com'],
    regex: /(?<![A-Za-z0-9+.-])https?:\/\/(?<secret>[0-9a-f]{8}:[0-9a-f]{8})@(?:gems|enterprise)\.contribsys\.com(?![A-Za-z0-9-])/,
    severity: 'error',
    fix: 'Ask Contributed Systems to rotate the credentials; keep the source URL bare and set BUNDLE_GEMS__CONTRIBSYS__COM in CI only.',
    examples: (seed) => {
      const creds = (): string => join(fakeBody(HEX, 8, seed()), ':', fakeBody(HEX, 8, seed()));
      return {
        positives: [
          `source "https://${creds()}@gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n`,
          `source 'https://${creds()}@enterprise.contribsys.com/'\n`,
        ],
        negatives: [
          `source "https://gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n`,
          `source "https://xxxxxxxx:xxxxxxxx@gems.contribsys.com/"\n`,
          `source "https://12345678:abcdef12@gems.contribsys.com/"\n`,
          `source "https://${creds()}@gems.contribsys.example.net/"\n`,
        ],
      };
    },
  },
  providerRule({
    id: 'grafana-api-key-legacy',
    description: 'Grafana API key (legacy)',
    prefix: 'eyJrIjoi',
    body: '[A-Za-z0-9]{70,400}={0,3}',
    edge: 'A-Za-z0-9',
    fix,
    sample: (s) => join('eyJr', 'Ijoi', fakeBody(ALNUM, 72, s)),
  }),
  providerRule({
    id: 'facebook-page-access-token',
    description: 'Facebook (Meta) access token',
    prefix: 'EAA',
    prefixKeyword: false,
    body: '[MC][A-Za-z0-9]{100,400}',
    keywords: ['eaam', 'eaac'],
    minEntropy: 4,
    fix,
    sample: (s) => join('EA', 'AM', fakeBody(ALNUM, 110, s)),
  }),
  providerRule({
    id: 'facebook-app-access-token',
    description: 'Facebook (Meta) app access token (app id and secret)',
    prefix: '',
    // developers.facebook.com/docs/facebook-login/guides/access-tokens (app access tokens): the app
    // id, a pipe, then the app secret (32 hex) or the token the OAuth endpoint returns (27 chars).
    // No prefix of its own: found near the word facebook (or fb_app / graph.facebook.com).
    body: '[0-9]{15,16}\\|(?:[0-9a-f]{32}|[A-Za-z0-9_-]{27})',
    keywords: ['facebook', 'fb_app', 'fbapp'],
    edge: 'A-Za-z0-9_|-',
    minEntropy: 3.5,
    fix,
    sample: (s) => join(digits(15, s), '|', fakeBody(BASE64URL, 27, s + 1)),
    sampleText: (secret) => `FACEBOOK_APP_TOKEN=${secret}\n`,
    ownExamplesOnly: true,
    positives: (seed) => [
      `FACEBOOK_APP_TOKEN=${join(digits(15, seed()), '|', fakeBody(BASE64URL, 27, seed()))}\n`,
      `fetch(\`https://graph.facebook.com/v19.0/app?access_token=${join(digits(16, seed()), '|', fakeBody(HEX, 32, seed()))}\`);\n`,
    ],
    negatives: (seed) => [
      // a phone number, a table row: digits and a pipe, but no secret after it
      `| facebook | 1234567890123456 | ${fakeBody(ALNUM, 8, seed())} |\n`,
    ],
  }),
];
