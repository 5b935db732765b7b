/**
 * What the generic rules read, from the misses on detect-secrets' keyword tables (issue 9, h19):
 * generated passwords of letters and symbols, whose brackets do not nest as code's do, and
 * character literals in C-family languages. Each case has a twin that stays quiet (or is
 * reported), so the test fails if a rule stops reporting altogether. Values are assembled at run
 * time.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createScanner, isReference } from '@keyguard/core';
import { readsAsWords } from '../src/rules/values.js';
import { reported } from './sampling.js';

const scanner = createScanner();
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const random = (length: number, alphabet = LOWER) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const rulesOf = (text: string, path: string) => scanner.scan(text, path).findings.map((finding) => finding.ruleId);

/** Letters and symbols as a password generator writes them: `{{`, `${` and `x(` among brackets that close nothing. */
const symbolPassword = () => [random(1), '{{', random(1), '}', random(1), ')', random(1), '${', random(1), ']', random(3), '(', random(3), '[', random(5), '>-_$#', random(7), '}}'].join('');

// Each value below is a draw the scanner reports in a plain assignment (`reported`): about 1 draw in
// 5,000 holds a run like `876543` or `XXXX`, which read as a placeholder, or letters that read as words.
const inCode = (name: string) => (value: string) => `const ${name} = "${value}";\n`;

describe('a generated password of letters and symbols', () => {
  const value = reported(inCode('password'), symbolPassword);

  it.each([
    ['password = "%s"', 'app.conf'],
    ["api_key: '%s'", 'settings.yml'],
    ['const apiSecret = "%s";', 'src/app.js'],
    ['aws_secret_access_key = `%s`', 'main.go'],
  ])('is reported in %s', (line, path) => {
    expect(rulesOf(`${line.replace('%s', value)}\n`, path)).toEqual(['generic-secret']);
  });

  it('is not a template: its brackets close what was never opened', () => {
    expect(isReference(value)).toBe(false);
  });

  it.each([
    ['${DB_PASSWORD}'],
    ['{{ .Values.apiSecret }}'],
    ['{% raw %}'],
    ['%(password)s'],
    ['#{ENV_SECRET}'],
    ['$(cat /run/secrets/db)'],
    // cut at a quote: `"${config.get("db.password")}"` leaves the bracket open
    ['${config.get('],
    ['prefix-${settings[0]}-suffix'],
  ])('templates and substitutions stay references: %s', (template) => {
    expect(isReference(template)).toBe(true);
  });

  it('code cut at a quote stays code: a call, or a template left open', () => {
    expect(rulesOf('const apiSecret = "${config.get("db.secret")}";\n', 'src/app.js')).toEqual([]);
    expect(rulesOf('const clientSecret = "x" + getSecret(config, "primary") + "y";\n', 'src/app.js')).toEqual([]);
    expect(rulesOf(`const text = \`\${'auth='.repeat(40)}auth="\${key}"\`;\n`, 'src/app.js')).toEqual([]);
  });

  it('a random password with a stray bracket before a parenthesis is not a call', () => {
    const pw = [random(1), '@', random(2).toUpperCase(), '7', random(3), ')', random(1), '>8', random(1), '(L', random(2), '^(', random(3), '<', random(1), '='].join('');
    expect(rulesOf(`api_secret: "${pw}"\n`, 'config.yml')).toEqual(['generic-secret']);
  });
});

describe("C-family character literals: '…' is not a string", () => {
  const key = () => [random(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ'), random(8, '23456789'), random(10), random(8, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')].join('');
  const value = reported(inCode('apiKey'), key);

  it.each(['crypto.c', 'Keys.cs', 'AppDelegate.m', 'client.cpp', 'config.h'])('in %s a single-quoted value is a character constant', (path) => {
    expect(rulesOf(`api_key = '${value}';\n`, path)).toEqual([]);
    expect(rulesOf(`api_key = "${value}";\n`, path)).toEqual(['generic-secret']);
  });

  it('in other languages single quotes make a string', () => {
    expect(rulesOf(`api_key = '${value}'\n`, 'settings.py')).toEqual(['generic-secret']);
    expect(rulesOf(`$api_key = '${value}';\n`, 'config.php')).toEqual(['generic-secret']);
  });
});

describe('more of the syntaxes in detect-secrets keyword tables', () => {
  const value = reported(inCode('password'), () => [random(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ'), random(8, '23456789'), '!', random(10)].join(''));

  it.each([
    ['db_pass: "%s"', 'config.yml', 'generic-secret'],
    ['SMTP_PASS=%s', '.env', 'generic-secret'],
    ['if ("%s" == password) {', 'src/login.js', 'generic-secret-comparison'],
    ['if ("%s" !== my_private_key) {', 'src/keys.js', 'generic-secret-comparison'],
    ['char secret[32] = "%s";', 'src/auth.c', 'generic-secret-comparison'],
    ['static const char api_key[] = "%s";', 'src/auth.c', 'generic-secret-comparison'],
    ['NSString *password = @"%s";', 'AppDelegate.m', 'generic-secret-comparison'],
  ])('%s is reported', (line, path, rule) => {
    expect(rulesOf(`${line.replace('%s', value)}\n`, path)).toEqual([rule]);
  });

  it.each([
    ['bypass: "%s"', 'config.yml'],
    ['compass = "%s"', 'settings.py'],
    ['if ("%s" == bypass) {', 'src/login.js'],
    ['char password_hint[32] = "%s";', 'src/auth.c'],
  ])('%s stays quiet', (line, path) => {
    expect(rulesOf(`${line.replace('%s', value)}\n`, path)).toEqual([]);
  });
});

describe("a plain key named after a service keyguard has no rule for (`chartmogul_key`)", () => {
  const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const value = reported(inCode('apiKey'), () => random(32, ALNUM));

  it.each([
    ['chartmogul_key: "%s"', 'config/services.yml'],
    ['CHARTMOGUL_KEY=%s', '.env'],
    ['[DEBUG] chartmogul-key=%s', 'logs/app.log'],
  ])('is reported in %s (%s)', (line, path) => {
    expect(rulesOf(`${line.replace('%s', value)}\n`, path)).toEqual(['generic-secret']);
  });

  it.each([
    // in source code such a constant keys a map, a cache or storage as often as not
    ['export const CHARTMOGUL_KEY = "%s";', 'src/constants.ts'],
    ["FINGERPRINT_KEY = 'acmeContent%sFingerprint/v1'", 'src/report.py'],
    // a record's, a cache's or a storage object's key, and camelCase
    ['cache_key: "%s"', 'config/services.yml'],
    ['SORT_KEY=%s', '.env'],
    ['chartmogulKey: "%s"', 'config/services.yml'],
  ])('is not reported in %s (%s)', (line, path) => {
    expect(rulesOf(`${line.replace('%s', value)}\n`, path)).toEqual([]);
  });
});

/**
 * A key of letters only, in both cases (Bannerbear's v1 keys are 24 such letters; a 32-character
 * base62 key has no digit about 4 times in 1,000). It was silently dropped: random letters that
 * start lower case match the camelCase-identifier pattern, and the rest had no digit. CI failed on
 * it once (a random draw of the `chartmogul_key` case above had no digit). Now letters are an
 * identifier only when they read as words (readsAsWords).
 */
describe('a key of letters only, in both cases', () => {
  const key = ['vgRaUvEU', 'PkLrTJjP', 'eHkjVbcu', 'UTSTNPjS'].join('');
  const pascal = ['JaNBPUcb', 'RSsDtdPx', 'bDxGwbwF', 'uwZtQggp'].join('');

  it.each([
    ['chartmogul_key: "%s"', 'config/services.yml', 'generic-secret'],
    ['CHARTMOGUL_KEY=%s', '.env', 'generic-secret'],
    ['const apiKey = "%s";', 'src/client.js', 'generic-secret'],
    ['password = "%s"', 'app.conf', 'generic-secret'],
  ])('is reported in %s (%s)', (line, path, rule) => {
    expect(rulesOf(`${line.replace('%s', key)}\n`, path)).toEqual([rule]);
    expect(rulesOf(`${line.replace('%s', pascal)}\n`, path)).toEqual([rule]);
  });

  it.each([
    ['isPartOfTypeOnlyImportOrExportDeclaration'],
    ['AddClientIDToOpenIDConnectProvider'],
    ['handleSubmitPasswordReset'],
    ['XMLHttpRequestEventTarget'],
  ])('an identifier a person wrote (%s) stays quiet under the same names', (identifier) => {
    expect(rulesOf(`chartmogul_key: "${identifier}"\n`, 'config/services.yml')).toEqual([]);
    expect(rulesOf(`const apiKey = "${identifier}";\n`, 'src/client.js')).toEqual([]);
    expect(rulesOf(`password = "${identifier}"\n`, 'app.conf')).toEqual([]);
  });

  it('random letters of both cases read as words about once in 1,000 at 32 characters; identifiers do', () => {
    const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let asWords = 0;
    for (let i = 0; i < 20_000; i++) if (readsAsWords(random(32, LETTERS))) asWords++;
    // expected about 20 (measured 0.13% on 200,000 draws); 100 would be five times that
    expect(asWords).toBeLessThan(100);
    for (const identifier of ['getOwnPropertyDescriptors', 'dangerouslySetInnerHTML', 'useAuthenticationContext', 'encodeURIComponent', 'SnowflakeBufferingSizeInMBs', '__appConfig', 'NextBuildContext']) {
      expect(readsAsWords(identifier), identifier).toBe(true);
    }
  });
});
