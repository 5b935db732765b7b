import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, redact, type Finding } from '@keyguard/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  baselineFilter,
  baselineFromFindings,
  compareBaselines,
  findBaseline,
  formatBaseline,
  readBaseline,
} from '../src/suppress/baseline.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-baseline-'));
  dirs.push(dir);
  return dir;
};

function finding(secret: string, file: string, line = 1, ruleId = 'github-pat'): Finding {
  return {
    ruleId,
    message: `token (${redact(secret)})`,
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 1 + secret.length,
    match: redact(secret),
    fingerprint: fingerprint(ruleId, secret),
    severity: 'error',
    fix: 'use an env var',
  };
}

const secretA = ['value', 'A'].join('-') + '9f8e7d6c5b4a';
const secretB = ['value', 'B'].join('-') + '1a2b3c4d5e6f';

describe('baseline format', () => {
  it('holds fingerprint, rule and file per finding, deduplicated and sorted, never the secret or a line', () => {
    const baseline = baselineFromFindings(
      [finding(secretB, 'src/z.ts', 9), finding(secretA, 'src/a.ts', 3), finding(secretA, 'src/a.ts', 30)],
      '/repo/.keyguard-baseline.json',
      '/repo',
    );
    expect(baseline.entries).toEqual([
      { fingerprint: fingerprint('github-pat', secretA), ruleId: 'github-pat', file: 'src/a.ts' },
      { fingerprint: fingerprint('github-pat', secretB), ruleId: 'github-pat', file: 'src/z.ts' },
    ]);
    const text = formatBaseline(baseline);
    expect(text.includes(secretA) || text.includes(secretB)).toBe(false);
    expect(text).not.toMatch(/line/i);
    expect(JSON.parse(text)).toEqual(baseline);
  });

  it('writes the same text whatever the order of the findings (stable diffs)', () => {
    const findings = [finding(secretA, 'b.ts'), finding(secretB, 'a.ts'), finding(secretA, 'a.ts', 1, 'generic-secret')];
    const forward = formatBaseline(baselineFromFindings(findings, '/r/.keyguard-baseline.json', '/r'));
    const backward = formatBaseline(baselineFromFindings([...findings].reverse(), '/r/.keyguard-baseline.json', '/r'));
    expect(backward).toBe(forward);
  });

  it('stores paths relative to the baseline file, so a scan from a subfolder matches', () => {
    const baseline = baselineFromFindings([finding(secretA, 'src/a.ts')], '/repo/.keyguard-baseline.json', '/repo/packages/app');
    expect(baseline.entries[0]!.file).toBe('packages/app/src/a.ts');
    const filter = baselineFilter({ ...baseline, path: '/repo/.keyguard-baseline.json', label: '.keyguard-baseline.json' }, '/repo');
    expect(filter.apply([finding(secretA, 'packages/app/src/a.ts', 40)])).toEqual([]);
  });
});

describe('baseline filter', () => {
  it('hides recorded findings, keeps new ones and lists entries that matched nothing', async () => {
    const dir = tempDir();
    const path = join(dir, '.keyguard-baseline.json');
    writeFileSync(path, formatBaseline(baselineFromFindings([finding(secretA, 'a.ts'), finding(secretB, 'gone.ts')], path, dir)));
    const filter = baselineFilter(readBaseline(path, '.keyguard-baseline.json'), dir);
    const kept = await filter.apply([finding(secretA, 'a.ts', 12), finding(secretA, 'copy.ts'), finding(secretB, 'b.ts')]);
    expect(kept.map((entry) => entry.file)).toEqual(['copy.ts', 'b.ts']);
    expect(filter.unused!()).toEqual([
      { kind: 'baseline', file: '.keyguard-baseline.json', detail: `github-pat ${fingerprint('github-pat', secretB)} for gone.ts` },
    ]);
  });
});

describe('reading a baseline', () => {
  it('names the file and the problem', () => {
    const dir = tempDir();
    const write = (text: string) => {
      const path = join(dir, 'b.json');
      writeFileSync(path, text);
      return () => readBaseline(path, 'b.json');
    };
    expect(() => readBaseline(join(dir, 'none.json'), 'none.json')).toThrow('none.json: baseline file not found');
    expect(write('{')).toThrow(/^b\.json: the baseline is not valid JSON/);
    expect(write('[]')).toThrow('b.json: invalid baseline: expected an object');
    expect(write('{"version":2,"entries":[]}')).toThrow('"version" must be 1, got number 2');
    expect(write('{"version":1}')).toThrow('"entries" must be an array');
    expect(write('{"version":1,"entries":[{"fingerprint":"ABC","ruleId":"x","file":"a"}]}')).toThrow('entries[0].fingerprint');
    expect(write(`{"version":1,"entries":[{"fingerprint":"${'a'.repeat(32)}","file":"a"}]}`)).toThrow('entries[0].ruleId');
  });

  it('finds the default file in the cwd, then at the repository root', () => {
    const root = tempDir();
    const sub = join(root, 'pkg');
    writeFileSync(join(root, '.keyguard-baseline.json'), formatBaseline({ version: 1, entries: [] }));
    expect(findBaseline(sub, undefined, root)?.path).toBe(join(root, '.keyguard-baseline.json'));
    expect(findBaseline(sub, undefined, undefined)).toBeUndefined();
  });

  it('compares two baselines for the --update summary', () => {
    const before = baselineFromFindings([finding(secretA, 'a.ts'), finding(secretB, 'b.ts')], '/r/x.json', '/r');
    const after = baselineFromFindings([finding(secretB, 'b.ts'), finding(secretB, 'c.ts')], '/r/x.json', '/r');
    expect(compareBaselines(before, after)).toEqual({ added: 1, removed: 1 });
  });
});
