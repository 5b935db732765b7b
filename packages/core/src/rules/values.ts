import { shannonEntropy } from '../entropy.js';
import { isPlaceholder, isReference, nestsFrom, strayCloserBefore } from '../placeholder.js';
import { bip39English } from '../wordlists/bip39-english.js';

const CODE_EXTENSIONS = new Set(
  'js jsx ts tsx mjs cjs mts cts py go rb java kt kts scala cs php rs swift c cc cpp h hpp m mm vue svelte astro dart lua groovy pl pm ex exs erl clj hs ml fs r jl'.split(
    ' ',
  ),
);

/**
 * Remembers a fact about the scanned file's path or text for the next call with the same one:
 * validators ask about them for each candidate, and every candidate of a text shares them, so a
 * text pays for the fact once, not once per candidate (a string of hits, one candidate every 16
 * characters, asked each path fact ~60,000 times per MB; a fact about the whole text, asked per
 * candidate, made the work quadratic in the text). It keeps the last argument alive until the
 * next call with another.
 */
export function memoLast<T>(fact: (value: string) => T): (value: string) => T {
  let last: string | undefined;
  let answer: T;
  return (value) => {
    // an equal string that is another object is compared once, then becomes the one kept
    if (value !== last) answer = fact(value);
    last = value;
    return answer;
  };
}

/** Source code, where an unquoted value is an identifier or an expression, never a literal. */
export const isCodePath = memoLast((path) => {
  const dot = path.lastIndexOf('.');
  if (dot === -1 || dot < path.lastIndexOf('/')) return false;
  return CODE_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
});

/**
 * Test code: `*.test.*`, `*.spec.*`, `*.e2e.*`, `*.cy.*` files, `test_*.py` / `*_test.go|py`, and
 * files under `__tests__/`, `__mocks__/`, `test/`, `tests/`, `e2e/`, `cypress/`, `playwright/`.
 */
const TEST_PATH = /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|cypress|playwright)\/|\.(?:test|spec|e2e|cy)\.[a-z0-9]+$|(?:^|\/)test_[^/]*\.py$|_test\.(?:go|py)$/i;

export const isTestPath = memoLast((path) => TEST_PATH.test(path.replace(/\\/g, '/')));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID: an identifier, unless the name it is given to says it is a key (see isUuidSecretName). */
export function isUuid(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}

/** A value that names or computes something rather than being a secret. */
export function isNonSecretShape(value: string): boolean {
  if (isReference(value)) return true;
  if (/\s/.test(value)) return true; // prose, i18n strings, CSS class lists
  // prose in a script written without spaces (a Japanese or Chinese UI string: `パスワードによる…`); a
  // generated key is ASCII, and a password of such letters is a sentence, not a secret
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(value)) return true;
  if (/^(?:sha(?:1|256|384|512)|md5)-/i.test(value)) return true; // lockfile integrity hashes
  if (/^data:/i.test(value)) return true;
  if (/^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-|-----BEGIN (?:PUBLIC|CERTIFICATE))/.test(value)) return true;
  if (isUuid(value)) return true;
  if (/^(?:https?|wss?|ftp|file):\/\/[^@]*$/i.test(value)) return true; // URL without credentials
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return true; // path
  if (/^[A-Za-z_.-]+(?:\/[A-Za-z_.-]+)+$/.test(value)) return true; // path of words
  if (/\.(?:json|pem|key|crt|cer|p12|pfx|txt|ya?ml|js|ts|env|html|png|svg|jpg|md)$/i.test(value)) return true;
  // member expression, also with TypeScript's non-null assertions (`NextBuildContext.encryptionKey!`);
  // not a random dotted token (`s.<24 random>` Vault tokens, three-part Discord tokens)
  if (/^[A-Za-z_$][\w$]*!?(?:\??\.[A-Za-z_$][\w$]*!?)+$/.test(value) && !hasGeneratedPart(value)) return true;
  if (isCall(value)) return true;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/.test(value)) return true; // kebab/snake words
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true; // an env var name
  // camelCase identifier, also `__appConfig`; not random letters, which match the pattern as often as not
  if (/^[_$]*[a-z]+(?:[A-Z][a-z]*)+$/.test(value) && readsAsWords(value)) return true;
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]+)?$/.test(value)) return true; // version, also `12.0.0-next-7.15`
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return true; // date
  if (/^#?[0-9a-f]{3,8}$/i.test(value) && value.length <= 9) return true; // colour
  if (/^\d+$/.test(value)) return true;
  return false;
}

/**
 * A call in the value (`getKey(config)`, `fn(` cut at a quote), its brackets nested as code's are
 * and none closing nothing before it; not `nob(ody[…}` or `t)t>8d(` among random symbols.
 */
function isCall(value: string): boolean {
  const call = /[A-Za-z_$][\w$]*\(/g;
  for (let m = call.exec(value); m !== null; m = call.exec(value)) {
    if (nestsFrom(value, call.lastIndex - 1) && !strayCloserBefore(value, m.index)) return true;
  }
  return false;
}

/**
 * A value that names its own kind (`fbk_validApiKeySecret123`, `oauth2_access_token_123`,
 * `Bearer fbk_validBearerKey123`, `super-secret`, `bedrock-api-key-1234`): a fixture or a
 * description of what goes there, not a key. A random key spells one of these words about once
 * in 100,000.
 */
export function namesItsKind(value: string): boolean {
  if (isAlphanumeric(value)) return KIND_WORDS.test(value);
  // a kind word in the value is one in its letters too (they keep every run of letters), so the
  // letters alone are asked: one regex run fewer per candidate
  return KIND_WORDS.test(lettersOf(value, SYMBOL_LETTERS)) || FAKE_PHRASE.test(lettersOf(value, LEET_LETTERS));
}

/**
 * A password that names its kind as a description or a sample does (`mypassword`, `secret123`,
 * `super-secret`, `my_secret_pw`), for slots that can only hold a password (a URL's userinfo, a
 * connection string): not one written to a password policy, upper and lower case with a digit or a
 * symbol (`mySecret2024`, `Prod-Secret9`), which is how people make the passwords systems accept. The
 * policy-shaped kind word alone (`P@ssw0rd!`, `Secret123!`) is a sample still: the callers list it.
 */
export function namesItsKindAsPassword(value: string): boolean {
  return namesItsKind(value) && !(hasLower(value) && hasUpper(value) && /[^A-Za-z]/.test(value));
}

function hasLower(value: string): boolean {
  return /[a-z]/.test(value);
}

function hasUpper(value: string): boolean {
  return /[A-Z]/.test(value);
}

function isAlphanumeric(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (charClass(value.charCodeAt(i)) === 3) return false;
  return true;
}

const KIND_WORDS = /passw|secret|token|api[-_]?key|bearer/i;

/**
 * A kind word spelled in leetspeak inside the value (`akab-acc35t0k3n…`, `C113nt53KR3T…`: the sample
 * EdgeGrid credentials of Akamai's docs): a person wrote what goes there, which a generated key
 * does about once in a million. Only spellings with a digit or symbol count (the plain words are
 * `namesItsKind`'s). Not for passwords, which people do write in leetspeak (`s3cr3tP4ss`): the
 * caller asks only for values given to key and token names.
 */
export function spellsItsKindInLeet(value: string): boolean {
  for (const m of value.matchAll(LEET_KIND)) if (/[^A-Za-z]/.test(m[0])) return true;
  return false;
}

const LEET_KIND = /[t7][o0]k[e3]n|[s5$][e3][ck]r[e3][t7]|[a4@]cc[e3][s5$]{2}|c[l1][i1][e3]n[t7]|p[a4@][s5$]{2}w[o0]rd/gi;
/** Symbols written for letters: `p@ss#word` (URL-encoded `p%40ss%23word`) spells password. */
const SYMBOL_LETTERS: Record<string, string> = { '@': 'a', $: 's' };
/** Digits too (`THis~iS4faKe.53CreTvALu3`), read only for phrases that say the value is made up. */
const LEET_LETTERS: Record<string, string> = { ...SYMBOL_LETTERS, '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
/**
 * "this is a…", "fake secret", "not a real…": a sentence about the value, in leetspeak. Digits are
 * not read for the kind words alone: `s3cr3tP4ss` is a password people choose, not a description.
 */
const FAKE_PHRASE = /thisis|fake(?:secret|key|token|value|pass)|notareal|dummy(?:secret|key|token|value|pass)/i;

/**
 * A value of letters and leetspeak digits read as letters (`p0stgr3s` is `postgres`, `r00t` is
 * `root`), or undefined when it holds anything else (a symbol, another digit) or no leetspeak.
 */
export function leetAsLetters(value: string): string | undefined {
  if (!/^[A-Za-z0-9@$]+$/.test(value) || !/[0-9@$]/.test(value) || /[2689]/.test(value)) return undefined;
  return lettersOf(value, LEET_LETTERS);
}

/** The letters of a value, with `map`'s characters read as letters and everything else dropped. */
function lettersOf(value: string, map: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) out += value.charAt(i);
    else if (code < 128) {
      // the map's keys are ASCII symbols and digits; anything else (and a surrogate half) is dropped
      const letter = map[value.charAt(i)];
      if (letter !== undefined) out += letter;
    }
  }
  return out;
}

/** 0 lower case, 1 upper case, 2 digit, 3 anything else. */
function charClass(code: number): number {
  if (code >= 97 && code <= 122) return 0;
  if (code >= 65 && code <= 90) return 1;
  return code >= 48 && code <= 57 ? 2 : 3;
}

/**
 * A part of a dotted value that reads as generated rather than written (`s.<24 random>` Vault
 * tokens, three-part Discord tokens): it switches between lower case, upper case and digits at
 * almost every other character, or puts digits inside letters three times (`C9E`, `f4M`, `o34Q`).
 * A name a person writes switches at word starts only (`NextBuildContext`: 5 in 15; `oauth2Client`
 * has one digit place). Parts under ten characters are not read. A random part of 12 letters and
 * digits or more reads as generated about 92 times in 100, of 24 about 95.
 */
function hasGeneratedPart(value: string): boolean {
  for (const part of value.split('.')) {
    const chars = part.replace(/[^A-Za-z0-9]/g, '');
    if (chars.length < 10) continue;
    let switches = 0;
    for (let i = 1; i < chars.length; i++) if (charClass(chars.charCodeAt(i)) !== charClass(chars.charCodeAt(i - 1))) switches++;
    if (switches / (chars.length - 1) >= 0.45 || (chars.match(/[A-Za-z]\d+(?=[A-Za-z])/g)?.length ?? 0) >= 3) return true;
  }
  return false;
}

/**
 * Lower-case words, versions and small numbers joined by separators (`oauth:user_1:client_1`,
 * `langfuse-agent-activity:v1:__pending__`, `font-width-0.7rem`, `jjwt-jackson:0.11.5`,
 * `0012_alter_user_first_name`): a label, a storage key or a package coordinate a person wrote,
 * not a generated key. Two words at least; a piece with digits inside letters is not a word.
 */
function isWordLabel(value: string): boolean {
  if (!/^[a-z0-9:._\-/]+$/.test(value)) return false;
  let words = 0;
  for (const piece of value.split(/[:._\-/]+/)) {
    if (/^[a-z]{2,20}\d{0,3}$/.test(piece)) words++;
    else if (!/^(?:v?\d{1,4}(?:[a-z]{1,3})?)?$/.test(piece)) return false;
  }
  return words >= 2;
}

/** The pairs of lower-case letters inside the BIP-39 English words (388 of the 676), built on first use. */
let englishPairs: Uint8Array | undefined;

function englishPairTable(): Uint8Array {
  if (englishPairs !== undefined) return englishPairs;
  const table = new Uint8Array(26 * 26);
  for (const word of bip39English) for (let i = 1; i < word.length; i++) table[(word.charCodeAt(i - 1) - 97) * 26 + word.charCodeAt(i) - 97] = 1;
  return (englishPairs = table);
}

/**
 * Whether ASCII letters read as words joined in camelCase or PascalCase (`isInOrInstanceOfOperator`,
 * `AddClientIDToOpenIDConnectProvider`) rather than as random letters (`vgRaUvEUPkLrTJjPeHkjVbcu…`):
 * at least 55 in 100 of the adjacent pairs fall inside one word (a letter then a lower-case letter)
 * and are a pair English words have. Random letters of both cases have half as many pairs inside a
 * word, and four in ten of those are pairs English does not use (`jj`, `xq`).
 * Measured: 99.85% of 196,775 mixed-case identifiers of 12 letters or more in 262 MB of npm package
 * sources read as words (most of the rest are base64 runs of letters); random letters of both cases
 * read as words about 7 times in 1,000 at 24 characters and 1 in 1,000 at 32.
 */
export function readsAsWords(value: string): boolean {
  const table = englishPairTable();
  let inWords = 0;
  for (let i = 1; i < value.length; i++) {
    const next = value.charCodeAt(i);
    if (next < 97 || next > 122) continue;
    const prev = value.charCodeAt(i - 1) | 32;
    if (prev >= 97 && prev <= 122 && table[(prev - 97) * 26 + next - 97] === 1) inWords++;
  }
  return inWords >= 0.55 * (value.length - 1);
}

/**
 * camelCase words with a number or a numeronym inside one of them (`i18nextLogtoUiLng`, an
 * i18next storage key; `m2mAuthorizationHeader`, `oauth2Client`, `base64Image`): an identifier a
 * person wrote. isNonSecretShape's camelCase test takes letters only; this one lets one or two
 * runs of up to three digits stand inside or after a word, and asks for what a random string
 * rarely has: every upper-case letter starts a word of lower-case letters, every word of four
 * letters or more has a vowel, and two of them run four lower-case letters or more. A random
 * string of letters and digits passes about 3 times in 10,000 at 16 characters, 1 in 100,000 at
 * 32. Keys and tokens only: a password is a person's choice, and `monkey123Banana` is one.
 */
const WRITTEN_IDENTIFIER = /^[a-z]+(?:\d{1,3}[a-z]*)?(?:[A-Z][a-z]+(?:\d{1,3}[a-z]*)?)+$/;

function isWrittenIdentifier(value: string): boolean {
  if (value.length > 64 || !WRITTEN_IDENTIFIER.test(value)) return false;
  const digitRuns = value.match(/\d+/g)?.length ?? 0;
  if (digitRuns === 0 || digitRuns > 2 || (value.match(/[a-z]{4,}/g)?.length ?? 0) < 2) return false;
  return value.split(/(?=[A-Z])/).every((word) => word.length <= 3 || /[aeiouy]/i.test(word));
}

/**
 * A JWT's header alone (`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`, no payload or signature): it
 * names an algorithm, it grants nothing.
 */
const JOSE_HEADER_FIELDS = new Set(['alg', 'typ', 'kid', 'cty', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'enc', 'zip']);

export function isJwtHeaderOnly(value: string): boolean {
  if (!value.startsWith('eyJ') || !/^[A-Za-z0-9_-]+={0,2}$/.test(value) || value.length > 400) return false;
  try {
    const header = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return false;
    const keys = Object.keys(header);
    return keys.includes('alg') && keys.every((key) => JOSE_HEADER_FIELDS.has(key));
  } catch {
    return false;
  }
}

export function charClasses(value: string): number {
  return (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/\d/.test(value) ? 1 : 0) + (/[^A-Za-z0-9]/.test(value) ? 1 : 0);
}

/**
 * A value that looks machine-generated: long, varied, not a placeholder, a reference or a
 * shape that names something (identifiers, paths, URLs, UUIDs, hashes…).
 */
export function looksLikeSecret(value: string, minLength = 16, minEntropy = 3.3): boolean {
  if (value.length < minLength) return false;
  if (isNonSecretShape(value)) return false;
  if (isPlaceholder(value, { testMarkers: true })) return false;
  if (isWordLabel(value) || isJwtHeaderOnly(value) || isWrittenIdentifier(value)) return false;
  if (shannonEntropy(value) < minEntropy) return false;
  const hasDigit = /\d/.test(value);
  const hasLetter = /[A-Za-z]/.test(value);
  if (hasDigit && hasLetter) return true;
  if (value.length < 24 || shannonEntropy(value) < 4) return false;
  // letters only, in both cases, that do not read as words: a generated key without a digit (a
  // 32-character base62 key has none about 4 times in 1,000)
  if (/^[A-Za-z]+$/.test(value)) return /[a-z]/.test(value) && /[A-Z]/.test(value) && !readsAsWords(value);
  // letters and many kinds of symbols, with no digit (a generated password of letters and symbols):
  // five or more symbols that are not a path's, a URL's, a word's or base64's separators
  return charClasses(value) >= 3 || (hasLetter && new Set(value.replace(/[A-Za-z0-9\-_./:@+=,\s]/g, '')).size >= 5);
}

/** A password: shorter and less random than a key, but not a word, a reference or a placeholder. */
export function looksLikePassword(value: string): boolean {
  if (value.length < 8) return false;
  if (isNonSecretShape(value)) return false;
  if (isPlaceholder(value, { testMarkers: true })) return false;
  if (/^(?:password|passw0rd|p@ssw0rd|p@ssword|admin|root|secret|postgres|mysql|guest|letmein|welcome)\d*!?$/i.test(value)) return false;
  const entropy = shannonEntropy(value);
  if (entropy < 2.8) return false;
  if (/^\p{L}+$/u.test(value)) {
    // letters only: credible when long, mixed-case and random-looking, not words in PascalCase
    // (`AddClientIDToOpenIDConnectProvider`); not a word of another language either (`Contraseña`,
    // `Passwort`: labels of a password field)
    if (/[^A-Za-z]/.test(value)) return false;
    return value.length >= 12 && entropy >= 3.5 && /[a-z]/.test(value) && /[A-Z]/.test(value) && !readsAsWords(value);
  }
  return charClasses(value) >= 2 && /[A-Za-z]/.test(value) && /[^A-Za-z]/.test(value);
}
