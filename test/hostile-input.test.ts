/**
 * Hostile input end to end (issue 13): files, git states, configs and outputs an attacker
 * controls. Every case runs the built CLI on a real git repo with real files.
 */
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
