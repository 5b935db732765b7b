import type { Rule, ValidateContext } from '../types.js';
import { ALNUM, BASE64, BASE64URL, HEX, LOWER_ALNUM, UPPER_ALNUM, digits, fakeBody, memoName, uuid } from './define.js';
import { isPlaceholder } from '../placeholder.js';
import { isAnalyticsWriteKeyName, isDocSearchKey } from '../public-by-design.js';
import { PROVIDER_WORDS, isPasswordName, isSecretName, isUnknownServiceKeyName, isUuidSecretName, nameWords } from './names.js';
import { JWT, isLiveJwt, sampleJwt } from './jwt.js';
import { loginOf, realPassword } from './urls.js';
import { isCodePath, isTestPath, isUuid, looksLikePassword, looksLikeSecret, memoLast, namesItsKind, namesItsKindAsPassword, spellsItsKindInLeet } from './values.js';

/** The decoded text of a base64 value that decodes to printable ASCII, else undefined. */
function printableBase64(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/**
 * A real-looking value given to a key-like name, in every common syntax: `name = "v"`,
 * `name: v`, `"name": "v"`, `name := "v"`, `:name => 'v'`, `setName("v")`, `<name>v</name>`,
 * `<add key="name" value="v"/>`. Unquoted values count only outside source code.
 */
const QUOTED = `[^"'\`\\\\\\r\\n]{8,300}`;
/** A type annotation before `=`: `apiKey: string = …` (TS), `API_KEY: str = …` (Python), Kotlin, Swift. */
const TYPED = `:[ \\t]{0,8}[A-Za-z_$][A-Za-z0-9_$.]{0,40}[ \\t]{0,8}=`;
/** A Go declaration's type between the name and `=`: `var apiKey string = "…"`. */
const GO_TYPED = `(?<=[ \\t])string[ \\t]{1,8}=`;
/**
 * Assignment operators: `=`, `:`, `:=` (Go), `::=` `:::=` `?=` (Makefile), `.=` (PHP), `=>`,
 * `??=` `||=` (defaults), a typed `: T =` or Go `T =`, `:-` of a shell default (`${NAME:-value}`) and
 * the fallbacks `??` and `||` (`process.env.API_KEY ?? 'value'`).
 */
const OPERATOR = `=|:{1,3}=|${TYPED}|${GO_TYPED}|:-|:|=>|\\?\\??=|\\|\\|=|\\.=|\\?\\?|\\|\\|`;
/** A quote, possibly escaped (code inside JSON strings, notebooks). */
const Q = `\\\\?["'\`]`;
/**
 * C declarations `generic-secret` does not read: an array `name[] = "…"` / `char name[25] = "…"`,
 * an Objective-C string `name = @"…"`, and a C++ or Go brace initializer `std::string name{"…"}` /
 * `Name{"…"}`, the literal possibly on the next line (`AccountKey{\n    "…"}`).
 */
const C_SYNTAX = `(?:\\[[0-9]{0,4}\\][ \\t]{0,8}=[ \\t]{0,8}@?|[ \\t]{0,8}=[ \\t]{0,8}@|\\{[ \\t]{0,8}(?:\\r?\\n[ \\t]{0,40})?)"(?<secretC>${QUOTED})"`;

/**
 * A password that repeats a word of its own name (`MYSQL_PASSWORD=mysql123`,
 * `${KEYCLOAK_ADMIN_PASSWORD:-keycloak}`): the local default of a development setup.
 */
function isTrivialFor(value: string, name: string | undefined): boolean {
  const bare = value.toLowerCase().replace(/[^a-z]+$/, '');
  if (bare.length < 3) return false;
  const words = nameWords(name ?? '');
  // each piece a word of the name, or one with a local prefix (`RUSTFS_ADMIN_PASSWORD=devrustfs123`,
  // `RUSTFS_SERVICE_PASSWORD=devrustfs-service123`)
  return bare.split(/[-_.]/).every((piece) => {
    if (piece.length >= 3 && words.includes(piece)) return true;
    const word = piece.replace(LOCAL_PREFIX, '');
    return word.length >= 3 && words.includes(word);
  });
}

const LOCAL_PREFIX = /^(?:dev|local|my|default|demo)/;

/** How far repeatsNearbyUser and repeatsNearbyId read from the value, at most (as far as a validator's `context.line` reaches). */
const NEARBY_REACH = 1000;

/**
 * A password that repeats the user name given just before it (`Username: devrustfs` then
 * `Password: devrustfs123`, a local setup's sign-in in docs): what URLs whose password equals the
 * user are too. Up to three lines back, and at most NEARBY_REACH characters.
 */
function repeatsNearbyUser(value: string, context: ValidateContext): boolean {
  const text = context.text;
  if (text === undefined || context.index === undefined) return false;
  const bare = value.toLowerCase().replace(/[^a-z]+$/, '');
  if (bare.length < 3) return false;
  // at most NEARBY_REACH characters back: on a long line, reading from its start for each candidate made the work quadratic
  const reach = text.slice(Math.max(0, context.index - NEARBY_REACH), context.index);
  let start = reach.length;
  for (let i = 0; i < 4 && start > 0; i++) start = reach.lastIndexOf('\n', start - 1);
  const before = reach.slice(Math.max(0, start));
  for (const m of before.matchAll(/(?<![A-Za-z0-9])(?:user(?:[ _-]?name)?|login)["'`]?[ \t]{0,4}[:=][ \t]{0,4}["'`]?([A-Za-z0-9_.@-]{3,60})/gi)) {
    if (m[1]!.toLowerCase() === bare) return true;
  }
  return false;
}

/**
 * The value also given to an id-named key (`response_id`, `responseId`, `id`, `?responseId=`) within
 * four lines either side: an identifier the payload repeats under another name, not a secret (a
 * webhook sample's Typeform `token` is the response's id). A secret is not also somebody's id.
 * At most NEARBY_REACH characters either side, and NEARBY_COPIES other copies.
 */
function repeatsNearbyId(value: string, context: ValidateContext): boolean {
  const text = context.text;
  if (text === undefined || context.index === undefined || value.length < 8) return false;
  // a text with no id-named key anywhere (asked once per text) has none near the value either
  if (!hasIdKey(text)) return false;
  // read within NEARBY_REACH characters either side, so a file of one long line costs the same per
  // candidate as a file of short lines (the walk to a line end would read the whole line each time)
  const from = Math.max(0, context.index - NEARBY_REACH);
  const reach = text.slice(from, context.index + value.length + NEARBY_REACH);
  const index = context.index - from;
  let start = index;
  for (let i = 0; i < 4 && start > 0; i++) start = reach.lastIndexOf('\n', start - 1);
  let end = index + value.length;
  for (let i = 0; i < 5 && end !== -1; i++) end = reach.indexOf('\n', end + 1);
  const around = reach.slice(Math.max(0, start), end === -1 ? reach.length : end);
  // the first NEARBY_COPIES other copies: a value repeated all along its lines (`credential="credential="…`)
  // made a regex run per copy for each candidate
  let copies = 0;
  for (let at = around.indexOf(value); at !== -1 && copies < NEARBY_COPIES; at = around.indexOf(value, at + 1)) {
    if (Math.max(0, start) + at === index) continue;
    copies++;
    if (/[A-Za-z0-9]/.test(around.charAt(at + value.length))) continue;
    if (idOperatorBefore(around, at) && ID_NAME_BEFORE.test(around.slice(Math.max(0, at - 64), at))) return true;
  }
  return false;
}

/** How many other copies of a value repeatsNearbyId reads, at most. */
const NEARBY_COPIES = 16;

/**
 * What ID_NAME_BEFORE needs right before `at`, read backwards in a few steps: an optional quote, up
 * to 4 blanks, `:` or `=`, up to 4 blanks, an optional quote, then a name ending in `id`, `Id` or
 * `ID`. The regex, unanchored at its start, is tried at every position of its 64-character slice:
 * on text dense with candidates that was most of a scan's time (`key: secret=A1b2` repeated in a
 * YAML file: 2.2 of 3.4 s per 4 MB), so it runs only where this holds.
 */
function idOperatorBefore(text: string, at: number): boolean {
  let i = at;
  const quote = (c: string): boolean => c === '"' || c === "'" || c === '`';
  const blanks = (): void => {
    for (let n = 0; n < 4 && i > 0 && (text.charAt(i - 1) === ' ' || text.charAt(i - 1) === '\t'); n++) i--;
  };
  if (i > 0 && quote(text.charAt(i - 1))) i--;
  blanks();
  if (i === 0 || (text.charAt(i - 1) !== ':' && text.charAt(i - 1) !== '=')) return false;
  i--;
  blanks();
  if (i > 0 && quote(text.charAt(i - 1))) i--;
  const end = text.slice(Math.max(0, i - 2), i);
  return end === 'id' || end === 'Id' || end === 'ID';
}

/** Whether ID_NAME_BEFORE can match anywhere in a text: its name's last letters, then the operator. */
const hasIdKey = memoLast((text) => /(?:id|Id|ID)["'`]?[ \t]{0,4}[:=]/.test(text));

/** `…_id: "`, `…Id = '`, `"id": "`, `?responseId=`, right before a value. */
const ID_NAME_BEFORE = /(?<![A-Za-z0-9_$])(?:[A-Za-z0-9$]*(?:[a-z0-9](?:Id|ID)|[_-](?:id|ID))|id|ID|Id)["'`]?[ \t]{0,4}[:=][ \t]{0,4}["'`]?$/;

/**
 * Nano ID's default: 21 characters of `A-Za-z0-9_-`, the id a JS app gives its records (a
 * recipient's signing link, an invite): under a plain `token` or `id` a record id, as a UUID is.
 */
function isNanoId(value: string): boolean {
  return value.length === 21 && /^[A-Za-z0-9_-]+$/.test(value);
}

/**
 * A locale file (`locales/pt-PT.json`, `i18n/de.yml`, `lang/fr.php`, `messages.es.json`):
 * its values are the labels a UI shows.
 */
const isLocalePath = memoLast(
  (path) => /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?)\//i.test(path) || /(?:^|[/.])[a-z]{2}(?:[-_][A-Za-z]{2,4})?\.(?:json|ya?ml|po|properties)$/.test(path),
);

/** `auth/forgot-password/reset/new_password:` — the last segment of a path key (i18n keys, routes), not a variable. */
function isPathKeySegment(text: string, nameAt: number): boolean {
  if (nameAt < 2 || text.charCodeAt(nameAt - 1) !== 47 /* / */) return false;
  // The line up to the name must read `^[ \t]*["']?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/$`. It is
  // read backwards from the name and stops at the first other character: finding the line's start
  // first read the whole line for each candidate (33 s per MB on `a/password=Abcdefg1 ` repeated).
  let at = nameAt - 1;
  for (;;) {
    const end = at;
    while (at > 0 && isPathKeyChar(text.charCodeAt(at - 1))) at--;
    if (at === end) return false;
    if (at === 0 || text.charCodeAt(at - 1) !== 47) break;
    at--;
  }
  if (at > 0 && (text.charCodeAt(at - 1) === 34 || text.charCodeAt(at - 1) === 39)) at--;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
  return at === 0 || text.charCodeAt(at - 1) === 10;
}

/** `[A-Za-z0-9_.-]`: a character of a path key's segment. */
function isPathKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** The name is a member of a TypeScript enum: the last `{` open before it follows `enum Name`. */
function isEnumMember(context: ValidateContext): boolean {
  const text = context.text;
  if (text === undefined || context.name === undefined) return false;
  const nameAt = text.lastIndexOf(context.name, context.index);
  if (nameAt <= 0) return false;
  const before = text.slice(Math.max(0, nameAt - 4000), nameAt);
  const open = before.lastIndexOf('{');
  return open !== -1 && !before.includes('}', open) && /\benum[ \t]+[A-Za-z_$][\w$]*[ \t]*$/.test(before.slice(Math.max(0, open - 200), open));
}

/** Languages where `'…'` is a character literal: C, C++, C#, Objective-C. */
const isCFamilyPath = memoLast((path) => /\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|m|mm|cs)$/i.test(path));

/** A password of lower-case letters and symbols whose brackets do not nest (`m{{h}o)p${e]nob(…`). */
function symbolPassword(seed: () => number): string {
  const w = (n: number): string => fakeBody('abcdefghijkmnopqrstuvwxyz', n, seed());
  return [w(1), '{{', w(1), '}', w(1), ')', w(1), '${', w(1), ']', w(3), '(', w(3), '[', w(5), '>-_$#', w(7), '}}'].join('');
}

/** The verdict on a value given to a name, shared by the assignment rules. */
function judgeAssignment(secret: string, context: ValidateContext): boolean {
    if (!isSecretName(context.name)) return false;
    // an unknown service's plain key (`CHARTMOGUL_KEY`) in source code: a map's or storage's key as often as not
    if (isUnknownServiceKeyName(context.name) && isCodePath(context.path)) return false;
    // an analytics write key (Segment, RudderStack): the key analytics.js sends from every browser
    if (isAnalyticsWriteKeyName(context.name ?? '')) return false;
    // `…:secret:name` inside an ARN or URN is a path segment, not an assignment
    if (context.text !== undefined && context.name !== undefined) {
      const nameAt = context.text.lastIndexOf(context.name, context.index);
      if (nameAt > 0 && context.text.charAt(nameAt - 1) === ':') return false;
      if (isPathKeySegment(context.text, nameAt)) return false;
      // ${NAME:?message} and ${NAME?message}: the shell's error text when NAME is unset, not a value
      if (nameAt > 1 && context.text.slice(nameAt - 2, nameAt) === '${' && secret.startsWith('?')) return false;
    }
    // a test that writes the environment (`process.env.SECRET_KEY = '…'`, `env.API_TOKEN = '…'`)
    // sets up the code under test with a fixture; real keys are read from the environment, not written to it
    if (isTestPath(context.path) && /(?:^|\.)(?:env|environ)\.[A-Za-z_][A-Za-z0-9_]*$/.test(context.name ?? '')) return false;
    // the quote before the value closed a string and code follows: `"Error fetching MFA token: "+s),{…`
    // (a name read inside a message string, then concatenation or the end of a call)
    if (context.secretGroup === 'secret' && /^[ \t]*\+[ \t]*[A-Za-z_$][\w$.]*[ \t]*[),;+]/.test(secret)) return false;
    // a value followed by "(" is a call (my $pwd = Cwd::getcwd();)
    if (context.text?.charAt((context.index ?? 0) + secret.length) === '(') return false;
    // in C, C++, C# and Objective-C a single-quoted literal is one character, not a string:
    // `api_key = '…';` there is not a string value (detect-secrets' C tables say so too)
    if (context.text?.charAt((context.index ?? 0) - 1) === "'" && isCFamilyPath(context.path)) return false;
    // JWTs are judged by their payload (jwt rules); public-by-design shapes by their own rules
    // a bare 40-digit hex value is a git SHA unless the name says secret, or API key or a service
    // (`WANDB_API_KEY`: Weights & Biases keys are 40 hex) and the hex is written in one case
    if (secret.length === 40 && /^[0-9a-f]{40}$/i.test(secret) && !/secret/i.test(context.name ?? '')) {
      if (!/^(?:[0-9a-f]{40}|[0-9A-F]{40})$/.test(secret) || !isUuidSecretName(context.name)) return false;
    }
    // a value that names its own kind is a description or a placeholder, not a secret
    if (namesItsKind(secret)) return false;
    if (!isPasswordName(context.name) && spellsItsKindInLeet(secret)) return false;
    // a URL with a user and password (`redactUrlCredentials("http://user:pass@host")`): its password is the
    // secret, judged as the URL rules judge it
    const userinfo = secret.includes('://') ? /^[a-z][a-z0-9+.-]*:\/\/([^\s:@/]*):([^\s@/]+)@/i.exec(secret) : null;
    if (userinfo !== null) return realPassword(userinfo[2] ?? '', userinfo[1] ?? '');
    // publishable shapes: pk_ (the publishable half of a pk_/sk_ pair: Stripe, Clerk, Liveblocks, Knock,
    // Paystack, Checkout.com, logo.dev), Mapbox pk., Google AIza, PostHog project keys (phc_; personal keys
    // are phx_). Not the pk_ tokens whose body is upper-case letters and digits only, which have no
    // publishable half and call the API with full rights: ClickUp's personal token
    // (`pk_<user id>_<32>`), Courier's auth token (`pk_prod_<28>`, `pk_test_<28>`). A publishable key's
    // random part is mixed case (Stripe, Clerk's base64) or lower case (Checkout.com, Paystack)
    if ((secret.startsWith('p') || secret.startsWith('A')) && /^(?:pk_|pk\.eyJ|AIza|phc_)/.test(secret) && !/^pk_(?:[a-z]{2,8}_|\d{1,12}_)?[A-Z0-9]{24,}$/.test(secret)) return false;
    // an Algolia DocSearch block's search-only key (its own public-by-design rule)
    if (isDocSearchKey(context)) return false;
    // a JWT given to a key-like name is a bearer token, unless it is a sample or public by design
    if (secret.startsWith('eyJ') && /^eyJ[A-Za-z0-9_-]+\.eyJ/.test(secret)) return isLiveJwt(secret);
    // an unquoted value in source code is an identifier or an expression, not a literal
    if (context.secretGroup?.endsWith('Bare') === true && isCodePath(context.path)) return false;
    // f("NAME", "value"): only as the first two arguments of a call (or an initializer), the name a string literal
    // getenv("NAME") or "value", ENV.fetch("NAME") { "value" }: the same call shape, the literal after it
    // assert.equal(parsed['AccountKey'], "value"), assertEquals(creds.apiKey, "value"): the value a
    // test expects of a secret field is that secret
    if (context.secretGroup === 'secretArg' && isAssertedValue(context)) {
      // judged below, by name and value
    } else if (context.secretGroup === 'secretArg' || context.secretGroup === 'secretFallback') {
      const quote = context.groups?.nameQuote;
      const text = context.text ?? '';
      const at = text.lastIndexOf(`${context.name ?? ''}${quote ?? ''}`, context.index);
      if (!quote || at < quote.length || text.slice(at - quote.length, at) !== quote) return false;
      // f("NAME", "value") or a C# initializer pair { "NAME", "value" }
      if (!/[({][ \t]*$/.test(text.slice(Math.max(0, at - quote.length - 8), at - quote.length))) return false;
    }
    // Kubernetes Secret data and friends: judge the decoded value when it is printable text; also the
    // base64 body after a key prefix (`whsec_` + base64 of "secret-key-bytes" in a test): a generated
    // key's bytes are random, not text
    const decoded = printableBase64(secret) ?? printableBase64(/^[a-z]{2,10}_([A-Za-z0-9+/]{8,}={0,2})$/.exec(secret)?.[1] ?? '');
    // an Nx Cloud read-only access token (`<uuid>|read`, base64): nx.json holds it so CI can read the
    // remote cache; Nx's docs have it committed (a `|read-write` token is still judged)
    if (decoded !== undefined && /^[0-9a-f]{8}-[0-9a-f-]{27}\|read$/i.test(decoded)) return false;
    if (decoded !== undefined && (isPlaceholder(decoded, { testMarkers: true }) || !looksLikePassword(decoded))) return false;
    // base64 of user:password (Basic credentials, a Docker config's auth): judged by its password, as URLs are
    const login = decoded === undefined ? undefined : loginOf(decoded);
    if (login !== undefined && !realPassword(login.password, login.user)) return false;
    // base64 of a JSON object with credential fields (QStash's token is `{"UserID":…,"Password":…}`):
    // judged by those fields, as base64 user:password is by its password
    const fields = decoded === undefined ? undefined : credentialFields(decoded);
    if (fields !== undefined) return fields.some((value) => looksLikePassword(value) && !namesItsKindAsPassword(value));
    // UUID-shaped values: a key when the name says so (`HEROKU_API_KEY`, `SNYK_TOKEN`), but not as
    // the value of an enum member, which names a kind or a product (`enum Authenticator { OnePassword = '<AAGUID>' }`)
    if (isUuid(secret)) return isUuidSecretName(context.name) && !isEnumMember(context);
    if (isNanoId(secret) && !isUuidSecretName(context.name)) return false;
    // the same value given to an id next to it (Typeform's response `token` is its `response_id`)
    if (repeatsNearbyId(secret, context)) return false;
    // a label in a locale file (Portuguese "Palavra-passe" for a password field, "Contraseña:" before
    // one): letters, spaces and hyphens, and a colon, full stop or ellipsis a label ends with
    if (isLocalePath(context.path) && /^\p{L}[\p{L} '-]*[:.…]?$/u.test(secret)) return false;
    if (isPasswordName(context.name)) {
      // a password written into a test signs in a test user or a throwaway database: a fixture
      // (keys and tokens in tests are still judged: real ones get pasted there)
      if (isTestPath(context.path)) return false;
      return looksLikePassword(secret) && !isTrivialFor(secret, context.name) && !repeatsNearbyUser(secret, context);
    }
    return looksLikeSecret(secret);
}

/**
 * Whether a `name, "value"` pair is the first two arguments of an assertion (`assert.equal(`,
 * `assertEquals(`, `expect(`), the name a field read plainly (`creds.apiKey`) or by a quoted
 * subscript (`parsed['AccountKey']`).
 */
function isAssertedValue(context: ValidateContext): boolean {
  const text = context.text ?? '';
  const name = context.name ?? '';
  const quote = context.groups?.nameQuote ?? '';
  const at = text.lastIndexOf(`${name}${quote}`, context.index);
  if (at < 0) return false;
  const before = text.slice(Math.max(0, at - quote.length - 60), at - quote.length);
  if (quote !== '' && text.slice(at - quote.length, at) !== quote) return false;
  return (quote === '' ? ASSERT_CALL : ASSERT_CALL_SUBSCRIPT).test(before);
}

const ASSERT_CALL = /(?:\bassert(?:\.[A-Za-z]{2,20}|Equals?|That)?|\bexpect)\([ \t]*$/;
const ASSERT_CALL_SUBSCRIPT = /(?:\bassert(?:\.[A-Za-z]{2,20}|Equals?|That)?|\bexpect)\([ \t]*[A-Za-z_$][\w$.]{0,40}\[$/;

/** The string values of a JSON object's credential-named fields (`Password`, `secret`, `api_key`), or undefined when it has none. */
function credentialFields(decoded: string): string[] | undefined {
  if (!decoded.startsWith('{') || !decoded.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const values = Object.entries(parsed).filter(([key, value]) => typeof value === 'string' && isSecretName(key)).map(([, value]) => value as string);
  return values.length > 0 ? values : undefined;
}

/** The words whose hits wake the name = value rules (`pass` also finds `password`, `passwd`, `passphrase`). */
const NAME_KEYWORDS = ['key', 'secret', 'token', 'pass', 'pwd', 'auth', 'credential'];

/** A random key and a password, for the name = value rules' examples. */
function keyAndPassword(seed: () => number): { v: string; p: string } {
  return { v: fakeBody(ALNUM, 32, seed()), p: `${fakeBody(ALNUM, 10, seed())}!9` };
}

/** How both name = value rules judge what they read: by the name, then by the value. */
const assignmentVerdict = {
  severity: 'error',
  anchor: 'name',
  nameFilter: memoName(isSecretName),
  strictPlaceholders: true,
  quietInExamples: true,
  fix: 'Move the value to an environment variable or a secret manager, and rotate it.',
  validate: judgeAssignment,
} satisfies Partial<Rule>;

/** The service a word names (`twilio`, `zendeskapi`, `railwayapp`): a service word and at most six letters after it. */
function serviceOf(word: string): string | undefined {
  const lower = word.toLowerCase();
  for (let end = Math.min(lower.length, 20); end >= 2; end--) {
    if (lower.length - end > 6) break;
    const head = lower.slice(0, end);
    if (PROVIDER_WORDS.has(head)) return head;
  }
  return undefined;
}

/**
 * A lone token after a service word (`jira <token>`) is a key only when the word starts its own
 * piece of text (not a path segment: `github.com/docker/docker v28.5.2+incompatible` in go.sum)
 * and the token is not a version (`v0.0.0-20260209031235-2402fdf4a…`, `28.5.2+incompatible`).
 */
function isLoneKeyAfter(word: string, secret: string, context: ValidateContext): boolean {
  if (/^v?\d+\.\d+/.test(secret)) return false;
  const text = context.text ?? '';
  const index = context.index ?? 0;
  const head = text.slice(Math.max(0, index - 40), index).replace(/[ \t]+$/, '');
  const before = head.length > word.length ? head.charAt(head.length - word.length - 1) : '';
  return before === '' || /[\s"'`(]/.test(before);
}

/** Whether the phrase rule's word is `new <Service>(`, `new <Service>Api(`, `new <Service>Client(` or `new <Service>Sdk(`. */
function isClientOf(service: string, context: ValidateContext): boolean {
  const word = (context.groups?.word ?? '').toLowerCase();
  if (!word.startsWith(service) || !/^(?:|api|client|sdk)$/.test(word.slice(service.length))) return false;
  const text = context.text ?? '';
  const at = text.lastIndexOf(context.groups?.word ?? '', context.index);
  return at >= 4 && /\bnew[ \t]+$/.test(text.slice(Math.max(0, at - 12), at));
}

/** The longest value `generic-secret` reads (its QUOTED), past which `generic-secret-jwt` reads JWTs. */
const GENERIC_VALUE_MAX = 300;

/**
 * The name a value is given to, read backwards from the value's first character: `name = "`,
 * `"name": "`, `name: `, `name := '`, `name => "`, `obj["name"] = "`, `auth-token=` inside a cookie
 * string. At most 120 characters back.
 */
const NAME_BEFORE = /(?:^|[^A-Za-z0-9_.$-])([A-Za-z0-9_.$-]{1,80})\\?["'`]?\]?[ \t]{0,8}(?::?=|:|=>)[ \t]{0,8}\\?["'`]?$/;

/** A JWT as identity providers issue them (RS256: a 342-character signature), built at run time from a payload and a seed. */
function rs256Jwt(payload: Record<string, unknown>, seed: number): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return [enc({ alg: 'RS256', typ: 'JWT', kid: fakeBody(BASE64URL, 43, seed) }), enc(payload), fakeBody(BASE64URL, 342, seed + 1)].join('.');
}

const SERVICE_CLAIMS = { iss: 'https://login.acme-corp.net/', sub: 'svc-orders', aud: 'api', scope: 'orders:write', iat: 1700000000, exp: 4100000000 };

/** Whether a JWT's first part decodes to a JOSE header (a JSON object naming its `alg`): a token mangled in a copy does not. */
function hasJoseHeader(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

function nameBefore(context: ValidateContext): string | undefined {
  const text = context.text;
  if (text === undefined || context.index === undefined) return undefined;
  return NAME_BEFORE.exec(text.slice(Math.max(0, context.index - 120), context.index))?.[1];
}

export const genericRules: Rule[] = [
  {
    id: 'generic-secret-phrase',
    description: 'Secret given to a service name and a key word written apart (`twilio token = …`, `Using algolia Key=…`), or after the service name alone (`jira <token>`)',
    // prose, logs and notes name the key in two words: `twilio token - '…'`, `[DEBUG] Using algolia Key=…`,
    // `opsgenie token = '<uuid>'`. The service word decides, as in `stripeKey`; the value is judged as
    // generic-secret judges it, under the joined name (`twilio_token`). Anchored at the service word.
    // With no key word at all, a lone token right after the service word (`jira <token>`, `mixpanel
    // <token> <secret>`: notes, chat pastes, CLI arguments) is judged under `<service>_key`: a word of
    // token characters, 16 or more, ending at a space or the line's end (`jira hereisavalidsubdomain.
    // atlassian.net` or an email is not a key by its value). Unquoted, so not read in source code.
    keywords: [...PROVIDER_WORDS],
    regex: new RegExp(
      `(?<![A-Za-z0-9_.$-])(?<word>[A-Za-z][A-Za-z0-9]{1,25})(?:\\([ \\t]{0,4}["'](?<secretCtor>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})["'][ \\t]{0,4}\\)|[ \\t]{1,4}(?:(?<noun>(?:api[ _-]?)?(?:key|token|secret|password)|access[ _-]?token|auth[ _-]?token)[ \\t]{0,4}(?:=|:|=>|-(?=[ \\t]{0,4}["'\`]))[ \\t]{0,4}(?:${Q}(?<secret>${QUOTED})${Q}|(?<secretBare>(?!=)[^\\s"'\`\\\\,;&(){}[\\]<>]{8,300}))|(?<secretLoneBare>[A-Za-z0-9][A-Za-z0-9_.~+/-]{15,299})(?![^ \\t\\r\\n])))`,
      'i',
    ),
    anchor: 'keyword',
    severity: 'error',
    priority: 20,
    strictPlaceholders: true,
    quietInExamples: true,
    fix: 'Move the value to an environment variable or a secret manager, and rotate it.',
    validate: (secret, context) => {
      const service = serviceOf(context.groups?.word ?? '');
      if (service === undefined) return false;
      const name = `${service}_${(context.groups?.noun ?? 'key').replace(/[ -]/g, '_')}`;
      if (context.secretGroup === 'secretLoneBare' && !isLoneKeyAfter(context.groups?.word ?? '', secret, context)) return false;
      // `new HubSpotAPI("<uuid>")`: a UUID given to the service's own client, named after it alone
      // or with Api, Client or Sdk (`GithubIssue("<uuid>")` holds an id)
      if (context.secretGroup === 'secretCtor' && !isClientOf(service, context)) return false;
      // a key or token is written in a token alphabet: `?`, `#`, `&` or `=` before the end make it a
      // URL part, a template or a mangled copy (a password may hold anything)
      if (!isPasswordName(name) && !/^[A-Za-z0-9_.~+/:!@-]+=*$/.test(secret)) return false;
      return judgeAssignment(secret, { ...context, name });
    },
    examples: (seed) => ({
      positives: [
        `twilio token - '${fakeBody('0123456789abcdef', 32, seed())}'\n`,
        `[DEBUG] Using algolia Key=${fakeBody(ALNUM, 32, seed())}\n`,
        `opsgenie token = '${uuid(seed())}'\n`,
        // a service with no key shape of its own, by its brand name (PROVIDER_WORDS)
        `salesmate token - '${fakeBody(ALNUM, 32, seed())}'\n`,
        `Zendesk API token: ${fakeBody(ALNUM, 40, seed())}\n`,
        `jira ${fakeBody(ALNUM, 24, seed())}\n`,
        `mixpanel ${fakeBody(ALNUM, 32, seed())} ${fakeBody(ALNUM, 30, seed())}\n`,
        // a UUID given to the service's own client
        `const hs = new HubSpotAPI("${uuid(seed())}");\n`,
      ],
      negatives: [
        `twilio token - '<your auth token>'\n`,
        `GitHub token: required for private repositories\n`,
        `Using stripe key=\${STRIPE_KEY}\n`,
        // a plain word before the key word is not a service
        `request token = '${uuid(seed())}'\n`,
        `the token - '${fakeBody(ALNUM, 32, seed())}'\n`,
        // outside a token alphabet: a mangled copy or a URL part
        `twitch token - '${fakeBody(ALNUM, 14, seed())}?${fakeBody(ALNUM, 15, seed())}'\n`,
        // a lone word after a service word: a host, an email, a package name, a publishable key, a short word
        `jira hereisavalidsubdomain.atlassian.net\njira someone@example.com\n`,
        `npm install stripe @stripe/stripe-js\npip install anthropic google-cloud-storage\n`,
        `stripe pk_live_${fakeBody(ALNUM, 24, seed())}\n`,
        `stripe ${fakeBody(ALNUM, 10, seed())}\n`,
        // a UUID given to anything else named after a service: an id
        `const issue = new GithubIssue("${uuid(seed())}");\nconst run = GithubRun("${uuid(seed())}");\n`,
        // go.sum and go.mod: a module path ending in a service word, then its version
        `github.com/docker/docker v28.5.2+incompatible/go.mod h1:${fakeBody(BASE64, 43, seed())}=\n`,
        `github.com/shurcooL/githubv4 v0.0.0-20260209031235-${fakeBody('0123456789abcdef', 12, seed())}\n`,
        `require github.com/example/stripe ${fakeBody(ALNUM, 20, seed())}\n`,
        `docker v28.5.2-rc.1+incompatible.linux-amd64\n`,
      ],
    }),
  },
  {
    id: 'terraform-variable-default',
    description: 'Secret as the default of a Terraform variable',
    keywords: ['default'],
    regex: /(?<![A-Za-z0-9_])default[ \t]*=[ \t]*"(?<secret>[^"\\\r\n]{8,300})"/,
    anchor: 'keyword',
    severity: 'error',
    priority: 19,
    strictPlaceholders: true,
    fix: 'Give sensitive variables no default: set them from TF_VAR_* environment variables or a secret store.',
    validate: (secret, context) => {
      // inside a `variable "name" { … }` block: the last block opened before the default, not yet closed
      const before = (context.text ?? '').slice(Math.max(0, (context.index ?? 0) - 500), context.index);
      const open = before.lastIndexOf('variable ');
      if (open === -1 || before.indexOf('}', open) !== -1) return false;
      const block = before.slice(open);
      const name = /^variable[ \t]+"([A-Za-z0-9_-]{1,80})"[ \t]*\{/.exec(block)?.[1];
      if (name === undefined) return false;
      if (!isSecretName(name) && !/sensitive[ \t]*=[ \t]*true/.test(block)) return false;
      context = { ...context, name };
      return isPasswordName(context.name) ? looksLikePassword(secret) : looksLikeSecret(secret);
    },
    examples: (seed) => ({
      positives: [`variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${fakeBody(ALNUM, 14, seed())}!4"\n}\n`],
      negatives: [`variable "region" {\n  default = "eu-west-1"\n}\n`, `variable "api_token" {\n  type = string\n}\n`],
    }),
  },
  {
    id: 'generic-secret-pair',
    description: 'Secret given as a name/value pair (XML attributes, Kubernetes or ECS env entries, Dockerfile ENV, ARM parameters)',
    keywords: NAME_KEYWORDS,
    regex: new RegExp(
      [
        // <add key="name" value="value"/> (.NET, NuGet), <property name="name" value="value"/> (Spring)
        `(?<=(?:key|name)=["'])(?<name5>[^"'\\r\\n]{1,80})["'][ \\t]{1,8}value=["'](?<secretAttr>${QUOTED})["']`,
        // - name: NAME / value: v (Kubernetes env), {"name": "NAME", "value": "v"} (ECS, CloudFormation)
        `(?<=[Nn]ame["']?:[ \\t]{0,8}["']?)(?<name6>[A-Za-z0-9_.-]{1,80})["']?(?:[ \\t]{0,8}\\r?\\n[ \\t]{0,40}|[ \\t]{0,4},[ \\t]{0,4})["']?[Vv]alue["']?:[ \\t]{0,8}(?:${Q}(?<secretPair>${QUOTED})${Q}|(?<secretPairBare>[^\\s"'\`,}]{8,300}))`,
        // ENV NAME value (Dockerfile)
        `(?<=(?:^|\\n)[ \\t]{0,8}ENV[ \\t]{1,8})(?<name7>[A-Za-z0-9_]{1,80})[ \\t]{1,8}(?:${Q}(?<secretEnv>${QUOTED})${Q}|(?<secretEnvBare>[^\\s"'\`=]{8,300}))`,
        // "name": { "value": "v" } (Azure Resource Manager parameter files, azuredeploy.parameters.json),
        // also commented out line by line in JSONC (`//"storageAccountKey": {` / `//  "value": "…"`)
        `(?<=")(?<name8>[A-Za-z0-9_.-]{1,80})"[ \\t]{0,8}:[ \\t]{0,8}\\{[ \\t]{0,8}(?:\\r?\\n[ \\t]{0,40}(?:\\/\\/[ \\t]{0,8})?)?"value"[ \\t]{0,8}:[ \\t]{0,8}"(?<secretArm>${QUOTED})"`,
      ].join('|'),
    ),
    ...assignmentVerdict,
    // more specific than generic-secret where both read the same value
    priority: 19,
    examples: (seed) => {
      const { v, p } = keyAndPassword(seed);
      return {
        positives: [
          `<add key="ApiKey" value="${v}" />\n`,
          `<property name="apiToken" value="${v}"/>\n`,
          `<add key="StripeApiKey" value="${v}" />\n`,
          `<add key="ClearTextPassword" value="${p}" />\n`,
          `ENV API_TOKEN ${v}\n`,
          `env:\n  - name: API_TOKEN\n    value: "${v}"\n`,
          `env:\n- name: DB_PASSWORD\n  value: ${p}\n`,
          `"environment": [{ "name": "API_TOKEN", "value": "${v}" }]\n`,
          `{\n  "parameters": {\n    "adminPassword": {\n      "value": "${p}"\n    },\n    "storageAccountKey": { "value": "${fakeBody(BASE64, 86, seed())}==" }\n  }\n}\n`,
          `    //"storageAccountKey": {\n    //  "value": "${fakeBody(BASE64, 86, seed())}=="\n    //},\n`,
        ],
        negatives: [
          `env:\n  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: api\n        key: token\n`,
          `const fields = [{ name: 'apiKey', value: 'Enter your API key' }];\n`,
          `ENV PASSWORD_FILE /run/secrets/db_password\n`,
          `<add key="ApiKeyHeader" value="X-Api-Key-For-Partners" />\n`,
          // Rails' CSRF token in a rendered form
          `<input type="hidden" name="authenticity_token" value="${fakeBody(BASE64URL, 86, seed())}" autocomplete="off" />\n`,
          `env:\n  - name: API_TOKEN\n    value: "\${API_TOKEN}"\n`,
          // an ARM parameter that reads the secret from Key Vault, and one that only names it
          `"adminPassword": {\n  "reference": { "keyVault": { "id": "/subscriptions/0/vaults/kv" }, "secretName": "admin" }\n},\n"secretName": { "value": "prod-db-admin-password" }\n`,
        ],
      };
    },
  },
  {
    id: 'generic-secret-comparison',
    description: 'Secret compared with a key-like name (`password == "…"`, either order), or given to one in C syntax (`name[] = "…"`, `@"…"`)',
    keywords: NAME_KEYWORDS,
    // a credential checked against a literal is that credential (a hard-coded login or API key
    // check); a rule of its own, since in generic-secret's regex recheck gave no verdict in 100 s.
    // The literal may come first (`if ("…" == password)`): read behind the name, where the engine
    // tries the rule. C arrays and `@"…"` are here rather than in generic-secret, whose proof they
    // slowed (26 -> 39 s at load 9), or in a rule of their own (one more attempt at every name);
    // BIND's and SQL's `name "…";` made this proof time out and are not read
    regex: new RegExp(
      `(?<![A-Za-z0-9_.$-])(?:(?<name>[A-Za-z0-9_.$]{1,80})(?:[ \\t]{0,8}[!=]==?[ \\t]{0,8}${Q}(?<secret>${QUOTED})${Q}|${C_SYNTAX})|(?<=["'](?<secretFirst>${QUOTED})["'][ \\t]{0,4}[!=]==?[ \\t]{0,4})(?<nameAfter>[A-Za-z0-9_.$]{1,80})(?![A-Za-z0-9_.$]))`,
    ),
    ...assignmentVerdict,
    priority: 20,
    examples: (seed) => {
      const { v, p } = keyAndPassword(seed);
      return {
        positives: [
          `if (apiKey === '${v}') {\n`,
          `if password != "${p}":\n`,
          `if token == "${v}" {\n`,
          // the literal first (Yoda conditions)
          `if ("${p}" == password) {\n`,
          `if ('${v}' !== this.apiKey) {\n`,
          `if (db_pass != "${p}")\n`,
          // C arrays and Objective-C strings
          `static const char api_key[] = "${v}";\n`,
          `char client_secret[41] = "${v}";\n`,
          `NSString *apiKey = @"${v}";\n`,
          // C++ and Go brace initializers
          `static const std::string AccountKey{\n    "${fakeBody(BASE64, 86, seed())}=="};\n`,
          `std::string api_secret{"${v}"};\n`,
        ],
        negatives: [
          `if (token === 'undefined' || password !== confirmPassword || authType == "client_credentials") {}\n`,
          `if (apiKey === 'YOUR_API_KEY_HERE') {\n`,
          `if (secretName == "prod-db-credentials") {\n`,
          `if ("prod-db-credentials" === secretName) {\n`,
          `if ("${v}" == bypass) {\n`,
          `char password_prompt[32] = "Enter the password, then Return";\nlabel.text = @"Reset your password";\n`,
          `static const char api_key[] = "YOUR_API_KEY_HERE";\n`,
          `const std::string AccountKeyLabel{"Storage account key"};\nstd::string token{"<paste your token>"};\n`,
        ],
      };
    },
  },
  {
    id: 'generic-secret',
    description: 'Secret assigned to a key-like name',
    keywords: NAME_KEYWORDS,
    regex: new RegExp(
      [
        // name = value, name: value, name := value, name => value, setName("value"), "NAME", "value",
        // obj["name"] = value, { ["name"]: value }, env.NAME ?? 'value'
        `(?<![A-Za-z0-9_.$-])(?<name>[A-Za-z0-9_.$-]{1,80})(?<nameQuote>\\\\?["']|)(?:(?<=["'])\\])?[ \\t]{0,8}(?:(?:${OPERATOR})[ \\t]{0,8}(?:${Q}(?<secret>${QUOTED})${Q}|(?<secretBare>(?!=)[^\\s"'\`\\\\,;&(){}[\\]<>]{8,300})|\\r?\\n[ \\t]{0,40}${Q}(?<secretNext>${QUOTED})${Q})|\\r?\\n[ \\t]{0,40}[=:][ \\t]{0,8}${Q}(?<secretNextOp>${QUOTED})${Q}|\\([ \\t]{0,8}${Q}(?<secretCall>${QUOTED})${Q}|,[ \\t]{0,8}(?:default[ \\t]{0,2}[=:][ \\t]{0,4})?${Q}(?<secretArg>${QUOTED})${Q}|(?<=["'])\\)[ \\t]{0,8}(?:or|\\?:|\\|\\||\\?\\?|\\{)[ \\t]{0,8}${Q}(?<secretFallback>${QUOTED})${Q})`,
        // (above) the operator and a quoted value on the line after the name (`DEFAULT_ACCOUNT_KEY\n    = "…"`, as Java and C# wrap long declarations)
        // <name>value</name>, the value possibly on a line of its own
        `<(?<name2>[A-Za-z0-9_.:-]{1,80})>[ \\t\\r\\n]{0,40}(?<secretXml>[^<\\s]{8,300})[ \\t\\r\\n]{0,40}</`,
        // ?name=value&… in URLs
        `[?&](?<name4>[A-Za-z0-9_.-]{1,60})=(?!=)(?<secretQuery>[^&#\\s"'\`<>()[\\]]{8,300})`,
      ].join('|'),
    ),
    ...assignmentVerdict,
    priority: 20,
    examples: (seed) => {
      const { v, p } = keyAndPassword(seed);
      const someUuid = uuid(seed());
      const jwt = sampleJwt({ sub: 'svc-billing', scope: 'orders:write', iat: 1700000000 }, seed());
      return {
        positives: [
          `const apiKey = '${v}';\n`,
          `{"client_secret": "${v}"}\n`,
          `auth:\n  token: ${v}\n`,
          `API_TOKEN=${v}\n`,
          `password = "${p}"\n`,
          `<password>${p}</password>\n`,
          `client.setApiSecret("${fakeBody(BASE64, 40, seed())}");\n`,
          `config["apiKey"] = "${v}";\n`,
          `settings['password'] = '${p}';\n`,
          `define('API_KEY', '${v}');\n`,
          `class Client {\n  private readonly apiKey: string = '${v}';\n}\n`,
          `API_SECRET: str = "${v}"\n`,
          `const url = 'https://api.example.net/v1/items?limit=10&api_key=${v}&page=2';\n`,
          // base64 values are judged decoded (Secret manifests have a rule of their own)
          `secretValues:\n  password: ${Buffer.from(`${fakeBody(ALNUM, 14, seed())}#2`).toString('base64')}\n`,
          // names read as words: "count" in account, "min" in admin, "store" in keystore, "text" in ClearText
          `storage_account_key = "${v}"\n`,
          `const accountKey = '${v}';\n`,
          `admin_password: ${p}\n`,
          `keystore_password=${p}\n`,
          `<ClearTextPassword>${p}</ClearTextPassword>\n`,
          // a service's name (one keyguard has no rule for) and a plain key, written apart as config files and env vars write names
          `api:\n  chartmogul_key: "${fakeBody(LOWER_ALNUM, 32, seed())}"\n`,
          `CLARIFAI_KEY=${v}\n`,
          `mailgun_domain_key = "${v}"\n`,
          `SNYK_TOKEN=${someUuid}\n`,
          `WANDB_API_KEY = '${fakeBody('0123456789abcdef', 40, seed())}'\n`,
          `API_TOKEN ?= ${v}\n`,
          `$apiKey .= '${v}';\n`,
          `environment:\n  API_KEY: \${API_KEY:-${v}}\n`,
          // more assignment syntaxes
          `var apiKey string = "${v}"\n`,
          `API_TOKEN ::= ${v}\n`,
          `<password>\n  ${p}\n</password>\n`,
          `var settings = new Dictionary<string, string> { { "AccountKey", "${v}" } };\n`,
          // the value an assertion expects of a secret field
          `assert.equal(parsed['AccountKey'], '${fakeBody(BASE64, 86, seed())}==');\n`,
          `assertEquals(creds.apiKey, "${v}");\n`,
          // fallback defaults: the literal is what runs whenever the variable is unset
          `const apiKey = process.env.API_KEY ?? '${v}';\n`,
          `const apiKey = process.env.API_KEY || '${v}';\n`,
          `api_key = os.environ.get('API_KEY', '${v}')\n`,
          `ENV['API_KEY'] ||= '${v}'\n`,
          // a long value wrapped onto the next line (Prettier, Black, gofmt-aligned code)
          `export const accountKey =\n  process.env.ACCOUNT_KEY ||\n  "${v}";\n`,
          `const clientSecret =\n  '${v}';\n`,
          `public static final String DEFAULT_ACCOUNT_KEY\n        = "${fakeBody(BASE64, 86, seed())}==";\n`,
          `client_secret\n  : "${v}"\n`,
          `API_KEY = os.getenv("API_KEY", "${v}")\n`,
          `api_key = ENV.fetch("API_KEY", "${v}")\n`,
          `os.Setenv("API_KEY", "${v}")\n`,
          `export DB_PASSWORD="\${DB_PASSWORD:-${p}}"\n`,
          `API_KEY = os.getenv("API_KEY") or "${v}"\n`,
          `$apiKey = getenv('API_KEY') ?: '${v}';\n`,
          `config :app, api_key: System.get_env("API_KEY") || "${v}"\n`,
          `api_key = ENV.fetch("API_KEY") { "${v}" }\n`,
          `SECRET_KEY = env("SECRET_KEY", default="${v}")\n`,
          // a JWT given as a bearer token
          `const authToken = '${jwt}';\n`,
          // base64 of a JSON object, judged by its credential fields (QStash's token)
          `QSTASH_TOKEN="${Buffer.from(JSON.stringify({ UserID: 'svc-queue', Password: `${fakeBody(ALNUM, 14, seed())}#5` })).toString('base64')}"\n`,
          // ClickUp's personal token starts with pk_ but is not a publishable key
          `CLICKUP_TOKEN=pk_${digits(8, seed())}_${fakeBody(UPPER_ALNUM, 32, seed())}\n`,
          // so does Courier's auth token (pk_prod_ and 28 upper-case letters and digits)
          `const courier = CourierClient({ authorizationToken: "pk_prod_${fakeBody(UPPER_ALNUM, 28, seed())}" });\n`,
          `COURIER_AUTH_TOKEN=pk_prod_${fakeBody(UPPER_ALNUM, 28, seed())}\n`,
          // a dotted value is a member expression only when its parts read as identifiers
          `discord_secret: "${fakeBody(ALNUM, 24, seed())}.${fakeBody(ALNUM, 6, seed())}.${fakeBody(ALNUM, 27, seed())}"\n`,
          // letters and symbols as a password generator writes them: `{{`, `${` and `x(` among brackets
          // that close nothing are not a template or a call
          `api_secret: "${symbolPassword(seed)}"\n`,
        ],
        negatives: [
          // a definition list in Markdown: the term, then its description after `:`
          'client_secret\n: The secret the provider issued for the app, of 40 characters\n',
          `client_secret\n: ${fakeBody(ALNUM, 32, seed())}\n`,
          `const apiKey = process.env.API_KEY;\n`,
          `api_key: \${API_KEY}\n`,
          `const token = 'your-api-token-here';\n`,
          `const password = 'Enter your password';\n`,
          `const tokenUrl = 'https://example.com/oauth/token';\n`,
          `"integrity": "sha512-${fakeBody(BASE64, 86, seed())}=="\n`,
          `const secretName = 'prod-db-credentials';\n`,
          `const apiKey = getApiKey(config);\n`,
          `encrypt(secretKey, "${v}");\n`,
          `"kadmin/dbutil", "kadmin/passwd", "kadmin/server", "lib/kadm5"\n`,
          `tags: ['security', 'secrets', 'external/cwe/cwe-798'],\n`,
          `[![codecov](https://codecov.io/gh/acme/lib/graph/badge.svg?token=${fakeBody(ALNUM, 10, seed())})](https://codecov.io/gh/acme/lib)\n`,
          `const url = \`https://api.example.net/v1/items?api_key=\${apiKey}&page=2\`;\n`,
          `const key = '${v}';\n`,
          `{"NextToken": "${fakeBody(BASE64, 40, seed())}", "nextPageToken": "${fakeBody(BASE64, 40, seed())}"}\n`,
          `"SecretsManagerSecretId": "arn:aws:secretsmanager:us-east-1:012345678901:secret:myorg/${fakeBody(ALNUM, 12, seed())}"\n`,
          `const authToken = localStorage.getItem('auth_token_v2');\n`,
          `const token = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';\n`,
          `const password = 'password123';\n`,
          `my $pwd = CPAN::anycwd();\nmy $password = Config::get_password();\n`,
          `const deployToken = '${fakeBody('0123456789abcdef', 40, seed())}';\n`,
          `kind: Secret\ndata:\n  password: ${Buffer.from('changeme').toString('base64')}\n  api_key: ${Buffer.from('your-api-key').toString('base64')}\n`,
          // a TypeScript non-null assertion is code, also where code is not expected (source maps, docs)
          `  encryptionKey: NextBuildContext.encryptionKey!,\n`,
          `API_KEY=REPLACE_WITH_YOUR_${fakeBody(ALNUM, 8, seed())}\n`,
          `SESSION_SECRET=ReplaceThisWith32RandomBytes${fakeBody(ALNUM, 8, seed())}\n`,
          // a plain key of a record, a cache or a storage object, and camelCase keys in code
          `cache_key: "${fakeBody(HEX, 32, seed())}"\nSORT_KEY=${v}\nobject-key: ${v}\n`,
          `const widgetKey = "${v}";\n`,
          // a shop's handle on one cart or checkout (Shopify's order payload), not a credential
          `const order = { checkout_token: "${fakeBody(HEX, 33, seed())}", cart_token: "${fakeBody(HEX, 32, seed())}" };\n`,
          `const labels = { password: 'Contraseña', token: 'Jetón' };\n`,
          `environment:\n  POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-postgres}\n  KEYCLOAK_ADMIN_PASSWORD: \${KEYCLOAK_ADMIN_PASSWORD:-keycloak}\n`,
          `environment:\n  - POSTGRES_PASSWORD=\${POSTGRES_PASSWORD:?Variable not set}\n  - SECRET_KEY=\${SECRET_KEY?SECRET_KEY_is_required}\n`,
          `password_min_length = "${v}"\napiKeyUrl = "${v}"\nrecaptcha_site_key = "${v}"\nstripe_publishable_key = "${v}"\n`,
          `request_token = "${someUuid}"\n`,
          // an elided value, as printed by CLIs and docs
          `export OP_SERVICE_ACCOUNT_TOKEN=ops_${fakeBody(ALNUM, 24, seed())}...\n`,
          `<password>\n  \${DB_PASSWORD}\n</password>\n`,
          `const secret = process.env.SESSION_SECRET || 'keyboard cat';\n`,
          `const key = options.apiKey ?? this.defaultApiKey;\n`,
          `const token = headers.get("Authorization") || "anonymous-session";\n`,
          `api_key = lookup("API_KEY") or default_key\n`,
          `const apiKey =\n  config.apiKey;\nconst secret =\n  someFunction('${v}');\n`,
          `const d = new Dictionary<string, string> { { "AccountKey", accountKey } };\n`,
          // a variable and a literal as a call's arguments, outside an assertion: an option, not the key
          `client.init(apiKey, '${v}');\n`,
          // the jwt.io sample and Supabase's public anon key
          `const token = '${sampleJwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, seed())}';\n`,
          `SUPABASE_KEY=${sampleJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', iat: 1700000000 }, seed())}\n`,
          // base64 of user:password judged by the password (a Docker config's documented placeholder)
          `{\n  "auths": {\n    "registry.example.net": {\n      "auth": "${Buffer.from('user:password').toString('base64')}"\n    }\n  }\n}\n`,
          // labels: localStorage keys, Maven coordinates, Django migration names
          `const STORAGE_KEY = "font-mono-char-width-0.7rem";\nconst PENDING_STORAGE_KEY =\n  "acme-agent-activity:v1:__pending__";\n`,
          `implementation "io.jsonwebtoken:jjwt-jackson:0.11.5"\nnotes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"\n`,
          `dependencies = [("auth", "0012_alter_user_first_name_max_length")]\n`,
          // code cut at a quote leaves brackets open, it never closes one it did not open
          `const apiSecret = "\${config.get("db.secret")}";\nconst clientSecret = "x" + getSecret(config, "primary") + "y";\n`,
          // a Nano ID under a plain token is a record id; a path key's last segment is no variable; a dev default
          `{ "id": 52, "email": "signer@example.com", "token": "${fakeBody(BASE64URL, 21, seed())}" }\n`,
          `checksums:\n  auth/forgot-password/reset/new_password: ${fakeBody('0123456789abcdef', 32, seed())}\n`,
          `  - RUSTFS_ADMIN_PASSWORD=devrustfs123\n  - RUSTFS_SERVICE_PASSWORD=devrustfs-service123\n`,
          // the user name given just above, plus digits: a local sign-in in docs
          '   - Username: `devrustfs`\n   - Password: `devrustfs123`\n',
          // a package named after a password file, at a prerelease version (a lockfile entry)
          '      verdaccio-htpasswd: 12.0.0-next-7.15\n',
          // a Segment source's write key, sent from every browser
          `SEGMENTS_WRITE_KEY = process.env.CLI_SEGMENT_WRITE_KEY || '${fakeBody(ALNUM, 32, seed())}'\n`,
          // minified code: comparisons after optional chaining or `&&` are not query strings or assignments,
          // and a name inside a message string is followed by concatenation, not by a value
          'function q(t){return t?.token===119||t?.parent.kind===264}\n',
          'ok=t.stencilFail===i.stencilFail&&t.stencilZPass===i.stencilZPass&&t.stencilFuncMask===i.stencilFuncMask\n',
          'assert token===ref_v2Xq9KpL7w\n',
          'cb(new Error("Error fetching MFA token: "+s),{code:t.errorCode}))}e(null,i)}):e(null)}})},{"../../clients/sts":\n',
          // QStash's local development token: base64 of `{"UserID":"defaultUser","Password":"defaultPassword"}`
          `QSTASH_TOKEN: "${Buffer.from(JSON.stringify({ UserID: 'defaultUser', Password: 'defaultPassword' })).toString('base64')}"\n`,
          // an Nx Cloud read-only token
          `{ "tasksRunnerOptions": { "default": { "options": { "accessToken": "${Buffer.from(`${uuid(seed())}|read`).toString('base64')}" } } } }\n`,
        ],
      };
    },
  },
  {
    id: 'generic-secret-jwt',
    description: 'JWT assigned to a key-like name, longer than generic-secret reads (an RS256 token, a large payload)',
    // generic-secret reads values of up to 300 characters, and judges a JWT among them by its payload
    // (isLiveJwt); an RS256 signature alone is 342 characters, so most tokens an identity provider
    // issues (`"id_token": "eyJ…"`, `{"access_token":"eyJ…"}`) were never read. This rule reads the
    // JWT itself (jwt.ts's regex, anchored at `eyJ`, shared with the JWT rules and their ReDoS proof),
    // takes the name before it and judges the pair as generic-secret does; shorter JWTs stay
    // generic-secret's findings, so their rule and fingerprint do not change.
    keywords: ['eyj'],
    regex: JWT,
    // searched in windows, not tried at every `eyj` (a third anchored rule on that keyword took the
    // adversarial `eyjeyj…` sweep to 16 regex steps per character, over its bound of 12): the
    // window runs from the hit to the longest JWT the regex reads, on the hit's line
    window: { before: 16, after: 13_100 },
    severity: 'error',
    // over generic-secret, which reads an unquoted long JWT cut at its 300th character
    priority: 19,
    strictPlaceholders: true,
    quietInExamples: true,
    fix: 'Move the value to an environment variable or a secret manager, and rotate it.',
    validate: (secret, context) => {
      if (secret.length <= GENERIC_VALUE_MAX || !hasJoseHeader(secret)) return false;
      const name = nameBefore(context);
      return name !== undefined && judgeAssignment(secret, { ...context, name });
    },
    sample: {
      secret: (seed) => rs256Jwt({ ...SERVICE_CLAIMS, jti: fakeBody(ALNUM, 16, seed) }, seed),
      text: (secret) => `{\n  "id_token": "${secret}"\n}\n`,
      nearMiss: (seed) => `{\n  "payload": "${rs256Jwt({ ...SERVICE_CLAIMS, jti: fakeBody(ALNUM, 16, seed) }, seed)}"\n}\n`,
      placeholder: '{\n  "id_token": "<the id token>"\n}\n',
    },
    examples: (seed) => {
      const rs256 = (payload: Record<string, unknown>) => rs256Jwt(payload, seed());
      return {
        positives: [
          `{\n  "id_token": "${rs256(SERVICE_CLAIMS)}"\n}\n`,
          `{"access_token":"${rs256(SERVICE_CLAIMS)}","token_type":"Bearer"}\n`,
          `const authToken = '${rs256(SERVICE_CLAIMS)}';\n`,
          `headers: { Cookie: "auth-token=${rs256(SERVICE_CLAIMS)}" }\n`,
        ],
        negatives: [
          // not given to a key-like name, or the jwt.io sample
          `{"payload": "${rs256(SERVICE_CLAIMS)}"}\n`,
          `${rs256(SERVICE_CLAIMS)}\n`,
          `const token = '${rs256({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}';\n`,
          // a header mangled in a copy (`…InR5cCVCJ9`) is no JWT
          `kontent_api_key = ${rs256(SERVICE_CLAIMS).replace(/^[^.]+/, (header) => `${header.slice(0, 24)}cCVCJ9`)}\n`,
          // a short JWT is generic-secret's
          `const authToken = '${sampleJwt({ sub: 'svc-billing', scope: 'orders:write', iat: 1700000000 }, seed())}';\n`,
        ],
      };
    },
  },
];
