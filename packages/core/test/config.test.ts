import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, defaultConfig, parseConfig } from '@keyguard/core';

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
  it('fills in the defaults', () => {
    expect(parseConfig({}, 'keyguard.config.json')).toEqual(defaultConfig);
  });

  it.each(good.map((c, i) => [i, c] as const))('accepts good config #%i', (_i, config) => {
    expect(() => parseConfig(config, 'keyguard.config.json')).not.toThrow();
  });

  it.each(bad.map(([config, message]) => [message, config] as const))('rejects with "%s"', (message, config) => {
    let error: unknown;
    try {
      parseConfig(config, 'keyguard.config.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message.startsWith('keyguard.config.json: ')).toBe(true);
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
  const structural = bad.filter(([, m]) => !/regular expression|backtrack|unknown rule|duplicates|built-in/.test(m));
  it.each(structural.map(([config, message]) => [message, config] as const))('rejects what parseConfig rejects: %s', (_m, config) => {
    expect(validate(config)).toBe(false);
  });
});
