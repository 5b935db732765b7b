import { nodeCrypto } from './node-crypto.js';
/**
 * Values that look like keys but are not: placeholders from docs and templates, references
 * to environment variables or secret managers, and documented example keys.
 */

const MARKERS = [
  'example',
  'placeholder',
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'redacted',
  'xxxx',
  'xxx-xxx',
  '****',
  '••••',
  '....',
  'your_',
  'your-',
  'yourapi',
  'yourkey',
  'yoursecret',
  'yourtoken',
  // SQL Server's documented sample password `yourStrong(!)Password` and its variants
  'yourstrong',
  'yourweak',
  'yourpass',
  'your api',
  'insert_',
  'insert-',
  'replace_me',
  'replace-me',
  'replaceme',
  // `REPLACE_WITH_YOUR_KEY`, `ReplaceThisWith32RandomBytes` (.env.example fillers)
  'replace_with',
  'replace-with',
  'replacewith',
  'replace_this',
  'replace-this',
  'replacethis',
  'put_your',
  'notreal',
  'not_real',
  'not-real',
  'not-a-real',
  'lorem',
  'ipsum',
  'qwerty',
  'abcdef',
  'abcd1234',
  'abc123',
  '123456',
  '0000000',
  'deadbeef',
  'cafebabe',
  'secretkey',
  'secret_key_here',
  'foobar',
];

// `valid` also covers `invalid` (`fbk_validKey`, `invalid-signature-token`)
const TEST_MARKERS = ['test', 'dummy', 'fake', 'sample', 'mock', 'fixture', 'demo', 'valid'];

/**
 * Metasyntactic words: a value made of two or more of them and separators only (`foo@bar`,
 * `foo:bar`, `hello-world`) is a test fixture, as in URL parser tests
 * (`http://user:foo%40bar@host`). Not with a digit or another character: `Hello2024!` and
 * `fred1985#` are the passwords people really choose. Only with the test markers, that is for the
 * context rules (a password slot, a key-like name).
 */
const TOY_WORDS = new Set(['foo', 'bar', 'baz', 'qux', 'quux', 'corge', 'grault', 'garply', 'waldo', 'fred', 'plugh', 'xyzzy', 'thud', 'hello', 'world']);

function isToyValue(lower: string): boolean {
  if (!/^[a-z]+(?:[@:._\-+/][a-z]+)+$/.test(lower)) return false;
  return lower.split(/[@:._\-+/]/).every((word) => TOY_WORDS.has(word));
}

/** Lower case for ASCII letters only: the same length as the value, so indexes line up. */
function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** The part after `AIza` of the API keys in Google's Firebase SDK tests (written apart, so this file holds no key). */
const FIREBASE_SDK_TEST_KEYS = [
  'SyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'SyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'SyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'SyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'yDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'SyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'SyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'SyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'SyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'SyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'SyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'SyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'SyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'SyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'SyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
];

/** Keys published in vendors' documentation and RFCs as examples. */
const DOCUMENTED_EXAMPLES = new Set([
  ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''),
  ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/'),
  // the test key in Stripe's API reference, and the token in GitHub's REST API docs
  ['sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''),
  ['gh', 'p_', '16C7e42F292c6912E7710c838347Ae178B4a'].join(''),
  // RFC 6749 (OAuth 2.0) examples: client s6BhdRkqt3:gX1fBat3bV, access and refresh tokens
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  // RFC 5849 (OAuth 1.0) examples: client, temporary and token shared-secrets
  ['kd94hf93', 'k423kf44'].join(''),
  ['hdhd0244', 'k9j7ao03'].join(''),
  ['pfkkdhi9', 'sl3r4s00'].join(''),
  // X/Twitter's "Creating a signature" example: consumer secret and OAuth token secret
  ['kAcSOqF21Fu85e7zjz7ZN2U4ZR', 'hfV3WpwPAoE3Z7kBw'].join(''),
  ['LswwdoUaIvS8ltyTt5jkRh4', 'J50vUPVVHtR2YPi5kE'].join(''),
  // the verification token of every example payload in Slack's Events API docs
  ['Jhj5dZrV', 'aK7ZwHHjRyZWjbDl'].join(''),
  // the password of MongoDB's connection-string examples (`myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com`)
  ['D1fficult', 'P@ssw0rd'].join(''),
  // the account key of Azurite and the Azure Storage Emulator (devstoreaccount1), the same for everyone
  ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', 'K1SZFPTOtr', 'KBHBeksoGMGw=='].join('/'),
  // the Firebase API keys of Google's own SDK tests (firebase-js-sdk's and firebase-android-sdk's
  // API-key format checks and app set-ups, and FlutterFire's): the same for everyone who copies those
  // tests, not the user's key to rotate, and a Firebase key names a project rather than granting access
  ...FIREBASE_SDK_TEST_KEYS.map((rest) => `AIza${rest}`),
]);

export interface PlaceholderOptions {
  /** Also count test markers (`test`, `dummy`, `fake`, …) as placeholders. */
  testMarkers?: boolean;
  /** Only the placeholder words, not the repeated or sequential character shapes. */
  markersOnly?: boolean;
}

/** True for values that stand in for a key rather than being one. */
export function isPlaceholder(value: string, options: PlaceholderOptions = {}): boolean {
  return placeholderText(value, options) || (options.markersOnly !== true && isPublishedTestVector(value, options));
}

function placeholderText(value: string, options: PlaceholderOptions): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  if (isReference(value)) return true;
  // markers are ASCII: lower-casing only ASCII keeps each index of `lower` on the same character
  // of `value` ('İ'.toLowerCase() is two characters)
  const lower = asciiLower(value);
  for (const marker of MARKERS) if (containsMarker(value, lower, marker)) return true;
  if (options.testMarkers) {
    for (const marker of TEST_MARKERS) if (containsMarker(value, lower, marker)) return true;
    if (isToyValue(lower)) return true;
  }
  if (/^<[^>]*>$|^\[[^\]]*\]$|^\([^)]*\)$/.test(value)) return true;
  // an elided value in docs and CLI output: `ops_eyJzaWdu...`, `sk-proj-abc…`
  if (/(?:\.\.\.|…)$/.test(value)) return true;
  if (options.markersOnly) return false;
  if (hasRun(value, 6) || isSequential(value) || isStepwise(value)) return true;
  if (value.length >= 24 && hasStepwisePart(value)) return true;
  if (value.length >= 8 && atMostDistinct(value, 3)) return true;
  if (isPeriodic(value)) return true;
  return false;
}

/**
 * A value that is a shorter string repeated three times or more, the last copy possibly cut
 * (`A1b2credential=A1b2credential=A1b2cred…`, `Ab12Ab12Ab12`): text repeated to fill a line, not a
 * key. No provider issues a periodic key, and the random part of a real one does not repeat. From
 * 12 characters. In the scanner it runs before a rule's validator (it decides alone, and costs one
 * `indexOf` on a random value): a run of a keyword and a short value (`credential=A1b2` repeated,
 * 300-character bare values) was a finding every 300 characters, each validated in full, up to
 * the findings cap.
 */
export function isPeriodic(value: string): boolean {
  const n = value.length;
  if (n < 12) return false;
  // a period p (value[i] === value[i + p] for every i) puts the first 4 characters again at p
  const head = value.slice(0, 4);
  for (let p = value.indexOf(head, 1); p !== -1 && 3 * p <= n; p = value.indexOf(head, p + 1)) {
    if (value.startsWith(value.slice(p))) return true;
  }
  return false;
}

/**
 * Published test vectors, recognised by what they encode rather than listed one by one: the
 * RFC 4226 / RFC 6238 HOTP and TOTP secret `12345678901234567890` in base32
 * (`GEZDGNBVGY3TQOJQ…`), hex or base64, and Google Authenticator's documented `JBSWY3DPEHPK3PXP`
 * (`Hello!` + 0xDEADBEEF). The value's bytes, decoded, are a placeholder of their own: counting
 * digits, a marker word, or filler bytes such as DEADBEEF. A random key decodes to random bytes.
 */
function isPublishedTestVector(value: string, options: PlaceholderOptions): boolean {
  if (value.length < 16 || value.length > 200) return false;
  if (isDevChainKey(value)) return true;
  for (const bytes of decodings(value)) {
    const hex = bytes.toString('hex');
    if (/deadbeef|cafebabe|feedface/.test(hex)) return true;
    const text = bytes.toString('latin1');
    if (/^[\x20-\x7e]{8,}$/.test(text) && placeholderText(text, options)) return true;
  }
  return false;
}

/**
 * The private keys of the ten accounts Hardhat and Anvil (Foundry) fund on every local chain,
 * derived from the published mnemonic `test test … junk` and printed by `npx hardhat node` and
 * `anvil` at start: the same for everyone, used in tests and local scripts. Held as the first 16
 * hex digits of the SHA-256 of the key's lower-case hex, so this file holds no key.
 */
const DEV_CHAIN_KEY_DIGESTS = new Set([
  'bc1a50966c9e6486', '8335c55334821eef', 'b26ab6529d20ebeb', '64034b44c579b335', '4d3e46eec8244d1d',
  '0aedba9d586f34f9', '28e543d3753fc9d1', 'f070994a85994785', '38e69fdd19aefeb4', '967f21586cdf1248',
]);

function isDevChainKey(value: string): boolean {
  const hex = /^(?:0x)?([0-9a-fA-F]{64})$/.exec(value)?.[1];
  if (hex === undefined) return false;
  return DEV_CHAIN_KEY_DIGESTS.has(nodeCrypto().createHash('sha256').update(hex.toLowerCase()).digest('hex').slice(0, 16));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The value read as base32 (RFC 4648, upper case), hex and base64, where its alphabet allows. */
function decodings(value: string): Buffer[] {
  const out: Buffer[] = [];
  if (/^[A-Z2-7]+=*$/.test(value)) {
    const bytes: number[] = [];
    let bits = 0;
    let acc = 0;
    for (const ch of value.replace(/=+$/, '')) {
      acc = (acc << 5) | BASE32.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((acc >>> bits) & 0xff);
      }
    }
    out.push(Buffer.from(bytes));
  }
  if (/^(?:[0-9a-f]{2})+$|^(?:[0-9A-F]{2})+$/.test(value)) out.push(Buffer.from(value, 'hex'));
  if (value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) out.push(Buffer.from(value, 'base64'));
  return out;
}

/**
 * Below this length a marker is matched only as written by a person: all lower case, all upper
 * case or capitalised (`xxxx`, `XXXX`, `Test`). A random key body holds a short marker in mixed
 * case far more often than a person writes one: `ghp_` + 36 random characters contained `xXxX`,
 * `iPsUm` or a mixed-case run like `gFEdCb` about 3 times in 100,000 (1M random tokens), and those
 * real-looking keys were dropped as placeholders. Longer markers stay case-insensitive
 * (`ChangeMe`, `YourApiKey`), where chance cannot produce them.
 */
const CASE_INSENSITIVE_FROM = 6;

function containsMarker(value: string, lower: string, marker: string): boolean {
  if (marker.length >= CASE_INSENSITIVE_FROM) return lower.includes(marker);
  let from = lower.indexOf(marker);
  while (from !== -1) {
    const written = value.slice(from, from + marker.length);
    const rest = written.slice(1);
    if (rest === rest.toLowerCase() || written === written.toUpperCase()) return true;
    from = lower.indexOf(marker, from + 1);
  }
  return false;
}

/** Environment, template and secret-manager references: the key lives elsewhere. */
export function isReference(value: string): boolean {
  if (/^\$|<%|process\.env|import\.meta\.env|os\.environ|getenv|System\.getenv|\bENV\[|secrets\.|^env\(|^vault:|^ssm:|^arn:aws|^op:\/\/|^sm:\/\/|^secret:\/\/|^\{env:/i.test(value)) return true;
  // a template or substitution (`${…}`, `{{…}}`, `{%…`, `%(…)`, `#{…}`, `$(…)`) whose brackets nest
  // as an expression's do, after none that closes nothing; a generated password with symbols
  // (`m{{h}o)p${e]nob(…`) is not one
  const marker = /\$\{|\{\{|\{%|%\(|#\{|\$\(/g;
  for (let m = marker.exec(value); m !== null; m = marker.exec(value)) {
    const bracket = m.index + (m[0].startsWith('{') ? 0 : 1);
    if (nestsFrom(value, bracket) && !strayCloserBefore(value, m.index)) return true;
  }
  return false;
}

const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** A `)`, `]` or `}` before `end` that closes nothing or another kind of bracket (`u@D7GXt)t>8d(`). */
export function strayCloserBefore(value: string, end: number): boolean {
  const open: string[] = [];
  for (let i = 0; i < end; i++) {
    const ch = value.charAt(i);
    if (ch === '(' || ch === '[' || ch === '{') open.push(ch);
    else if ((ch === ')' || ch === ']' || ch === '}') && open.pop() !== OPENER_OF[ch]) return true;
  }
  return false;
}

/**
 * Whether the bracket at `at` is closed with its inner brackets nested (`${a[0]}`, `fn(x)`), or
 * left open by the end of the value (a value cut at a quote: `${fn(`), rather than met by a
 * closer of another kind first (`${e]nob(`, `{{h}o)`): code and templates nest, random symbols
 * do not.
 */
export function nestsFrom(value: string, at: number): boolean {
  const open: string[] = [];
  for (let i = at; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === '(' || ch === '[' || ch === '{') open.push(ch);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (open.pop() !== OPENER_OF[ch]) return false;
      if (open.length === 0) return true;
    }
  }
  return true;
}

function hasRun(value: string, length: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/**
 * A run of 6+ characters that climb or fall by one (abcdef, ABCDEF, 987654), compared as written:
 * a mixed-case run (`gFEdCb`) is what chance produces in a random key, not what a person types.
 */
function isSequential(value: string): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= 6 || down >= 6) return true;
  }
  return false;
}

/**
 * Typed counting, interrupted: `abc123def456ghi789`, `aBcDeFgHiJ…`, where half the steps or more go
 * up by one (case ignored), or interleaved (`a1B2c3D4e5F6…`: two counts, each up by one every
 * second character). In a random key about 1 step in 30 does; runs of 6 are isSequential's.
 */
function isStepwise(value: string): boolean {
  if (value.length < 12) return false;
  const lower = asciiLower(value);
  let steps = 0;
  let interleaved = 0;
  for (let i = 1; i < lower.length; i++) {
    if (lower.charCodeAt(i) - lower.charCodeAt(i - 1) === 1) steps++;
    if (i >= 2 && lower.charCodeAt(i) - lower.charCodeAt(i - 2) === 1) interleaved++;
  }
  return steps * 2 >= lower.length - 1 || interleaved * 2 >= lower.length - 2;
}

/**
 * Whether the value holds at most `limit` distinct characters (code points, as a Set of the
 * string counts them). Stops at the first one over: a key is told apart in a few characters,
 * where a Set of every character was most of the placeholder check on dense candidates.
 */
function atMostDistinct(value: string, limit: number): boolean {
  const seen: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (seen.includes(c)) continue;
    if (seen.length === limit) return false;
    seen.push(c);
  }
  return true;
}

/**
 * Typed counting after a prefix (`sk_a_b-c_d5_def456ghi789jkl012…`): a run of 12+ letters and
 * digits between separators that isStepwise reads as counting. A loop, not `split(/regex/)`, which
 * runs a sticky regex at every character.
 */
function hasStepwisePart(value: string): boolean {
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 0;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
    if (i - start >= 12 && i - start < value.length && isStepwise(value.slice(start, i))) return true;
    start = i + 1;
  }
  return false;
}
