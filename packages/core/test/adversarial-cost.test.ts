import { afterAll, describe, expect, it } from 'vitest';
import { createScanner, rules } from '@keyguard/core';
import type { Rule } from '@keyguard/core';

/**
 * Cost on hostile input, counted as work instead of timed: every keyword of the catalog's
 * validated rules, repeated with adversarial continuations (`x-api-key=x-api-key=…`,
 * `auth=auth=…`), must not make a rule validate a long candidate at every hit. A validation
 * reads the whole candidate (up to 300–400 characters): one per hit of a 10-character keyword is
 * 30+ character reads per input character. The bound: the candidates a rule validates add up to
 * at most twice the input.
 */
const SIZE = 32 * 1024;
const CONTINUATIONS = ['', '=', ': ', '="', "='", '=a', ':_', '.', '-', '_', '/', '@', ' = ', '("', '=A1b2'];

const counted = rules.filter((rule) => rule.validate !== undefined);
const calls = new Map<string, number>();
const originals = new Map<Rule, Rule['validate']>();
for (const rule of counted) {
  const validate = rule.validate!;
  originals.set(rule, validate);
  (rule as { validate: Rule['validate'] }).validate = (secret, context) => {
    calls.set(rule.id, (calls.get(rule.id) ?? 0) + secret.length);
    return validate(secret, context);
  };
}
afterAll(() => {
  for (const [rule, validate] of originals) (rule as { validate: Rule['validate'] }).validate = validate;
});

const scanner = createScanner({ config: { includePublicKeys: true } });
const keywords = [...new Set(counted.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];

describe('characters validated per input character on repeated keywords', () => {
  it.each(keywords)('%s with adversarial continuations', (keyword) => {
    const worst: string[] = [];
    for (const continuation of CONTINUATIONS) {
      const unit = keyword + continuation;
      const text = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
      calls.clear();
      scanner.scan(text, 'a.js');
      for (const [id, n] of calls) if (n > 2 * SIZE) worst.push(`${JSON.stringify(unit)}: ${id} validated ${n} characters`);
    }
    expect(worst).toEqual([]);
  });
});
