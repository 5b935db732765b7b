import { describe, expect, it } from 'vitest';
import { createScanner, rules } from '@keyguard/core';
import { ruleExamples } from '@keyguard/core/testing';

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

  it("words Deframe (its name, DEFRAME_API_KEY) only in Deframe's rules and in a fix for a Deframe context", () => {
    const deframe = /deframe/i;
    for (const rule of rules) {
      if (rule.id.startsWith('deframe-')) continue;
      expect(rule.description, rule.id).not.toMatch(deframe);
      expect(rule.fix, rule.id).not.toMatch(deframe);
      if (rule.contextFix !== undefined) expect(rule.contextFix.mentions.test('deframe'), rule.id).toBe(deframe.test(rule.contextFix.fix));
    }
  });

  it("gives the x-api-key header Deframe's fix only in a file that names Deframe (in its text or its path)", () => {
    const key = ['k4AGEeQ9', 'x7Lm2Pq8', 'Rz5Tw3Yv', 'Nb6Hc1Jd', 'Fg0Ks9Ua'].join('');
    const line = `fetch(url, { headers: { 'x-api-key': '${key}' } });\n`;
    const fixOf = (text: string, path: string) => scanner.scan(text, path).findings.map((finding) => [finding.ruleId, finding.fix]);
    const neutral = fixOf(line, 'src/billing.ts');
    expect(neutral).toHaveLength(1);
    expect(neutral[0]![0]).toBe('x-api-key-header');
    expect(neutral[0]![1]).not.toMatch(/deframe/i);
    expect(fixOf(`const url = 'https://api.deframe.io/v1/strategies';\n${line}`, 'src/billing.ts')[0]![1]).toContain('DEFRAME_API_KEY');
    expect(fixOf(line, 'src/deframe/client.ts')[0]![1]).toContain('DEFRAME_API_KEY');
  });
});

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const { positives, negatives } = ruleExamples(rule);

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

  // The engine tries a `name` rule at the start of the identifier holding a hit, and not at all
  // when that identifier runs on more than 80 characters before it (where the old code tried an
  // 80-character cut of it): sound only if the regex never matches inside an identifier.
  // defined only for `name` rules (runIf would list a skipped test for each of the others)
  if (rule.anchor === 'name') {
    it('never matches inside an identifier (between two of A-Za-z0-9_.$-)', () => {
      const sticky = new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gy]/g, '')}y`);
      const matches: string[] = [];
      for (const text of positives) {
        for (let at = 1; at < text.length; at++) {
          if (!/[A-Za-z0-9_.$-]{2}/.test(text.slice(at - 1, at + 1))) continue;
          sticky.lastIndex = at;
          if (sticky.test(text)) matches.push(`${JSON.stringify(text.slice(Math.max(0, at - 10), at))} | ${JSON.stringify(text.slice(at, at + 10))}`);
        }
      }
      expect(matches).toEqual([]);
    });
  }

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
