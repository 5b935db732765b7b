import { describe, expect, it } from 'vitest';
import { createScanner, rules } from '@keyguard/core';

const scanner = createScanner({ config: { includePublicKeys: true } });

describe('the rule catalog', () => {
  it('has unique kebab-case ids', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('gives every rule lower-case keywords, a description and a fix', () => {
    for (const rule of rules) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword, rule.id).toBe(keyword.toLowerCase());
      expect(rule.description.length, rule.id).toBeGreaterThan(0);
      expect(rule.fix.length, rule.id).toBeGreaterThan(0);
    }
  });
});

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const { positives, negatives } = rule.examples();

  it('carries at least one true positive and one false positive', () => {
    expect(positives.length).toBeGreaterThan(0);
    expect(negatives.length).toBeGreaterThan(0);
  });

  it('finds every true positive, without leaking the secret', () => {
    positives.forEach((text, i) => {
      const { findings } = scanner.scan(text, `example-${i}.txt`);
      const mine = findings.filter((f) => f.ruleId === id);
      expect(mine.length, `positive #${i} of ${id}: ${JSON.stringify(findings.map((f) => f.ruleId))}`).toBeGreaterThan(0);
      for (const finding of mine) {
        const secret = secretAt(text, finding);
        expect(finding.match.includes(secret), `match of positive #${i}`).toBe(false);
        expect(finding.message.includes(secret), `message of positive #${i}`).toBe(false);
      }
    });
  });

  it('stays quiet on every false positive', () => {
    negatives.forEach((text, i) => {
      const { findings } = scanner.scan(text, `example-${i}.txt`);
      expect(
        findings.filter((f) => f.ruleId === id).map((f) => f.match),
        `negative #${i} of ${id}`,
      ).toEqual([]);
    });
  });
});

/** The secret a finding points at, read back from the text by its line and columns. */
function secretAt(text: string, f: { line: number; column: number; endLine: number; endColumn: number }): string {
  const lines = text.split('\n');
  if (f.line === f.endLine) return lines[f.line - 1]!.slice(f.column - 1, f.endColumn - 1);
  const parts = [lines[f.line - 1]!.slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), lines[f.endLine - 1]!.slice(0, f.endColumn - 1)];
  return parts.join('\n');
}
