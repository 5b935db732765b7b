import { isDocSearchKey, SEARCH_KEY_NAME } from '../public-by-design.js';
import type { Rule } from '../types.js';
import { ALNUM, BASE64URL, HEX, LOWER_ALNUM, assignmentRegex, contextRule, fakeBody, join, memoName, normaliseName, prefixed, providerRule, digits, uuid } from './define.js';

const fix = 'Revoke the credential in the provider dashboard and load it from the environment or a secret manager.';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const WORD_FRAGMENT_GROUPS = new Set(['ndex', 'ntex', 'ntax', 'ode1', 'ode2', 'otaz']);
/**
 * The four-character base64 groups of three decimal digits ("100"–"999"): the first group of
 * every Discord token's user id, lower-cased for the keyword index.
 */
const THREE_DIGITS = Array.from({ length: 900 }, (_, i) => String(100 + i));
// All 900 at once (each 3 bytes is 4 characters of base64, so every number keeps its own group):
// one Buffer per number cost ~3 ms of each commit's start-up (docs/benchmarks.md).
const THREE_DIGIT_GROUPS = Buffer.from(THREE_DIGITS.join('')).toString('base64').toLowerCase();
const DISCORD_ID_KEYWORDS: readonly string[] = THREE_DIGITS.flatMap((digits, i) => {
  const group = THREE_DIGIT_GROUPS.slice(4 * i, 4 * i + 4);
  // Six groups are also fragments of words (`ndex` of index, `ntex` of context, `ntax`, `ode1`…):
  // 94% of the hits on 233 MB of node_modules. They count only with the next digit's two
  // characters (`ndexmt`), which no word has.
  if (!WORD_FRAGMENT_GROUPS.has(group)) return [group];
  return Array.from({ length: 10 }, (_, d) => Buffer.from(`${digits}${d}00`).toString('base64').slice(0, 6).toLowerCase());
});
/** Discord's epoch (2015-01-01) and a bound past any id minted so far (2040), in ms. */
const DISCORD_EPOCH = 1420070400000n;
const SNOWFLAKE_UNTIL = 2208988800000n;

/** Whether a base64url text is the base64 of a Discord snowflake id. */
function isDiscordSnowflake(part: string): boolean {
  const id = Buffer.from(part, 'base64url').toString('latin1');
  // a round trip rejects text that only decodes loosely (extra bits, stray characters)
  if (!/^[1-9][0-9]{16,18}$/.test(id) || Buffer.from(id).toString('base64url') !== part) return false;
  const created = (BigInt(id) >> 22n) + DISCORD_EPOCH;
  return created < SNOWFLAKE_UNTIL;
}

/** A Discord token built at run time: an 18-digit id from 2015–2023, a timestamp and an HMAC. */
function discordToken(seed: number, hmacLength = 27): string {
  const id = `${1 + (seed % 9)}${digits(17, seed)}`;
  return join(Buffer.from(id).toString('base64url'), '.', fakeBody(BASE64URL, 6, seed + 1), '.', fakeBody(BASE64URL, hmacLength, seed + 2));
}

export const saasRules: Rule[] = [
  // Messaging and email
  providerRule({
    id: 'twilio-api-key',
    description: 'Twilio API key SID',
    prefix: '',
    body: 'SK[0-9a-fA-F]{32}',
    keywords: ['twilio'],
    // the SID shape is only credible in a file that talks to Twilio
    window: { before: 3000, after: 3000, multiline: true },
    fix,
    sample: (s) => join('S', 'K', fakeBody(HEX, 32, s)),
    sampleText: (key) => `TWILIO_API_KEY=${key}\n`,
    ownExamplesOnly: true,
    positives: (seed) => [`TWILIO_API_KEY=${join('S', 'K', fakeBody(HEX, 32, seed()))}\n`, `const twilio = require('twilio')(${JSON.stringify(join('S', 'K', fakeBody(HEX, 32, seed())))}, secret);\n`],
  }),
  contextRule({
    id: 'twilio-auth-token',
    description: 'Twilio auth token',
    keywords: ['twilio'],
    name: /twilio.*(?:authtoken|token|secret)/,
    value: '[a-f0-9]{32}',
    fix,
    exampleName: 'twilioAuthToken',
    sample: (s) => fakeBody(HEX, 32, s),
  }),
  providerRule({
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    prefix: 'SG.',
    body: '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    fix,
    sample: (s) => join('S', 'G.', fakeBody(BASE64URL, 22, s), '.', fakeBody(BASE64URL, 43, s + 1)),
  }),
  prefixed('mailgun-api-key', 'Mailgun API key', 'key-', 'HEX', 32, fix),
  // CLOUDINARY_URL, as Cloudinary's docs give it: cloudinary://<API key, 15 digits>:<API secret, 27>@<cloud name>
  providerRule({
    id: 'cloudinary-url',
    description: 'Cloudinary URL with an API secret (CLOUDINARY_URL)',
    prefix: 'cloudinary://',
    body: '[0-9]{15}:[A-Za-z0-9_-]{27}(?=@[A-Za-z0-9_-])',
    // `cloudinary`, already a keyword (generic-secret-phrase): no new state in the keyword automaton
    prefixKeyword: false,
    keywords: ['cloudinary'],
    edge: 'A-Za-z0-9_',
    fix,
    sample: (s) => join('cloud', 'inary://', digits(15, s), ':', fakeBody(BASE64URL, 27, s + 1)),
    sampleText: (url) => `CLOUDINARY_URL=${url}@demo-cloud\n`,
    ownExamplesOnly: true,
    positives: (seed) => [`CLOUDINARY_URL=${join('cloud', 'inary://', digits(15, seed()), ':', fakeBody(BASE64URL, 27, seed()))}@acme-media\n`],
    negatives: (seed) => [`CLOUDINARY_URL=${join('cloud', 'inary://', digits(15, seed()), ':')}\${CLOUDINARY_API_SECRET}@acme-media\n`],
  }),
  contextRule({
    id: 'mailgun-private-key',
    description: 'Mailgun private API key',
    keywords: ['mailgun'],
    name: /mailgun.*(?:key|secret)/,
    value: '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}',
    fix,
    exampleName: 'mailgunApiKey',
    sample: (s) => join(fakeBody(HEX, 32, s), '-', fakeBody(HEX, 8, s + 1), '-', fakeBody(HEX, 8, s + 2)),
  }),
  providerRule({
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    prefix: '',
    body: '[0-9a-f]{32}-us[0-9]{1,2}',
    keywords: ['-us'],
    fix,
    sample: (s) => join(fakeBody(HEX, 32, s), '-us', '21'),
  }),
  contextRule({
    id: 'postmark-server-token',
    description: 'Postmark server token',
    keywords: ['postmark'],
    name: /postmark.*(?:token|key)/,
    value: UUID,
    fix,
    exampleName: 'postmarkServerToken',
    sample: (s) => uuid(s),
  }),
  providerRule({
    id: 'resend-api-key',
    description: 'Resend API key',
    prefix: 're_',
    body: '[A-Za-z0-9]{8}_[A-Za-z0-9]{24}',
    fix,
    sample: (s) => join('r', 'e_', fakeBody(ALNUM, 8, s), '_', fakeBody(ALNUM, 24, s + 1)),
  }),
  providerRule({
    id: 'discord-bot-token',
    description: 'Discord bot token',
    prefix: '',
    body: '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    keywords: ['discord', 'bot_token', 'bottoken', 'bot-token'],
    edge: 'A-Za-z0-9_-',
    // the token shape is only credible in a file that talks to Discord
    window: { before: 3000, after: 3000, multiline: true },
    fix,
    sample: (s) => join('M', fakeBody(BASE64URL, 23, s), '.', fakeBody(BASE64URL, 6, s + 1), '.', fakeBody(BASE64URL, 27, s + 2)),
    sampleText: (token) => `DISCORD_BOT_TOKEN=${token}\n`,
    ownExamplesOnly: true,
    positives: (seed) => [
      `DISCORD_BOT_TOKEN=${join('M', fakeBody(BASE64URL, 23, seed()), '.', fakeBody(BASE64URL, 6, seed()), '.', fakeBody(BASE64URL, 27, seed()))}\n`,
      `import { Client } from 'discord.js';\nconst client = new Client({ intents: [] });\n\nclient.login('${join('M', fakeBody(BASE64URL, 23, seed()), '.', fakeBody(BASE64URL, 6, seed()), '.', fakeBody(BASE64URL, 27, seed()))}');\n`,
    ],
  }),
  {
    // The same token found by its own structure, with no word of Discord near: the first part is
    // the base64 of the user id, a snowflake (17–19 decimal digits whose top bits are milliseconds
    // since 2015), then a 6-character timestamp and the HMAC (27 characters, 38 in the current
    // format). Base64 turns every 3 digits into one of 900 four-character groups (`MTk4` = "198"):
    // those groups are the keywords, so the regex runs only where a token could start.
    id: 'discord-token',
    description: 'Discord bot or user token (found by its base64 user id)',
    keywords: DISCORD_ID_KEYWORDS,
    regex: /(?<![A-Za-z0-9_-])([MNO][A-Za-z0-9_-]{22,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
    anchor: 'keyword',
    // the discord-bot-token rule reports the same token when the file names Discord
    priority: 1,
    minEntropy: 3,
    severity: 'error',
    fix,
    validate: (secret) => isDiscordSnowflake(secret.slice(0, secret.indexOf('.'))),
    sample: {
      secret: (s) => discordToken(s),
      text: (token) => `const token = '${token}';\n`,
      // the same shape whose first part is not a user id
      nearMiss: (s) => `const token = '${join('M', fakeBody(BASE64URL, 23, s), '.', fakeBody(BASE64URL, 6, s + 1), '.', fakeBody(BASE64URL, 27, s + 2))}';\n`,
      placeholder: `const token = '${Buffer.from('123456789012345678').toString('base64url')}.XXXXXX.${'x'.repeat(27)}';\n`,
    },
    examples: (seed) => ({
      positives: [`const token = '${discordToken(seed())}';\n`, `AUTH=${discordToken(seed(), 38)}\n`, `client.run("${discordToken(seed())}")\n`],
      negatives: [
        // the shape, but the first part decodes to no user id
        `const token = '${join('M', fakeBody(BASE64URL, 23, seed()), '.', fakeBody(BASE64URL, 6, seed()), '.', fakeBody(BASE64URL, 27, seed()))}';\n`,
        // a user id on its own is public
        `const owner = '${Buffer.from('198622483471925248').toString('base64url')}';\n`,
        // a user id of 20 digits is no snowflake before 2040
        `const token = '${join(Buffer.from('98765432109876543210').toString('base64url'), '.', fakeBody(BASE64URL, 6, seed()), '.', fakeBody(BASE64URL, 27, seed()))}';\n`,
      ],
    }),
  },
  providerRule({
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    prefix: '',
    body: 'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
    keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    fix: 'Delete the webhook in Discord and keep its URL in the environment.',
    sample: (s) => join('https://discord', '.com/api/webhooks/', digits(18, s), '/', fakeBody(BASE64URL, 68, s + 1)),
  }),
  providerRule({
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    prefix: '',
    body: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
    keywords: [':aa'],
    edge: 'A-Za-z0-9_-',
    fix: 'Revoke the token with @BotFather and read it from the environment.',
    sample: (s) => join(digits(10, s), ':A', 'A', fakeBody(BASE64URL, 33, s + 1)),
  }),
  // Package registries
  prefixed('npm-access-token', 'npm access token', 'npm_', 'ALNUM', 36, 'Revoke the token on npmjs.com and use an automation token from CI secrets.'),
  providerRule({
    id: 'pypi-upload-token',
    description: 'PyPI upload token',
    // a macaroon whose location is base64 in the token: `pypi.org` (AgEIcHlwaS5vcmc) or
    // `test.pypi.org` (AgENdGVzdC5weXBpLm9yZw), whose tokens upload to TestPyPI
    prefix: 'pypi-AgE',
    body: '(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}',
    fix: 'Revoke the token on pypi.org and use trusted publishing or a CI secret.',
    sample: (s) => join('pypi-', 'AgEIcHlwaS5vcmc', fakeBody(BASE64URL, 70, s)),
    positives: (seed) => [`TWINE_PASSWORD=${join('pypi-', 'AgENdGVzdC5weXBpLm9yZw', fakeBody(BASE64URL, 70, seed()))}\n`],
  }),
  {
    id: 'npmrc-auth-token',
    description: 'Registry auth token in an .npmrc',
    keywords: [':_authtoken=', ':_auth=', ':_password='],
    regex: /:_(?:authToken|auth|password)=[ \t]*["']?([^\s"'$]{16,400})/,
    severity: 'error',
    anchor: 'keyword',
    priority: 1,
    minEntropy: 3,
    fix: 'Keep registry tokens out of committed .npmrc files: use ${NPM_TOKEN} and set it in CI secrets.',
    examples: (seed) => ({
      positives: [
        `//registry.npmjs.org/:_authToken=${[fakeBody(HEX, 8, seed()), fakeBody(HEX, 4, seed()), fakeBody(HEX, 4, seed()), fakeBody(HEX, 4, seed()), fakeBody(HEX, 12, seed())].join('-')}\n`,
        `//npm.pkg.github.com/:_authToken=${fakeBody(ALNUM, 36, seed())}\n`,
        // npm's ini reader trims the value: a space after = is still the token
        `//registry.npmjs.org/:_authToken= ${fakeBody(ALNUM, 36, seed())}\n`,
      ],
      negatives: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', '//registry.npmjs.org/:_authToken=\n'],
    }),
  },
  // Commerce and payments
  // shopify.dev/changelog (length-of-the-shopify-access-token-is-increasing, app-secret-key-length-has-
  // increased): a 6-character prefix and the 32 characters of the old token, 38 in all. Issued tokens
  // are hex; the changelog does not promise it, so any letter or digit is read after the prefix.
  prefixed('shopify-access-token', 'Shopify Admin API access token', 'shpat_', 'ALNUM', 32, fix),
  prefixed('shopify-shared-secret', 'Shopify app shared secret', 'shpss_', 'ALNUM', 32, fix),
  prefixed('shopify-custom-app-token', 'Shopify custom app access token', 'shpca_', 'ALNUM', 32, fix),
  prefixed('shopify-private-app-password', 'Shopify private app password', 'shppa_', 'ALNUM', 32, fix),
  prefixed('square-access-token', 'Square access token', 'sq0atp-', 'BASE64URL', 22, fix),
  prefixed('square-oauth-secret', 'Square OAuth secret', 'sq0csp-', 'BASE64URL', 43, fix),
  contextRule({
    id: 'coinbase-api-secret',
    description: 'Coinbase API secret',
    keywords: ['coinbase', 'cdp_api', 'cdpapi'],
    name: /(?:coinbase|cdp).*(?:secret|privatekey|apikey)/,
    value: '[A-Za-z0-9+/_]{32,100}={0,2}',
    minEntropy: 3.5,
    fix,
    exampleName: 'coinbaseApiSecret',
    sample: (s) => fakeBody(ALNUM, 44, s),
  }),
  // Developer tools
  prefixed('linear-api-key', 'Linear API key', 'lin_api_', 'ALNUM', 40, fix),
  prefixed('figma-pat', 'Figma personal access token', 'figd_', 'BASE64URL', [40, 48], fix),
  prefixed('notion-integration-token', 'Notion integration token', 'ntn_', 'ALNUM', [40, 50], fix),
  prefixed('notion-integration-token-legacy', 'Notion integration token (legacy)', 'secret_', 'ALNUM', 43, fix),
  providerRule({
    id: 'postman-api-key',
    description: 'Postman API key',
    prefix: 'PMAK-',
    body: '[a-f0-9]{24}-[a-f0-9]{34}',
    fix,
    sample: (s) => join('PM', 'AK-', fakeBody(HEX, 24, s), '-', fakeBody(HEX, 34, s + 1)),
  }),
  prefixed('atlassian-api-token', 'Atlassian API token', 'ATATT3', 'BASE64URL', [150, 250], fix, { body: '[A-Za-z0-9_=-]{150,250}' }),
  // Bitbucket's token prefixes, as an Atlassian team member gave them (community.atlassian.com,
  // "Can we confirm BitBucket's token prefixes?", 2025-08-25): ATAT for API tokens, ATBB for app
  // passwords, ATCT for workspace, project and repository access tokens. The prefix questioned
  // there, `ATCTT3xFfGN0`, ends like API tokens do, with `=` and 8 hex (a checksum); lengths are
  // not published (the access token in trufflehog's test is 237 characters).
  providerRule({
    id: 'atlassian-access-token',
    description: 'Bitbucket workspace, project or repository access token',
    prefix: 'ATCTT3xFfG',
    body: '[A-Za-z0-9_=-]{100,300}',
    // the tail is read here: a counted body followed by `=` kept recheck from a verdict in 100 s
    validate: (token) => /^[A-Za-z0-9_-]+=[0-9A-Fa-f]{8}$/.test(token),
    fix,
    sample: (s) => join('ATCT', 'T3xFfGN0', fakeBody(BASE64URL, 216, s), '=', fakeBody('0123456789ABCDEF', 8, s + 1)),
  }),
  providerRule({
    id: 'bitbucket-app-password',
    description: 'Bitbucket app password',
    prefix: 'ATBB',
    body: '[A-Za-z0-9_-]{24,100}',
    // the prefix is short: a token inside base64 data is no key
    edge: 'A-Za-z0-9_+/-',
    minEntropy: 3.5,
    fix,
    sample: (s) => join('AT', 'BB', fakeBody(ALNUM, 32, s)),
  }),
  contextRule({
    id: 'asana-pat',
    description: 'Asana personal access token',
    keywords: ['asana'],
    name: /asana.*(?:token|key|pat)/,
    value: '[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[a-f0-9]{32}',
    fix,
    exampleName: 'asanaToken',
    sample: (s) => join('2/', digits(16, s), '/', digits(16, s + 1), ':', fakeBody(HEX, 32, s + 2)),
  }),
  prefixed('contentful-pat', 'Contentful personal access token', 'CFPAT-', 'BASE64URL', 43, fix),
  contextRule({
    id: 'okta-api-token',
    description: 'Okta API token',
    keywords: ['okta'],
    name: /okta.*(?:token|key)/,
    value: '00[A-Za-z0-9_-]{40}',
    fix,
    exampleName: 'oktaApiToken',
    sample: (s) => join('00', fakeBody(BASE64URL, 40, s)),
  }),
  contextRule({
    id: 'auth0-client-secret',
    description: 'Auth0 client secret',
    keywords: ['auth0'],
    name: /auth0.*(?:secret|key)/,
    value: '[A-Za-z0-9_-]{64}',
    fix,
    exampleName: 'auth0ClientSecret',
    sample: (s) => fakeBody(BASE64URL, 64, s),
  }),
  contextRule({
    id: 'twitch-client-secret',
    description: 'Twitch client secret or OAuth token',
    keywords: ['twitch'],
    name: /twitch.*(?:secret|token|key)/,
    value: '[a-z0-9]{30}',
    fix,
    exampleName: 'twitchClientSecret',
    sample: (s) => fakeBody(LOWER_ALNUM, 30, s),
  }),
  prefixed('dropbox-access-token', 'Dropbox short-lived access token', 'sl.', 'BASE64URL', [130, 1400], fix, { keywords: ['sl.u.'] }),
  contextRule({
    id: 'algolia-admin-key',
    description: 'Algolia admin API key',
    keywords: ['algolia'],
    name: /algolia.*(?:admin|write|apikey|secret)/,
    value: '[a-f0-9]{32}',
    fix,
    exampleName: 'algoliaAdminKey',
    sample: (s) => fakeBody(HEX, 32, s),
    validate: (_secret, context) => !/searchonly|search/.test((context.name ?? '').toLowerCase()),
  }),
  {
    id: 'algolia-search-key',
    description: 'Algolia search-only key in a DocSearch config (public by design)',
    keywords: ['key'],
    regex: assignmentRegex('[a-f0-9]{32}'),
    severity: 'warning',
    priority: 10,
    anchor: 'name',
    nameFilter: memoName((name) => SEARCH_KEY_NAME.test(normaliseName(name))),
    publicByDesign: true,
    fix: 'Search-only keys are meant for browsers: keep the key restricted to search on the indices it names, never an admin or write key.',
    validate: (_secret, context) => isDocSearchKey(context),
    examples: (seed) => {
      const docsearch = (key: string) => `algolia: {\n  appId: 'BH4D9OD16A',\n  apiKey: '${key}',\n  indexName: 'docs',\n},\n`;
      return {
        positives: [`export default { themeConfig: { ${docsearch(fakeBody(HEX, 32, seed()))} } };\n`],
        negatives: [`const client = { appId: 'BH4D9OD16A', apiKey: '${fakeBody(HEX, 32, seed())}', indexName: 'docs' };\n`],
      };
    },
  },
  providerRule({
    id: 'mapbox-secret-token',
    description: 'Mapbox secret access token',
    prefix: 'sk.eyJ',
    body: '[A-Za-z0-9_-]{50,400}\\.[A-Za-z0-9_-]{20,40}',
    fix,
    sample: (s) => join('sk', '.eyJ', fakeBody(BASE64URL, 60, s), '.', fakeBody(BASE64URL, 22, s + 1)),
  }),
  providerRule({
    id: 'mapbox-public-token',
    description: 'Mapbox public access token (public by design)',
    prefix: 'pk.eyJ',
    body: '[A-Za-z0-9_-]{50,400}\\.[A-Za-z0-9_-]{20,40}',
    publicByDesign: true,
    severity: 'warning',
    fix: 'Mapbox public tokens are meant for browsers; restrict them by URL in the Mapbox account.',
    sample: (s) => join('pk', '.eyJ', fakeBody(BASE64URL, 60, s), '.', fakeBody(BASE64URL, 22, s + 1)),
  }),
  {
    ...prefixed('clerk-secret-key', 'Clerk secret key', 'sk_live_', 'ALNUM', [40, 60], fix, {
    keywords: ['clerk'],
    validate: (_secret, context) => /clerk/i.test(context.line),
    ownExamplesOnly: true,
    sampleText: (key) => `CLERK_SECRET_KEY=${key}\n`,
    positives: (seed) => [`CLERK_SECRET_KEY=${join('sk', '_live_', fakeBody(ALNUM, 42, seed()))}\n`],
    }),
    priority: -1,
  },
];
