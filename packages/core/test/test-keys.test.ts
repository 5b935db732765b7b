import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScanner, rules } from '@keyguard/core';
import { keySource, seedOf, testKey, testSecret } from '@keyguard/core/testing';

const scanner = createScanner({ config: { includePublicKeys: true } });
const found = (text: string, ruleId: string): string[] =>
  scanner
    .scan(text, 'sample.txt')
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.match);

describe('@keyguard/core/testing', () => {
  it('seeds each rule from its id: the same id and variant give the same key, others differ', () => {
    expect(testSecret('github-pat', 3)).toBe(testSecret('github-pat', 3));
    expect(testSecret('github-pat', 3)).not.toBe(testSecret('github-pat', 4));
    expect(testSecret('github-pat')).not.toBe(testSecret('github-oauth-token').replace('gho', 'ghp'));
    expect(seedOf('github-pat', 0)).not.toBe(seedOf('github-oauth-token', 0));
  });

  it('gives a new key on each call of a key source', () => {
    const next = keySource('stripe-secret-key');
    const keys = [next(), next(), next()];
    expect(new Set(keys).size).toBe(3);
  });

  it('names the rule it does not know', () => {
    expect(() => testKey('no-such-rule')).toThrow(/no rule "no-such-rule"/);
  });

  it('leaves no hand-numbered seed in the rule files: example texts take theirs from the rule id', () => {
    // a generator called with a number literal as its seed (`fakeBody(ALNUM, 32, 1700)`, `800 + id.length`, `uuid(5311)`)
    const numbered = [
      /\b(?:fakeBody|sampleJwt|sampleMnemonic|digits|uuid|pem|lines|file|googleKey)\((?:[^()]|\([^()]*\))*,\s*\d+(?:\s*\+\s*[\w.]+)?\s*\)/g,
      /\b(?:uuid|lines|file|googleKey|discordToken)\(\s*\d+\s*[,)]/g,
    ];
    const folder = new URL('../src/rules/', import.meta.url);
    const found = readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => {
        const text = readFileSync(new URL(name, folder), 'utf8');
        return numbered.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => `${name}: ${match[0]}`));
      });
    expect(found).toEqual([]);
  });

  it('leaves no test drawing random values without sampling.ts: its reported() redraws what the scanner does not report', () => {
    // A raw random draw is not a key about 1 time in 1,000 to 10,000 (a run like 876543, `xxxx` or
    // `test` inside, letters that read as words): CI failed on one. Deterministic bodies
    // (`bodySource`, `fakeBody` with a seed) are not flagged; a file that draws with node:crypto or
    // Math.random must take `reported` from sampling.ts (docs/decisions.md, "Tests that can fail by chance").
    const root = new URL('../../../', import.meta.url);
    const folders = ['packages/core/test/', 'packages/cli/test/', 'packages/eslint-plugin/test/', 'test/', 'test/helpers/'];
    const drawing = folders.flatMap((folder) =>
      readdirSync(new URL(folder, root))
        // this file names the functions it looks for
        .filter((name) => name.endsWith('.ts') && name !== 'sampling.ts' && name !== 'test-keys.test.ts')
        .map((name) => [`${folder}${name}`, readFileSync(new URL(`${folder}${name}`, root), 'utf8')] as const)
        .filter(([, text]) => /\b(?:randomInt|randomBytes|randomUUID|getRandomValues)\b|Math\.random\(/.test(text))
        .filter(([, text]) => !/import \{[^}]*\breported\b[^}]*\} from '\.\/sampling\.js'/.test(text))
        .map(([file]) => file),
    );
    expect(drawing).toEqual([]);
  });
});

// Several variants per rule, so a sample that works only for one lucky seed fails here.
const VARIANTS = [0, 1, 2];

describe.each(rules.map((rule) => [rule.id] as const))('test key of %s', (id) => {
  it('is found by its rule', () => {
    for (const variant of VARIANTS) {
      const key = testKey(id, variant);
      expect(key.text.includes(key.secret), `variant ${variant}: the text holds the secret`).toBe(true);
      const { findings } = scanner.scan(key.text, 'sample.txt');
      const mine = findings.filter((f) => f.ruleId === id);
      expect(mine.length, `variant ${variant} of ${id}: ${JSON.stringify(findings.map((f) => f.ruleId))}`).toBeGreaterThan(0);
    }
  });

  it('has a near-miss and a placeholder that its rule does not report', () => {
    for (const variant of VARIANTS) {
      const key = testKey(id, variant);
      expect(key.nearMiss, 'the near-miss is not the sample').not.toBe(key.text);
      expect(found(key.nearMiss, id), `near-miss, variant ${variant}`).toEqual([]);
    }
    expect(found(testKey(id).placeholder, id), 'placeholder').toEqual([]);
  });
});
