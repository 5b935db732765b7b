import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, defaultConfig, parseConfig, rules } from '@keyguard/core';
import { checkConfigRegexes, regexHazard } from '@keyguard/core/regex-safety';

const shipped = JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8')) as unknown;
const validate = new Ajv({ allErrors: true, strict: false }).compile(shipped as object);

const good: unknown[] = [
  {},
  { disabledRules: ['generic-secret'], includePublicKeys: true },
  {
    customRules: [{ id: 'acme-token', description: 'Acme token', regex: 'acme_([a-z0-9]{24})', keywords: ['acme_'], severity: 'warning' }],
    allow: { paths: ['fixtures/**'], values: ['^sk_test_'], fingerprints: ['0123456789abcdef0123456789abcdef'] },
    envFiles: { block: ['**/.env'], allow: ['**/.env.example'] },
    maxFileSize: 2048,
    inlineIgnores: false,
  },
];

const bad: [unknown, string][] = [
  [[], 'keyguard.config.json: the configuration must be a JSON object, got an array'],
  [{ rulez: [] }, 'keyguard.config.json: unknown option "rulez"'],
  [{ disabledRules: 'github-pat' }, '"disabledRules" must be an array of strings'],
  [{ disabledRules: ['no-such-rule'] }, '"disabledRules[0]" names an unknown rule "no-such-rule"'],
  [{ includePublicKeys: 'yes' }, '"includePublicKeys" must be true or false'],
  [{ customRules: [{ id: 'x', description: 'X', regex: '([a-z' }] }, 'keyguard.config.json: rules "customRules[0].regex" is not a valid regular expression'],
  [
    { customRules: [{ id: 'evil', description: 'X', regex: '(a+)+b(x)', keywords: ['aaaa'] }] },
    'keyguard.config.json: "customRules[0].regex" may backtrack catastrophically',
  ],
  // ambiguous alternatives and adjacent quantifiers: each hangs V8 for 20 s+ on a few bytes
  ...['(a|a)*$', '(?:a|a)*b', '([a-z]|a)+!x', 'a*a*a*a*a*b', 'key=(?:a|ab|b)+c', '(?:\\w+\\s?)+x'].flatMap((regex): [unknown, string][] => [
    [{ customRules: [{ id: 'evil', description: 'X', regex, keywords: ['key'] }] }, '"customRules[0].regex" may backtrack catastrophically'],
    [{ customRules: [{ id: 'evil', description: 'X', regex }] }, '"customRules[0].regex" may backtrack catastrophically'],
    [{ allow: { values: ['^ok$', regex] } }, '"allow.values[1]" may backtrack catastrophically'],
  ]),
  [{ customRules: [{ id: 'evil', description: 'X', regex: '[\\s\\S]*x(y)' }] }, '"customRules[0].regex" takes quadratic time over a whole file'],
  // wide counted repeats trade characters too: a{1,1000}a{1,1000}b is a million steps per start
  ...['a{1,1000}a{1,1000}b', 'key=\\w{1,300}\\w{1,300}x', '(?:\\w{2,64}\\s?){1,50}x'].flatMap((regex): [unknown, string][] => [
    [{ customRules: [{ id: 'evil', description: 'X', regex, keywords: ['key'] }] }, '"customRules[0].regex" may backtrack catastrophically'],
    [{ allow: { values: [regex] } }, '"allow.values[0]" may backtrack catastrophically'],
  ]),
  [{ customRules: [{ id: 'Bad_Id', description: 'X', regex: 'x(y)' }] }, '"customRules[0].id" must be a kebab-case id'],
  [
    { customRules: [{ id: 'a-b', description: 'X', regex: 'x(y)' }, { id: 'a-b', description: 'Y', regex: 'z(y)' }] },
    '"customRules[1].id" duplicates the custom rule id "a-b"',
  ],
  [{ customRules: [{ id: 'github-pat', description: 'X', regex: 'x(y)' }] }, '"github-pat" is already a built-in rule id'],
  [{ customRules: [{ id: 'a-b', regex: 'x(y)' }] }, '"customRules[0].description" must be a string, got nothing'],
  [{ customRules: [{ id: 'a-b', description: 'X', regex: 'x(y)', severity: 'fatal' }] }, '"customRules[0].severity" must be "error" or "warning"'],
  [{ allow: { values: ['(unclosed'] } }, '"allow.values[0]" is not a valid regular expression'],
  [{ allow: { fingerprints: ['nothex'] } }, '"allow.fingerprints[0]" must be a 32-digit hex fingerprint'],
  [{ allow: { pathz: [] } }, 'unknown option "allow.pathz"'],
  [{ maxFileSize: -1 }, '"maxFileSize" must be a positive integer'],
  [{ envFiles: { block: '.env' } }, '"envFiles.block" must be an array of strings'],
];

describe('parseConfig()', () => {
  it('envFiles.allow adds to the default templates; envFiles.block replaces the default list', () => {
    const config = parseConfig({ envFiles: { allow: ['**/.env.ci', '**/.env.example'] } }, 'keyguard.config.json');
    expect(config.envFiles.allow).toEqual([...defaultConfig.envFiles.allow, '**/.env.ci']);
    expect(config.envFiles.block).toEqual(defaultConfig.envFiles.block);
    expect(parseConfig({ envFiles: { block: ['**/*.secrets'] } }, 'k.json').envFiles.block).toEqual(['**/*.secrets']);
  });

  it('fills in the defaults', () => {
    expect(parseConfig({}, 'keyguard.config.json')).toEqual(defaultConfig);
  });

  it.each(good.map((c, i) => [i, c] as const))('accepts good config #%i', (_i, config) => {
    expect(() => parseConfig(config, 'keyguard.config.json')).not.toThrow();
  });

  it.each(bad.map(([config, message]) => [message, config] as const))('rejects with "%s"', (message, config) => {
    let error: unknown;
    try {
      checkConfigRegexes(parseConfig(config, 'keyguard.config.json'), 'keyguard.config.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message.startsWith('keyguard.config.json: ')).toBe(true);
  });
});

describe('the static check of user regexes', () => {
  it('refuses a backreference in a custom rule or allow.values (neither check reads one, and V8 cannot bound it), naming the field', () => {
    for (const [config, field] of [
      [{ customRules: [{ id: 'back', description: 'X', regex: '(["\'])([A-Za-z0-9]{20})\\1', keywords: ['x'] }] }, 'customRules[0].regex'],
      [{ customRules: [{ id: 'back', description: 'X', regex: '(?<q>["\'])(a+)+\\k<q>' }] }, 'customRules[0].regex'],
      [{ allow: { values: ['^(ab)\\1$'] } }, 'allow.values[0]'],
    ] as const) {
      expect(() => checkConfigRegexes(parseConfig(config, 'keyguard.config.json'), 'keyguard.config.json')).toThrow(
        new RegExp(`^keyguard\\.config\\.json: "${field.replace(/[[\]]/g, '\\$&')}" uses a backreference`),
      );
    }
    // an escape in a character class is no backreference; a lookaround is analysed without it
    expect(() =>
      checkConfigRegexes(parseConfig({ allow: { values: ['^[\\1-9]+$', '(?<=x)y(?!z)'] } }, 'keyguard.config.json'), 'keyguard.config.json'),
    ).not.toThrow();
  });

  it('accepts every regex of the built-in catalog (proven safe by recheck in the ReDoS tests)', () => {
    for (const rule of rules) expect(regexHazard(rule.regex.source, rule.regex.flags), rule.id).toBeUndefined();
  });

  it('accepts a quadratic-search regex where it runs near keywords only, and common custom-rule shapes', () => {
    expect(() =>
      checkConfigRegexes(parseConfig(
        {
          customRules: [
            { id: 'near', description: 'X', regex: '[\\s\\S]*x(y)', keywords: ['x'] },
            { id: 'acme', description: 'X', regex: '\\b(?:api|tok)[_-]?key\\s*[:=]\\s*["\']?([A-Za-z0-9]{32})' },
            { id: 'uuid', description: 'X', regex: '(?<![\\w-])((?:[a-f0-9]{8}-)(?:[a-f0-9]{4}-){3}[a-f0-9]{12})(?![\\w-])' },
            { id: 'hex', description: 'X', regex: '[a-f0-9]{32,64}' },
            { id: 'ranged', description: 'X', regex: 'acme_[A-Za-z0-9]{20,40}', keywords: ['acme_'] },
            { id: 'quoted', description: 'X', regex: 'key\\s*=\\s*["\']?([A-Za-z0-9+/]{16,64}={0,2})["\']?', keywords: ['key'] },
          ],
          allow: { values: ['^EXAMPLE', '(?:test|dummy)_[a-z]+$', '^[\\s\\S]*placeholder'] },
        },
        'keyguard.config.json',
      ), 'keyguard.config.json'),
    ).not.toThrow();
  });
});

describe('the JSON schema', () => {
  it('is shipped as config.schema.json and exported as configSchema, identical', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });

  it.each(good.map((c, i) => [i, c] as const))('accepts good config #%i, as parseConfig does', (_i, config) => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  // Semantic checks (regex validity and safety, known rule ids, duplicates) are parseConfig's alone.
  const structural = bad.filter(([, m]) => !/regular expression|backtrack|quadratic|unknown rule|duplicates|built-in/.test(m));
  it.each(structural.map(([config, message]) => [message, config] as const))('rejects what parseConfig rejects: %s', (_m, config) => {
    expect(validate(config)).toBe(false);
  });
});
