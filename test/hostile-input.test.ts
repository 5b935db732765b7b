/**
 * Hostile input end to end (issue 13): files, git states, configs and outputs an attacker
 * controls. Every case runs the built CLI on a real git repo with real files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('line ends', () => {
  it('reports a key added to a CR-only file in a staged scan, on its own line', () => {
    const repo = createRepo();
    repo.write('old.ts', ['// settings', 'export const a = 1;', ''].join('\r'));
    repo.commitAll('cr file');
    const key = fakeKey.githubPat();
    repo.stage({ 'old.ts': ['// settings', 'export const a = 1;', `const token = '${key}';`, ''].join('\r') });
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings).toMatchObject([{ file: 'old.ts', line: 3, column: 16 }]);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });

  it('one directive in a CR-only file suppresses only its own line', () => {
    const repo = createRepo();
    const [a, b] = [fakeKey.githubPat(), fakeKey.githubPat()];
    repo.write('keys.ts', [`const a = '${a}'; // keyguard-ignore`, `const b = '${b}';`, ''].join('\r'));
    const result = runKeyguard(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings).toMatchObject([{ file: 'keys.ts', line: 2 }]);
  });
});

describe('catastrophic regexes in the config', () => {
  const evil = ['(a|a)*$', '(?:a|a)*b', '([a-z]|a)+!x', 'a*a*a*a*a*b'];

  it.each(evil)('rejects %s as a custom rule and as allow.values, exit 2 naming the config file', (regex) => {
    for (const config of [
      { customRules: [{ id: 'evil', description: 'Evil', regex: `key=${regex}`, keywords: ['key='] }] },
      { customRules: [{ id: 'evil', description: 'Evil', regex }] },
      { allow: { values: [regex] } },
    ]) {
      const repo = createRepo();
      repo.write('keyguard.config.json', JSON.stringify(config));
      repo.write('input.txt', `key=${'a'.repeat(40)}\n${'a'.repeat(3000)}\nconst t = '${fakeKey.githubPat()}';\n`);
      const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
      expect(result.code, JSON.stringify(config)).toBe(2);
      expect(result.stderr).toContain('keyguard.config.json: ');
      expect(result.stderr).toMatch(/backtrack catastrophically/);
    }
  });
});

describe('fingerprints written to disk', () => {
  it('a baseline an older keyguard wrote (unsalted SHA-256 fingerprints) still matches; --update rewrites it with the slow hash', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('a.ts', `export const k = '${key}';\n`);
    const legacy = createHash('sha256').update('github-pat').update('\0').update(key).digest('hex').slice(0, 32);
    const sarif = runKeyguard(['scan', '.', '--format', 'sarif'], { cwd: repo.dir });
    expect(sarif.stdout).not.toContain(legacy);
    const old = { version: 1, entries: [{ fingerprint: legacy, ruleId: 'github-pat', file: 'a.ts' }] };
    repo.write('.keyguard-baseline.json', JSON.stringify(old));
    const scan = runKeyguard(['scan', '.', '--baseline', '.keyguard-baseline.json', '--format', 'json'], { cwd: repo.dir });
    expect(scan.code, scan.stderr).toBe(0);
    const updated = runKeyguard(['baseline', '--update'], { cwd: repo.dir });
    expect(updated.code, updated.stderr).toBe(0);
    const text = readFileSync(repo.path('.keyguard-baseline.json'), 'utf8');
    expect(text).not.toContain(legacy);
    const [entry] = (JSON.parse(text) as typeof old).entries;
    expect(entry).toMatchObject({ ruleId: 'github-pat', file: 'a.ts' });
    expect(sarif.stdout).toContain(entry!.fingerprint);
    expect(runKeyguard(['scan', '.', '--baseline', '.keyguard-baseline.json'], { cwd: repo.dir }).code).toBe(0);
  });
});
