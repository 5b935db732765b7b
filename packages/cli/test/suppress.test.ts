import { fingerprint, redact, type Finding, type InlineDirective, type SuppressedFinding } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { createPathAllowlist, fingerprintFilter } from '../src/suppress/allow.js';
import { inlineDirectiveFilter } from '../src/suppress/inline.js';

const secret = ['tok', 'en'].join('') + '-7Hq2Lm9Xw4Rz';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'generic-secret',
    message: `secret (${redact(secret)})`,
    file: 'a.ts',
    line: 5,
    column: 1,
    endLine: 5,
    endColumn: 20,
    match: redact(secret),
    fingerprint: fingerprint('generic-secret', secret),
    severity: 'error',
    fix: 'use an env var',
    ...overrides,
  };
}

describe('allow.fingerprints', () => {
  it('hides findings by content fingerprint wherever they are, and lists entries that matched nothing', async () => {
    const unusedEntry = 'f'.repeat(32);
    const filter = fingerprintFilter([finding().fingerprint, unusedEntry], 'keyguard.config.json');
    const kept = await filter.apply([finding({ line: 5 }), finding({ line: 50, file: 'b.ts' }), finding({ fingerprint: 'e'.repeat(32) })]);
    expect(kept.map((entry) => entry.fingerprint)).toEqual(['e'.repeat(32)]);
    expect(filter.unused!()).toEqual([
      { kind: 'fingerprint', file: 'keyguard.config.json', detail: `allow.fingerprints entry ${unusedEntry}` },
    ]);
  });
});

describe('allow.paths', () => {
  it('matches repository paths (dotfiles included) and lists globs that matched no file', () => {
    const allowlist = createPathAllowlist(['test/fixtures/**', '**/*.snap', 'vendor/**'], 'package.json');
    expect(allowlist.isPathAllowed('test/fixtures/.env.sample')).toBe(true);
    expect(allowlist.isPathAllowed('src/__snapshots__/a.snap')).toBe(true);
    expect(allowlist.isPathAllowed('src/a.ts')).toBe(false);
    expect(allowlist.unused()).toEqual([{ kind: 'path', file: 'package.json', detail: 'allow.paths entry vendor/**' }]);
  });
});

describe('inline directives', () => {
  const directive = (overrides: Partial<InlineDirective> = {}): InlineDirective & { file: string } => ({
    line: 4,
    kind: 'keyguard-ignore-next-line',
    ruleIds: [],
    target: 5,
    file: 'a.ts',
    ...overrides,
  });
  const suppressed = (overrides: Partial<Finding> = {}): SuppressedFinding => ({ ...finding(overrides), suppressedBy: 'inline' });

  it('counts a directive as used when it suppressed a finding on its target line with a matching rule', () => {
    const directives = [
      directive(),
      directive({ line: 9, target: 10, ruleIds: ['github-pat'] }),
      directive({ line: 20, target: 21, ruleIds: ['generic-secret'] }),
    ];
    const filter = inlineDirectiveFilter(directives, [suppressed(), suppressed({ line: 10 })]);
    filter.apply([]);
    expect(filter.unused!().map((entry) => [entry.kind, entry.file, entry.line])).toEqual([
      ['inline', 'a.ts', 9],
      ['inline', 'a.ts', 20],
    ]);
  });

  it('with --no-inline-ignores (nothing suppressed) counts a reported finding on the target line as a use', () => {
    const filter = inlineDirectiveFilter([directive()], []);
    filter.apply([finding()]);
    expect(filter.unused!()).toEqual([]);
  });

  it('in a history scan, matches directives and findings of the same commit only', () => {
    const filter = inlineDirectiveFilter([{ ...directive(), commit: 'a'.repeat(40) }], [{ ...suppressed(), commit: 'b'.repeat(40) }]);
    filter.apply([]);
    expect(filter.unused!()[0]!.detail).toContain(`added in commit ${'a'.repeat(12)}`);
  });
});
