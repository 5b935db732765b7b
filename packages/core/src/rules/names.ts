import { memoName } from './define.js';

/**
 * Whether a name (a variable, a property, an env var, an XML element…) holds a secret, read as
 * words: `storage_account_key` is [storage, account, key] and holds a key, though "count" is in
 * it; `passwordMinLength` is [password, min, length] and holds a number. The word that decides is
 * the head: what follows the last secret term (`apiKeyUrl` is a URL). A few modifiers decide
 * from anywhere (`publicKey`, `testPassword`, `nextPageToken`).
 */

/** Secret terms, in the name with separators dropped and lower-cased. */
const SECRET_TERM =
  /apikey|apisecret|apitoken|secretkey|secret|token|password|passwd|passphrase|pwd|credentials?|privatekey|clientsecret|accesskey|authkey|signingkey|encryptionkey|masterkey|licensekey|appkey|clientkey|servicekey|adminkey|accountkey|subscriptionkey|consumerkey|webhookkey|hmackey|jwtkey|walletkey|sessionkey|sharedkey|storagekey|functionkey|querykey|^auth$|^pass$/g;

/**
 * Head words: after the last secret term they make the name describe something about the
 * secret (`tokenUrl`, `passwordHint`, `secretName`). Matched as a word's start, so `expir`
 * covers `expires` and `expiry`; those of two letters or fewer only as whole words.
 */
const HEAD_WORDS = [
  'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'name', 'type', 'label', 'field', 'placeholder', 'prompt', 'hint',
  'length', 'len', 'size', 'count', 'limit', 'max', 'min', 'expir', 'ttl', 'timeout', 'header', 'param', 'format',
  'pattern', 'regex', 'policy', 'policies', 'mode', 'method', 'provider', 'domain', 'host', 'version', 'hash', 'salt',
  'enabled', 'required', 'descr', 'title', 'message', 'text', 'error', 'msg', 'class', 'style', 'icon', 'event', 'env',
  'var', 'ref', 'arn', 'id', 'ids', 'index', 'input', 'selector', 'strategy', 'storage', 'cache', 'usage', 'schema',
  'rotat', 'valid', 'generat', 'prefix', 'suffix', 'kind', 'location', 'source', 'status', 'state', 'issuer',
  'audience', 'scope', 'keyword', 'lookup', 'check', 'store', 'manager', 'service', 'sample', 'example', 'dummy',
  'mock', 'fake', 'test', 's', 'izer', 'less', 'visib', 'toggle', 'strength', 'column', 'attr', 'getter', 'setter',
  'reset', 'confirm', 'parser', 'handler', 'helper', 'util', 'module', 'component', 'request', 'response', 'list',
  'map', 'set', 'exists', 'present', 'provided', 'change',
  // `tokenAddress`, `RNBW_TOKEN_ADDRESS`: an ERC-20 token's contract address, public on chain
  'addr',
];

/** Modifiers that make a name hold no live secret wherever they stand (`publicKey`, `testPassword`). */
const MODIFIER_WORDS = new Set([
  'public', 'pub', 'publishable', 'site', 'sample', 'example', 'dummy', 'mock', 'fake', 'test', 'placeholder', 'next',
  'page', 'continuation', 'pagination', 'output', 'input', 'sync', 'resume', 'start', 'cursor', 'reset', 'forgot',
  // Square's `version_token` (optimistic concurrency, in every webhook payload), Mongoose's `versionKey`
  'version',
  // authenticity_token is Rails' CSRF token, printed into every form: a per-session value, not a credential
  'confirm', 'csrf', 'xsrf', 'authenticity', 'is', 'has', 'show', 'hide', 'toggle', 'max', 'min', 'num', 'total', 'tokenizer',
  // what a test calls its fixtures (`invalidToken`, `expiredApiKey`, `wrongPassword`): no live secret
  'valid', 'invalid', 'wrong', 'expired', 'revoked', 'bogus',
]);

/** What a `…_token` names when it is a purchase's handle, not a credential (`checkout_token`, `cart_token`). */
const TRANSACTION_HANDLE = new Set(['checkout', 'cart', 'basket']);

/**
 * Services whose name before a plain `key` (`mailgun_domain_key`, `stripeKey`) or beside a
 * UUID-shaped value (`HEROKU_API_KEY`, `SNYK_TOKEN`) says the value is that service's secret.
 */
export const PROVIDER_WORDS = new Set([
  '1password', 'adafruit', 'adobe', 'airtable', 'algolia', 'alibaba', 'alchemy', 'amplitude', 'anthropic', 'artifactory',
  'asana', 'assemblyai', 'atlassian', 'auth0', 'authress', 'aws', 'azure', 'bitbucket', 'bittrex', 'braintree', 'brevo',
  'bugsnag', 'buildkite', 'checkout', 'circleci', 'clerk', 'clickhouse', 'clojars', 'cloudflare', 'cloudinary', 'codecov',
  'cohere', 'coinbase', 'confluent', 'contentful', 'databricks', 'datadog', 'deepgram', 'digitalocean', 'discord',
  'docker', 'dockerhub', 'doppler', 'dropbox', 'duffel', 'dynatrace', 'easypost', 'elevenlabs', 'etherscan', 'etsy',
  'facebook', 'fastly', 'finicity', 'finnhub', 'firebase', 'flickr', 'flutterwave', 'flyio', 'frameio', 'freshbooks',
  'gcp', 'github', 'gitlab', 'gitter', 'gocardless', 'google', 'grafana', 'groq', 'heroku', 'honeybadger', 'hubspot',
  'huggingface', 'infracost', 'infura', 'intercom', 'jfrog', 'jira', 'kucoin', 'langfuse', 'langsmith', 'launchdarkly',
  'lemonsqueezy', 'linode', 'mailchimp', 'mailgun', 'mailjet', 'mandrill', 'mapbox', 'mattermost', 'maxmind',
  'meraki', 'messagebird', 'mistral', 'mixpanel', 'netlify', 'newrelic', 'ngrok', 'notion', 'npm', 'nuget', 'okta', 'onesignal',
  'openai', 'openrouter', 'opsgenie', 'pagerduty', 'paypal', 'paystack', 'perplexity', 'pinecone', 'plaid', 'planetscale', 'postman',
  'postmark', 'posthog', 'pulumi', 'pusher', 'pypi', 'railway', 'razorpay', 'rapidapi', 'replicate', 'resend', 'rollbar', 'rubygems',
  'salesforce', 'scalingo', 'segment', 'sendbird', 'sendgrid', 'sendinblue', 'sentry', 'shippo', 'shopify', 'slack',
  'snyk', 'sonarqube', 'sourcegraph', 'sparkpost', 'splunk', 'squarespace', 'stripe', 'stytch', 'sumologic', 'supabase',
  'tailscale', 'telegram', 'terraform', 'travis', 'trello', 'twilio', 'twitch', 'twitter', 'typeform', 'vercel',
  'vonage', 'nexmo', 'wandb', 'yandex', 'zendesk', 'zoom',
  // services with no key shape of their own, named in prose and logs (`salesmate token - '…'`,
  // `Using adzuna KEY=…`): brand names only, no English words (`monday`, `swell`, `refiner`,
  // `shortcut`, `ramp`), since each is a keyword of generic-secret-phrase
  'adzuna', 'aeroworkflow', 'easyinsight', 'interseller', 'ipinfo',
  'klipfolio', 'lendflow', 'lexigram', 'livestorm', 'loginradius', 'mockaroo', 'monkeylearn', 'moosend', 'myintervals',
  'nethunt', 'neutrinoapi', 'nicereply', 'nozbe', 'nutritionix', 'onelogin', 'onepagecrm', 'pandascore', 'paperform',
  'parsehub', 'photoroom', 'plivo', 'portainer', 'proxycrawl', 'reallysimplesystems', 'repairshopr',
  'ringcentral', 'rownd', 'runrunit', 'salesmate', 'saucelabs', 'scalr', 'scrapingbee', 'sheety', 'shutterstock',
  'signalwire', 'sinch', 'siteleaf', 'skybiometry', 'smartystreets', 'stormboard', 'storyblok', 'storychief', 'strava',
  'sugester', 'supernotes', 'surveyanyplace', 'tallyfy', 'teamgate', 'teamwork', 'testingbot', 'thinkific', 'thousandeyes',
  'timezoneapi', 'tokeet', 'typetalk', 'uclassify', 'uploadcare', 'vbout', 'viewneo', 'web3storage', 'webex', 'wepay',
  'wrike', 'zenrows', 'zenscrape', 'zeplin', 'zipcodebase', 'zulip', 'leankit',
]);

/** Splits an identifier into lower-case words: camelCase, PascalCase, snake, kebab, dotted (memoised: do not change the list). */
export const nameWords: (raw: string) => readonly string[] = memoName((raw) =>
  raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0),
);

function isHeadWord(word: string): boolean {
  for (const head of HEAD_WORDS) {
    if (head.length <= 2 ? word === head : word.startsWith(head)) return true;
  }
  return false;
}

/** The last member of a dotted name: `config.db.password` → `password`. */
function lastMember(raw: string | undefined): string {
  const name = raw ?? '';
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

/**
 * The words before and after the last secret term of a name, or undefined when it holds none.
 * A term may end inside a glued word (`passwordhint`): the rest of that word is a word of its own.
 */
function splitAtSecretTerm(words: readonly string[]): { before: string[]; after: string[] } | undefined {
  const joined = words.join('');
  let start = -1;
  let end = -1;
  SECRET_TERM.lastIndex = 0;
  for (let m = SECRET_TERM.exec(joined); m !== null; m = SECRET_TERM.exec(joined)) {
    start = m.index;
    end = m.index + m[0].length;
  }
  if (start === -1) return undefined;
  const before: string[] = [];
  const after: string[] = [];
  let at = 0;
  for (const word of words) {
    const wordEnd = at + word.length;
    if (wordEnd <= start) before.push(word);
    else if (at < start) before.push(word.slice(0, start - at));
    if (at >= end) after.push(word);
    else if (wordEnd > end) after.push(word.slice(end - at));
    at = wordEnd;
  }
  return { before, after };
}

function judgeName(raw: string): boolean {
  const words = nameWords(raw);
  const joined = words.join('');
  if (joined.length === 0 || joined.length > 60 || joined === 'pwd') return false; // pwd: the working directory, as often as not
  if (words.some((word) => MODIFIER_WORDS.has(word))) return false;
  const split = splitAtSecretTerm(words);
  if (split !== undefined) {
    // `checkout_token`, `cart_token`: a shop's handle on one customer's cart or checkout (Shopify's
    // order payloads, Affirm's and Bolt's checkout flows), an id that is no credential
    if (words.length >= 2 && words[words.length - 1] === 'token' && TRANSACTION_HANDLE.has(words[words.length - 2] ?? '')) return false;
    return !split.after.some(isHeadWord);
  }
  // `db_pass`, `SMTP_PASS`, `sl_pass`: `pass` as the last word (not `bypass`, `compass`, `pass_through`)
  if (words.length >= 2 && words[words.length - 1] === 'pass') return true;
  // `mailgun_domain_key`, `stripeKey`: a service's name and a plain key
  if (words.length < 2 || words[words.length - 1] !== 'key') return false;
  if (words.some((word) => PROVIDER_WORDS.has(word))) return true;
  return isServiceKeyName(raw, words);
}

/**
 * True when a name holds a secret only as an unknown service's plain key (`chartmogul_key`): in
 * source code such a constant keys a map, a cache or storage as often as not
 * (`FINGERPRINT_KEY = 'acmeContentFingerprint/v1'`, `THEME_KEY`), so the assignment rules read it
 * in config, env and text files only.
 */
export function isUnknownServiceKeyName(raw: string | undefined): boolean {
  return unknownServiceKeyMember(lastMember(raw));
}

const unknownServiceKeyMember = memoName((member) => {
  const words = nameWords(member);
  if (words.length !== 2 || words[1] !== 'key' || words.some((word) => PROVIDER_WORDS.has(word))) return false;
  return judgeMember(member) && splitAtSecretTerm(words) === undefined;
});

/**
 * What a plain `key` is keyed by when it is no credential: a record's or a cache's key, a
 * storage object's, a message's, a UI element's (`cache_key`, `sort_key`, `s3_key`, `i18n_key`).
 */
const DATA_KEY_WORDS = new Set([
  'cache', 'sort', 'partition', 'primary', 'foreign', 'unique', 'composite', 'natural', 'surrogate', 'hash', 'range',
  'row', 'column', 'table', 'record', 'entity', 'model', 'field', 'attr', 'attribute', 'property', 'prop', 'object',
  'bucket', 'blob', 'file', 'path', 'folder', 'upload', 'asset', 'image', 'media', 's3', 'storage', 'index', 'item',
  'list', 'map', 'dict', 'json', 'yaml', 'lookup', 'search', 'filter', 'group', 'shard', 'node', 'cluster', 'redis',
  'kv', 'db', 'state', 'store', 'idempotency', 'dedup', 'dedupe', 'deduplication', 'routing', 'route', 'message',
  'msg', 'event', 'metric', 'label', 'tag', 'name', 'type', 'kind', 'config', 'setting', 'settings', 'option', 'env',
  'i18n', 'translation', 'locale', 'lang', 'react', 'vue', 'component', 'query', 'request', 'correlation', 'trace',
  'etag', 'checksum', 'digest', 'fingerprint', 'version', 'order', 'product', 'sku', 'user', 'customer', 'shortcut', 'hot',
  'keyboard', 'press', 'enter', 'escape', 'arrow', 'modifier', 'music', 'musical', 'piano', 'sign', 'public', 'pub',
  'ssh', 'gpg', 'pgp', 'rsa', 'ec', 'host', 'known', 'secondary', 'default', 'lock', 'mutex', 'job',
  'queue', 'task', 'cron', 'schedule', 'session', 'cookie', 'local', 'global', 'context', 'scope', 'parent', 'child',
  'root', 'next', 'prev', 'previous', 'last', 'first', 'start', 'end', 'min', 'max', 'id', 'uid', 'uuid', 'ref',
  // AWS's paginator files (`"result_key": "Ipv6CidrAssociations"`): the member a page's results are under
  'result', 'results', 'output', 'marker', 'offset', 'page', 'cursor', 'more',
]);

/**
 * `chartmogul_key`, `CLARIFAI_KEY`, `censys-key`: a service's name, written apart from a plain
 * `key` the way config files and env vars write names, holds that service's key even when the
 * service is not in PROVIDER_WORDS: a name of two words, the first a name of letters (not a
 * record, cache or storage word: DATA_KEY_WORDS). camelCase (`fooKey`) is left out: in code it is
 * a map's or a component's key as often as not (`sortKey`, `primaryKey`, `cacheKey`).
 */
function isServiceKeyName(raw: string, words: readonly string[]): boolean {
  if (words.length !== 2) return false;
  const service = words[0] ?? '';
  if (!/^[a-z]{3,20}$/.test(service) || DATA_KEY_WORDS.has(service) || MODIFIER_WORDS.has(service) || isHeadWord(service)) return false;
  return /^[A-Za-z]+[_-][Kk][Ee][Yy]$/.test(raw) && raw === raw.toLowerCase() || /^[A-Z]+[_-]KEY$/.test(raw);
}

const judgeMember = memoName(judgeName);

/** True when the name holds a secret (its last dotted member, read as words). */
export function isSecretName(raw: string | undefined): boolean {
  return judgeMember(lastMember(raw));
}

/** A name that holds a password: its value is judged as a password, not a random key. */
export function isPasswordName(raw: string | undefined): boolean {
  return passwordMember(lastMember(raw));
}

const passwordMember = memoName((member) => /pass|pwd/.test(nameWords(member).join('')));

/**
 * A name that says its UUID-shaped value is a secret: a service's name (`HEROKU_API_KEY`,
 * `SNYK_TOKEN`) or an explicit key, secret or password. A plain `token` or `id` holding a UUID is
 * a request, session or record id as often as not.
 */
export function isUuidSecretName(raw: string | undefined): boolean {
  return uuidSecretMember(lastMember(raw));
}

const uuidSecretMember = memoName((member) => {
  const words = nameWords(member);
  if (words.some((word) => PROVIDER_WORDS.has(word))) return true;
  return /apikey|apitoken|apisecret|secret|authtoken|accesstoken|accesskey|licensekey|subscriptionkey|password/.test(words.join(''));
});
