// A staged scan hashes (scrypt) only the fingerprints something reads: not those of suppressed
// findings, of findings on lines the commit does not add, or of findings a baseline cannot hold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, fingerprintCalls } from '@keyguard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collectScan } from '../src/commands/scan.js';
import type { ScanOptions } from '../src/options.js';

const token = (seed: string) => ['gh', 'p_'].join('') + `${seed}Zq3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY2zA3bC5dE7`.slice(0, 36);
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-fp-cost-'));
  folders.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'commit.gpgsign', 'false');
  // committed before: findings on lines this commit does not add
  writeFileSync(join(dir, 'old.ts'), [`const a = '${token('O1')}';`, `const b = '${token('O2')}';`, ''].join('\n'));
  git('add', '.');
  git('commit', '-q', '--no-verify', '-m', 'old');
  writeFileSync(
    join(dir, 'old.ts'),
    [
      `const a = '${token('O1')}';`,
      `const b = '${token('O2')}';`,
      '// keyguard-ignore-next-line github-pat -- fixture',
      `const c = '${token('S1')}';`,
      `const d = '${token('N1')}';`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'new.ts'), ['// keyguard-ignore-next-line -- fixture', `const e = '${token('S2')}';`, ''].join('\n'));
  git('add', '.');
  return dir;
}

const options = (cwd: string, extra: Partial<ScanOptions> = {}): ScanOptions => ({
  paths: [],
  staged: true,
  history: false,
  allLines: false,
  format: 'text',
  quiet: true,
  inlineIgnores: true,
  reportUnused: false,
  cwd,
  ...extra,
});

describe('fingerprints cost only when read', () => {
  it('a staged scan with a text report hashes none: not the suppressed findings, not the unchanged lines', async () => {
    const dir = repo();
    const before = fingerprintCalls.fingerprint + fingerprintCalls.legacyFingerprint;
    const { report } = await collectScan(options(dir));
    expect(report.findings.map((finding) => [finding.file, finding.line])).toEqual([['old.ts', 5]]);
    expect(fingerprintCalls.fingerprint + fingerprintCalls.legacyFingerprint - before).toBe(0);
    // the reported finding still has its fingerprint, on request
    expect(report.findings[0]!.fingerprint).toBe(fingerprint('github-pat', token('N1')));
  });

  it('a baseline hashes only the findings of the rules and files it holds entries for', async () => {
    const dir = repo();
    // an entry for another file: nothing of this commit can match it
    writeFileSync(
      join(dir, '.keyguard-baseline.json'),
      `${JSON.stringify({ version: 1, entries: [{ fingerprint: 'a'.repeat(32), ruleId: 'github-pat', file: 'elsewhere.ts' }] })}\n`,
    );
    let before = fingerprintCalls.fingerprint;
    expect((await collectScan(options(dir))).report.findings).toHaveLength(1);
    expect(fingerprintCalls.fingerprint - before).toBe(0);

    // an entry for old.ts: the one reported finding there is compared (and hidden by it)
    writeFileSync(
      join(dir, '.keyguard-baseline.json'),
      `${JSON.stringify({ version: 1, entries: [{ fingerprint: fingerprint('github-pat', token('N1')), ruleId: 'github-pat', file: 'old.ts' }] })}\n`,
    );
    before = fingerprintCalls.fingerprint;
    expect((await collectScan(options(dir))).report.findings).toEqual([]);
    expect(fingerprintCalls.fingerprint - before).toBe(1);
  });
});
