/**
 * History scans read context lines around each change (`-U5`): the scanner sees them, the
 * report shows only what is on the commit's added lines (`TextBlock.reportRuns`).
 */
import { createScanner, defaultConfig, fingerprint } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { ALNUM, fakeKey, randomBody } from '../../../test/helpers/secrets.js';
import { scanUnit, touchesRuns, type TextBlock } from '../src/scan/unit.js';

const scanner = createScanner({ config: defaultConfig });

/** One block of a (commit, file) unit, placed at `startLine`; `reportRuns` as the parser makes them. */
const scanBlock = (block: TextBlock, file = 'src/app.ts') =>
  scanUnit(scanner, { file, blocks: [block], bytes: block.text.length, commit: 'c'.repeat(40), authorDate: '2024-01-02T03:04:05Z' });

describe('touchesRuns', () => {
  it('tells whether a line span meets one of the runs', () => {
    const runs = [3, 4, 9, 9];
    expect([1, 2, 3, 4, 5, 8, 9, 10].map((line) => touchesRuns(runs, line, line))).toEqual([false, false, true, true, false, false, true, false]);
    expect(touchesRuns(runs, 5, 8)).toBe(false);
    expect(touchesRuns(runs, 5, 9)).toBe(true);
    expect(touchesRuns(runs, 1, 30)).toBe(true);
    expect(touchesRuns([], 1, 1)).toBe(false);
  });
});

describe('scanUnit with context lines', () => {
  it('finds a value whose rule needs the unchanged lines above it, at its line in the file', () => {
    const password = `${randomBody(14)}!4`;
    const text = ['variable "db_password" {', '  description = "Database password"', '  type        = string', '  sensitive   = true', `  default     = "${password}"`, '}'].join('\n');
    // Only the default line (file line 14) is new; without the five lines around it the rule
    // cannot tell this is a variable's default.
    const withContext = scanBlock({ startLine: 10, text, reportRuns: [14, 14] }, 'main.tf');
    expect(withContext.findings.map((finding) => [finding.ruleId, finding.line, finding.commit])).toEqual([['terraform-variable-default', 14, 'c'.repeat(40)]]);
    expect(withContext.findings[0]!.fingerprint).toBe(fingerprint('terraform-variable-default', password));
    const valueOnly = scanBlock({ startLine: 14, text: `  default     = "${password}"` }, 'main.tf');
    expect(valueOnly.findings).toEqual([]);
  });

  it('does not report what sits on context lines', () => {
    const old = fakeKey.githubPat();
    const added = fakeKey.stripeSecret();
    const text = `export const a = '${old}';\nexport const b = '${added}';\nexport const c = '${fakeKey.githubPat()}';`;
    const result = scanBlock({ startLine: 7, text, reportRuns: [8, 8] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['stripe-secret-key', 8]]);
    // Without runs every line is reported (a new file, or a hunk with no context).
    expect(scanBlock({ startLine: 7, text }).findings.map((finding) => finding.line)).toEqual([7, 8, 9]);
  });

  it('reports a multi-line secret when one of its lines was added, though it starts on a context line', () => {
    const body = (randomBody(600, `${ALNUM}+/`).match(/.{1,64}/g) ?? []).join('\n');
    const pem = [['-----BEG', 'IN RSA PRIVATE KEY-----'].join(''), body, ['-----EN', 'D RSA PRIVATE KEY-----'].join('')].join('\n');
    const lines = pem.split('\n').length;
    // The commit replaced the body; the armour lines are unchanged context.
    const result = scanBlock({ startLine: 1, text: pem, reportRuns: [2, lines - 1] }, 'deploy/id_rsa');
    expect(result.findings.map((finding) => [finding.ruleId, finding.line, finding.endLine])).toEqual([['private-key', 1, lines]]);
    // A change next to the block but not in it (the END line is the last line of the span).
    const after = `${pem}\n# rotated`;
    expect(scanBlock({ startLine: 1, text: after }, 'deploy/id_rsa').findings).toHaveLength(1);
    expect(scanBlock({ startLine: 1, text: after, reportRuns: [lines + 1, lines + 1] }, 'deploy/id_rsa').findings).toEqual([]);
  });

  it('lets a directive on a context line suppress a finding on an added line, without listing the directive', () => {
    const text = `// keyguard-ignore-next-line github-pat -- fixture\nconst token = '${fakeKey.githubPat()}';`;
    const result = scanBlock({ startLine: 3, text, reportRuns: [4, 4] });
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((finding) => [finding.ruleId, finding.line, finding.reason])).toEqual([['github-pat', 4, 'fixture']]);
    // The commit that added the directive lists it (for --report-unused); this one does not.
    expect(result.directives).toEqual([]);
  });

  it('lists a directive added above an old key as used, and still does not report the old key', () => {
    const text = `// keyguard-ignore-next-line\nconst token = '${fakeKey.githubPat()}';\nconst other = '${fakeKey.stripeSecret()}';`;
    // The directive (line 20) is new; the two keys below it are context.
    const result = scanBlock({ startLine: 20, text, reportRuns: [20, 20] });
    expect(result.findings).toEqual([]);
    expect(result.directives.map((directive) => [directive.kind, directive.line, directive.target, directive.commit])).toEqual([
      ['keyguard-ignore-next-line', 20, 21, 'c'.repeat(40)],
    ]);
    // The suppressed key is kept so that --report-unused sees the directive in use.
    expect(result.suppressed.map((finding) => [finding.ruleId, finding.line])).toEqual([['github-pat', 21]]);
  });

  it('drops suppressed findings on context lines that no listed directive covers', () => {
    const text = `const token = '${fakeKey.githubPat()}'; // keyguard-ignore\nexport const n = 2;`;
    expect(scanBlock({ startLine: 1, text }).suppressed).toHaveLength(1);
    const result = scanBlock({ startLine: 1, text, reportRuns: [2, 2] });
    expect(result).toMatchObject({ findings: [], suppressed: [], directives: [] });
  });
});
